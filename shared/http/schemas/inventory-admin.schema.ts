import * as z from 'zod';
import { FINDING_TYPES } from '#domain/reconciliation.ts';
import { dataEnvelope, Id, IsoDateString, queryInt, safeText } from './common.schema.ts';

export const NightParams = z.object({ hotelId: Id, roomTypeId: Id, date: IsoDateString });

export const MovementsQuery = z.object({ limit: queryInt({ min: 1, max: 500, default: 100 }) });

const Counts = z
  .object({
    total: z.number().int(),
    sellLimit: z.number().int(),
    external: z.number().int(),
    reserved: z.number().int(),
    inPms: z.number().int(),
    remaining: z.number().int(),
  })
  .partial();

export const MovementDto = z
  .object({
    kind: z.enum(['hold', 'release', 'pms-confirm', 'pms-cancel', 'pms-sync', 'policy', 'admin-edit']),
    reason: z.string(),
    ref: z.object({ type: z.string(), id: z.string() }),
    at: z.string(),
    delta: Counts.optional().meta({ description: 'What a relative change moved (holds, releases, PMS counts).' }),
    before: Counts.optional().meta({ description: 'The counts before an absolute change (a PMS report, a policy).' }),
    after: Counts.optional(),
  })
  .meta({ id: 'InventoryMovement' });

export const MovementsResponse = dataEnvelope(z.array(MovementDto));

export const HotelIdParams = z.object({ hotelId: Id });

export const OverbookingPolicyBody = z
  .object({
    percent: z
      .number()
      .int()
      .min(100)
      .max(300)
      .meta({ description: 'Percentage of total all channels may sell: 100 = no overbooking, 110 = the default.' }),
    ranges: z
      .array(
        z
          .object({ from: IsoDateString, to: IsoDateString, rooms: z.number().int().min(0).max(1000) })
          .refine((r) => r.from <= r.to, { path: ['to'], message: 'must be on or after from' }),
      )
      .max(100)
      .default([])
      .meta({ description: 'Rooms beyond total per date range (both dates included), overriding percent there; later ranges win.' }),
  })
  .strict();

export const OverbookingPolicyResponse = dataEnvelope(
  z.object({
    hotelId: z.string(),
    overbooking: z.object({ percent: z.number().int(), ranges: z.array(z.object({ from: z.string(), to: z.string(), rooms: z.number().int() })) }),
    nightsChanged: z.number().int().meta({ description: "Nights whose sell limit changed (each with a 'policy' movement)." }),
  }),
);

export const FindingsQuery = z.object({
  status: z.enum(['open', 'resolved']).default('open'),
  hotelId: Id.optional(),
  limit: queryInt({ min: 1, max: 100, default: 20 }),
  cursor: z.string().max(2048).optional().meta({ description: 'The `nextCursor` of the previous page, with the same filters.' }),
});

export const FindingDto = z
  .object({
    findingId: z.string(),
    type: z.enum(FINDING_TYPES),
    status: z.enum(['open', 'resolved']),
    hotelId: z.string(),
    configId: z.string().optional(),
    bookingId: z.string().optional(),
    pmsReservationId: z.string().optional(),
    roomTypeId: z.string().optional(),
    date: z.string().optional(),
    detail: z.string(),
    action: z.string().optional(),
    source: z.string(),
    firstSeenAt: z.string(),
    lastSeenAt: z.string(),
    resolvedAt: z.string().optional(),
    resolution: z.string().optional(),
  })
  .meta({ id: 'ReconciliationFinding' });

export const FindingsResponse = z.object({ success: z.literal(true), data: z.array(FindingDto), nextCursor: z.string().optional() });

export const FindingParams = z.object({
  findingId: z.string().min(3).max(250).regex(/^[A-Z_]+:[A-Za-z0-9_.:-]+$/, 'is not a finding id (TYPE:subject)'),
});

export const ResolveFindingBody = z.object({ note: safeText({ max: 1000, multiline: true }) }).strict();

export const FindingResponse = dataEnvelope(FindingDto);
