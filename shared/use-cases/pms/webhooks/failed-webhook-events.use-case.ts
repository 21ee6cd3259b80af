import { NotFoundError } from '#domain/errors.ts';
import type { WebhookEvent, WebhookVendor } from '#domain/webhook.ts';
import type { WebhookEventRepository } from '#ports/webhook-event.repository.ts';
import type { WebhookQueue } from '#ports/webhook-queue.port.ts';
import { enqueueStored } from './webhook-outbox.ts';

export interface RetryWebhookEventDeps {
  webhookEvents: Pick<WebhookEventRepository, 'get' | 'reopenFailed' | 'markQueued'>;
  queue: WebhookQueue;
  clock: () => Date;
}

export interface RetryWebhookEventResult {
  /** The event as it is after the retry. */
  event: WebhookEvent;
  /** Whether it was handed to the processor again. */
  requeued: boolean;
}

/**
 * `POST /api/admin/pms/webhook-events/{vendor}/{eventId}/retry`: an admin fixed what made an event
 * fail (mapped the room type, imported the hotel) and sends it back to the processor, which reads
 * the stored body again and applies it as if it had just arrived.
 *
 * Idempotent: a FAILED event is reopened (RECEIVED) exactly once, however many retries race, and
 * queued; an event that is RECEIVED (reopened, but its enqueue failed, or still waiting) is queued
 * again, which the processor tolerates (it skips an event already finished, and applying one twice
 * changes nothing); a PROCESSED or IGNORED event is left alone. An unknown event is 404; a queue
 * that refuses the message is 503 `WEBHOOK_QUEUE_UNAVAILABLE`, and the event stays RECEIVED in the
 * outbox, which the `EnqueueStoredWebhooks` sweep queues.
 */
export async function retryWebhookEvent(
  deps: RetryWebhookEventDeps,
  input: { vendor: WebhookVendor; eventId: string },
): Promise<RetryWebhookEventResult> {
  let event = await deps.webhookEvents.get(input.vendor, input.eventId);
  if (!event) throw new NotFoundError('Webhook event', `${input.vendor}/${input.eventId}`);
  if (event.status === 'FAILED') {
    await deps.webhookEvents.reopenFailed(input.vendor, input.eventId, deps.clock());
    // Reopened by us or by a retry racing ours: either way, as it is now.
    event = await deps.webhookEvents.get(input.vendor, input.eventId);
    if (!event) throw new NotFoundError('Webhook event', `${input.vendor}/${input.eventId}`);
  }
  if (event.status !== 'RECEIVED') return { event, requeued: false };
  // Through the outbox: a queue that refuses it leaves it there for the sweep (and this answers 503).
  await enqueueStored(deps, event.vendor, event.eventId);
  return { event, requeued: true };
}
