import * as z from 'zod';
import { dataEnvelope, Id } from './common.schema.ts';

/** `{id}`: the PMS config id, as `GET /api/admin/pms/configs` lists it. */
export const PmsConfigIdParams = z.object({ id: Id });

/** What "sync now" answers: one poll's outcome, ok or not (a failed poll is still a 200 report). */
export const PmsSyncSummaryDto = z
  .object({
    configId: z.string(),
    status: z.enum(['ok', 'failed']),
    nights: z.object({
      applied: z.number().int().meta({ description: 'Existing nights updated from the PMS.' }),
      created: z.number().int().meta({ description: 'Nights the PMS reported that we did not have yet.' }),
      stale: z.number().int().meta({ description: 'Nights skipped because newer PMS data was already applied.' }),
    }),
    overbooked: z
      .array(z.object({ roomTypeId: z.string(), date: z.string() }))
      .meta({ description: 'Nights the PMS shrank below the rooms already sold.' }),
    hotelCancelled: z
      .array(z.string())
      .meta({ description: 'Our bookings this poll found cancelled by the hotel, now CANCELLED_BY_HOTEL (PMSs without webhooks, such as OPERA).' }),
    durationMs: z.number().int(),
    error: z.string().optional().meta({ description: 'Why the poll failed: our message, never the vendor body or a credential.' }),
    consecutiveFailures: z.number().int(),
    paused: z.boolean(),
    circuit: z.enum(['CLOSED', 'OPEN', 'HALF_OPEN']),
    range: z.object({ from: z.string(), to: z.string() }).optional().meta({ description: "The nights polled, in the hotel's calendar." }),
  })
  .meta({ id: 'PmsSyncSummary' });

export const PmsSyncResponse = dataEnvelope(PmsSyncSummaryDto);
