import * as z from 'zod';
import { WEBHOOK_VENDORS } from '#domain/webhook.ts';
import { dataEnvelope, queryInt } from './common.schema.ts';

/**
 * Admin routes that keep PMSs and our records in agreement: dropped webhooks (list, retry) and
 * reconciliation runs.
 */

export const WebhookEventsQuery = z.object({
  status: z.enum(['FAILED']).default('FAILED').meta({ description: 'Only FAILED events are listed (what was dropped).' }),
  limit: queryInt({ min: 1, max: 100, default: 20 }),
  cursor: z.string().max(2048).optional().meta({ description: 'The `nextCursor` of the previous page.' }),
});

export const WebhookEventDto = z
  .object({
    vendor: z.enum(WEBHOOK_VENDORS),
    eventId: z.string().meta({ description: 'URL-encode it in the retry path (a Cloudbeds id contains "/").' }),
    eventType: z.string(),
    pmsHotelId: z.string(),
    roomTypeId: z.string().optional(),
    configId: z.string().optional(),
    status: z.enum(['RECEIVED', 'PROCESSED', 'FAILED', 'IGNORED']),
    error: z.string().optional().meta({ description: 'Why it failed, in our words.' }),
    retryable: z
      .boolean()
      .optional()
      .meta({ description: 'true: the PMS or our storage was down (the queue retried it); false: it cannot apply until a mapping is fixed.' }),
    attempts: z.number().int(),
    receivedAt: z.string(),
    processedAt: z.string().optional().meta({ description: 'When the last attempt ended (for a FAILED event, when it failed).' }),
    retriedAt: z.string().optional(),
  })
  .meta({ id: 'WebhookEvent' });

export const WebhookEventsResponse = z.object({ success: z.literal(true), data: z.array(WebhookEventDto), nextCursor: z.string().optional() });

/** The retry path's params: the event id decoded (URL-encoded in the path), bounded like the receiver's. */
export const WebhookEventParams = z.object({
  vendor: z.enum(WEBHOOK_VENDORS),
  eventId: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces'),
});

export const RetryWebhookEventResponse = dataEnvelope(
  z.object({
    event: WebhookEventDto,
    requeued: z.boolean().meta({ description: 'true when it was queued again; false for an event already PROCESSED or IGNORED.' }),
  }),
);

const FindingCountsDto = z.object({
  MISSING_IN_PMS: z.number().int(),
  UNKNOWN_PMS_RESERVATION: z.number().int(),
  DUPLICATE_PMS_RESERVATION: z.number().int(),
  OVERSOLD_NIGHT: z.number().int(),
  HOTEL_CANCELLED: z.number().int(),
});

/** What one reconciliation run found and did: a failed run is still a 200 report. */
export const ReconciliationSummaryDto = z
  .object({
    runId: z.string().meta({ description: "The findings' `source` and the ledger movements' reference." }),
    configId: z.string(),
    hotelId: z.string(),
    vendor: z.string(),
    trigger: z.enum(['schedule', 'manual']),
    status: z.enum(['ok', 'failed']),
    range: z.object({ from: z.string(), to: z.string() }).optional().meta({ description: "The nights compared, in the hotel's calendar." }),
    compared: z.object({
      bookings: z.number().int().meta({ description: 'Our confirmed bookings with a night in the range.' }),
      pmsReservations: z.number().int().meta({ description: "The PMS's reservations in the range, every channel and status." }),
      ours: z.number().int().meta({ description: 'Booking ids of ours the PMS has reservations for.' }),
    }),
    found: FindingCountsDto.meta({ description: 'Findings of this run by type, new or already open.' }),
    opened: z.number().int().meta({ description: 'Findings this run opened (each published as reconciliation.finding).' }),
    cancelledInPms: z.array(z.string()).meta({ description: 'PMS reservations this run cancelled (strays with our id, duplicates).' }),
    hotelCancelled: z.array(z.string()).meta({ description: 'Our bookings found cancelled in the PMS: now CANCELLED_BY_HOTEL.' }),
    skipped: z.number().int().meta({ description: 'Reservations with our id whose booking is still in checkout or with an admin: left alone.' }),
    durationMs: z.number().int(),
    error: z.string().optional().meta({ description: 'Why the run failed: our message, never the vendor body or a credential.' }),
    circuit: z.enum(['CLOSED', 'OPEN', 'HALF_OPEN']),
  })
  .meta({ id: 'ReconciliationSummary' });

export const ReconcileResponse = dataEnvelope(ReconciliationSummaryDto);
