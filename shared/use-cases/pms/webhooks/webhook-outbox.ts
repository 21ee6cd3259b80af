import type { WebhookEvent, WebhookVendor } from '#domain/webhook.ts';
import { WebhookQueueUnavailableError } from '#domain/webhook-errors.ts';
import type { WebhookEventRepository } from '#ports/webhook-event.repository.ts';
import type { WebhookQueue } from '#ports/webhook-queue.port.ts';

/**
 * The webhook outbox (issue 12: store and enqueue as one). The receiver stores an event first,
 * then queues it and records `queuedAt`; a crash or a queue outage between the two leaves a
 * RECEIVED event without `queuedAt`, which is still owed to the processor. Two things queue it:
 * the PMS's redelivery (the receiver answers it `202`, not `200 duplicate`) and the
 * `EnqueueStoredWebhooks` sweep. Queueing an event twice is harmless: the processor skips an
 * event that is no longer RECEIVED, and applying a fact twice changes nothing.
 */
export interface WebhookOutboxDeps {
  webhookEvents: Pick<WebhookEventRepository, 'markQueued' | 'listUnqueued'>;
  queue: WebhookQueue;
  clock: () => Date;
}

/** Queues a stored event and takes it out of the outbox. Throws `WebhookQueueUnavailableError` when the queue refused it (it stays in the outbox). */
export async function enqueueStored(deps: Pick<WebhookOutboxDeps, 'queue' | 'clock'> & { webhookEvents: Pick<WebhookEventRepository, 'markQueued'> }, vendor: WebhookVendor, eventId: string): Promise<void> {
  try {
    await deps.queue.enqueue({ vendor, eventId });
  } catch (error) {
    throw new WebhookQueueUnavailableError('The event is stored but could not be queued yet; it will be applied once queued.', { cause: error });
  }
  // Queued is what counts; should this record fail, the sweep queues it once more, which is harmless.
  await deps.webhookEvents.markQueued(vendor, eventId, deps.clock()).catch(() => undefined);
}

/** Whether a stored event is still owed to the queue. */
export function isUnqueued(event: Pick<WebhookEvent, 'status' | 'queuedAt'>): boolean {
  return event.status === 'RECEIVED' && !event.queuedAt;
}

export interface OutboxSweepReport {
  queued: number;
  failed: number;
}

/**
 * The sweep (every minute): queues every event stored more than `graceSeconds` ago and never
 * queued (younger ones are most likely being queued by their receiver right now). One that the
 * queue refuses is left for the next run.
 */
export async function enqueueStoredWebhooks(deps: WebhookOutboxDeps, options: { graceSeconds: number; limit: number }): Promise<OutboxSweepReport> {
  const before = new Date(deps.clock().getTime() - options.graceSeconds * 1000);
  const owed = await deps.webhookEvents.listUnqueued(before, options.limit);
  let queued = 0;
  for (const event of owed) {
    try {
      await enqueueStored(deps, event.vendor, event.eventId);
      queued += 1;
    } catch {
      // Stays in the outbox; counted below and tried again on the next run.
    }
  }
  return { queued, failed: owed.length - queued };
}
