import * as z from 'zod';
import { isIsoDate } from '#domain/dates.ts';
import type { FieldIssue } from '#domain/errors.ts';

/**
 * The webhook bodies the PMSs send, as zod schemas: the receiver validates a verified body with
 * them (400 with the offending fields), and the processor reads the stored body back through them.
 * Vendor shapes stop here; what goes on is our own `PmsNightFact`s.
 */
const IsoDate = z.string().refine(isIsoDate, { message: 'must be a real date in YYYY-MM-DD form' });

/** ISO 4217 codes the runtime knows, so `toMinorUnits` never meets a currency it cannot scale. */
const Currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as KRW')
  .refine((code) => Intl.supportedValuesOf('currency').includes(code), { message: 'is not a known ISO 4217 currency' });

/** Nights per event, as in the generic protocol's bulk reads. */
const MAX_NIGHTS = 400;

/** The generic protocol's event envelope (docs/generic-pms-protocol.md §5.4). */
export const GenericEnvelope = z.object({
  eventId: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces'),
  eventType: z.string().min(1).max(64),
  hotelId: z.string().min(1).max(128),
  roomTypeId: z.string().min(1).max(128),
  timestamp: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a zone, e.g. 2026-05-04T03:00:00.000Z' }),
  data: z.unknown(),
});

/**
 * One night of an `inventory_update`: its `total`, and since protocol 1.1 optionally its whole
 * state (`available` and the restrictions of §4.3).
 */
const InventoryNightUpdate = z.object({
  date: IsoDate,
  total: z.number().int().min(0).max(100_000),
  available: z.number().int().min(-100_000).max(100_000).optional(),
  minStay: z.number().int().min(0).max(365).nullish(),
  maxStay: z.number().int().min(0).max(365).nullish(),
  closedToArrival: z.boolean().optional(),
  closedToDeparture: z.boolean().optional(),
  stopSell: z.boolean().optional(),
});

export type InventoryNightUpdate = z.output<typeof InventoryNightUpdate>;

export const InventoryUpdate = GenericEnvelope.extend({
  eventType: z.literal('inventory_update'),
  data: z.object({
    inventory: z.array(InventoryNightUpdate).min(1).max(MAX_NIGHTS),
  }),
});

export const RateUpdate = GenericEnvelope.extend({
  eventType: z.literal('rate_update'),
  data: z.object({
    rates: z
      .array(z.object({ date: IsoDate, price: z.number().nonnegative().max(1e9), currency: Currency }))
      .min(1)
      .max(MAX_NIGHTS),
  }),
});

export const ReservationUpdate = GenericEnvelope.extend({
  eventType: z.literal('reservation_update'),
  data: z.looseObject({
    reservationId: z.string().min(1).max(128),
    /** Our booking id; empty or `null` for another channel's reservation. */
    externalId: z.string().max(128).nullish(),
    status: z.string().min(1).max(32),
    /** Where the reservation came from (`front-desk`, `ota`, `api`, ...), when the PMS says. */
    channel: z.string().max(64).nullish(),
    checkIn: IsoDate,
    checkOut: IsoDate,
    rooms: z.number().int().positive(),
  }),
});

/** Event types the generic protocol defines; others are acknowledged and ignored (§5.4). */
export const GENERIC_EVENT_TYPES = ['inventory_update', 'rate_update', 'reservation_update'] as const;

export const GenericWebhookPayload = z.discriminatedUnion('eventType', [InventoryUpdate, RateUpdate, ReservationUpdate]);

export type GenericWebhookPayload = z.infer<typeof GenericWebhookPayload>;

/**
 * A Cloudbeds delivery: `{version, event, timestamp (unix seconds, fractional), propertyID, reservationID}`.
 * Only a hint of what changed; the processor fetches the data itself.
 */
export const CloudbedsWebhookPayload = z.looseObject({
  version: z.string().max(16).optional(),
  event: z
    .string()
    .regex(/^[a-z_]+\/[a-z_]+$/, 'must look like reservation/created')
    .max(64),
  timestamp: z.number().positive().finite(),
  propertyID: z.union([z.number().int().nonnegative(), z.string().min(1).max(64)]),
  reservationID: z.union([z.string().min(1).max(64), z.number().int().nonnegative()]).optional(),
});

export type CloudbedsWebhookPayload = z.infer<typeof CloudbedsWebhookPayload>;

/** Cloudbeds sends no event id: the event, the reservation and the timestamp identify a delivery and its retries. */
export function cloudbedsEventId(payload: CloudbedsWebhookPayload): string {
  return `${payload.event}:${payload.reservationID ?? ''}:${payload.timestamp}`;
}

/** `propertyID` arrives as a number; our keys hold the PMS's ids as strings. */
export function cloudbedsPropertyId(payload: { propertyID?: unknown; propertyID_str?: unknown }): string | undefined {
  const id = payload.propertyID;
  if (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0) return String(id);
  if (typeof id === 'string' && id.length > 0 && id.length <= 64) return id;
  return undefined;
}

/** zod issues in the `details` shape every 4xx uses, under `body.`. */
export function bodyIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ field: ['body', ...issue.path.map(String)].join('.'), message: issue.message }));
}
