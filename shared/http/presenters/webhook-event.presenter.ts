import type * as z from 'zod';
import type { WebhookEvent } from '#domain/webhook.ts';
import type { WebhookEventDto } from '../schemas/pms-operations.schema.ts';

/**
 * A stored webhook event as admins see it: field by field (an allow-list), without the body the
 * PMS sent, which is the PMS's data and not needed to act on a failure.
 */
export function presentWebhookEvent(event: WebhookEvent): z.infer<typeof WebhookEventDto> {
  return {
    vendor: event.vendor,
    eventId: event.eventId,
    eventType: event.eventType,
    pmsHotelId: event.pmsHotelId,
    ...(event.roomTypeId ? { roomTypeId: event.roomTypeId } : {}),
    ...(event.configId ? { configId: event.configId } : {}),
    status: event.status,
    ...(event.error !== undefined ? { error: event.error } : {}),
    ...(event.retryable !== undefined ? { retryable: event.retryable } : {}),
    attempts: event.attempts,
    receivedAt: event.receivedAt,
    ...(event.processedAt ? { processedAt: event.processedAt } : {}),
    ...(event.retriedAt ? { retriedAt: event.retriedAt } : {}),
  };
}
