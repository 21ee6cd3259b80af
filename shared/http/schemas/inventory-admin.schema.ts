import * as z from 'zod';
import { FINDING_TYPES } from '#domain/reconciliation.ts';
import { dataEnvelope, Id, IsoDateString, queryInt, safeText } from './common.schema.ts';
import { InventoryNightDto } from './inventory.schema.ts';

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

const StayLength = z.number().int().min(1).max(365);

/** An admin's edit of one night: at least one of `total` and `overrides`, and why (the ledger keeps it). */
export const EditNightBody = z
  .object({
    total: z
      .number()
      .int()
      .min(0)
      .max(1000)
      .optional()
      .meta({ description: "Rooms for sale that night; only for a room type no PMS manages (422 otherwise: change it in the PMS)." }),
    overrides: z
      .object({
        minStay: StayLength.nullable().optional(),
        maxStay: StayLength.nullable().optional(),
        closedToArrival: z.boolean().nullable().optional(),
        closedToDeparture: z.boolean().nullable().optional(),
        stopSell: z.boolean().nullable().optional(),
      })
      .strict()
      .optional()
      .meta({ description: "The hotel's own rules for the night, winning over the PMS's (false too); null lifts one, an absent key leaves it." }),
    reason: safeText({ max: 200 }).meta({ description: "Why, for the night's movement ledger." }),
  })
  .strict()
  .refine((b) => b.total !== undefined || b.overrides !== undefined, { path: ['total'], message: 'give total or overrides (or both)' });

export const EditNightResponse = dataEnvelope(InventoryNightDto);

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
