import type { WebhookEvent, WebhookVendor } from '../../../shared/domain/webhook.ts';
import type { KeysetPage, PagePosition } from '../../../shared/ports/pagination.ts';
import type { WebhookEventRepository, WebhookOutcome } from '../../../shared/ports/webhook-event.repository.ts';

const keyOf = (vendor: WebhookVendor, eventId: string) => `${vendor}#${eventId}`;
const copy = <T>(value: T): T => structuredClone(value);

/**
 * Webhook events in memory, one per vendor + eventId, with the DynamoDB adapter's rules: `create`
 * is put-once (a second delivery is a `duplicate` and changes nothing), `startAttempt` counts an
 * attempt on a stored event, `finish` throws for an event that is gone and clears a previous
 * failure's `error`/`retryable`, `markQueued` keeps the first `queuedAt`, `listUnqueued` is the outbox
 * (RECEIVED, never queued, stored before the time given, oldest first), `listFailed`
 * lists FAILED events newest failure first, `reopenFailed` turns a FAILED event RECEIVED once.
 */
export class FakeWebhookEventRepository implements WebhookEventRepository {
  private readonly events = new Map<string, WebhookEvent>();

  async create(event: WebhookEvent): Promise<'created' | 'duplicate'> {
    const key = keyOf(event.vendor, event.eventId);
    if (this.events.has(key)) return 'duplicate';
    this.events.set(key, copy(event));
    return 'created';
  }

  async get(vendor: WebhookVendor, eventId: string): Promise<WebhookEvent | undefined> {
    const event = this.events.get(keyOf(vendor, eventId));
    return event ? copy(event) : undefined;
  }

  async startAttempt(vendor: WebhookVendor, eventId: string): Promise<WebhookEvent | undefined> {
    const event = this.events.get(keyOf(vendor, eventId));
    if (!event) return undefined;
    event.attempts = (event.attempts ?? 0) + 1;
    return copy(event);
  }

  async finish(vendor: WebhookVendor, eventId: string, outcome: WebhookOutcome, at: Date): Promise<void> {
    const event = this.events.get(keyOf(vendor, eventId));
    if (!event) throw new Error(`Webhook event ${vendor}/${eventId} does not exist`);
    event.status = outcome.status;
    event.processedAt = at.toISOString();
    if (outcome.status === 'FAILED') {
      event.error = outcome.error;
      event.retryable = outcome.retryable;
      return;
    }
    delete event.error;
    delete event.retryable;
    if (outcome.status === 'PROCESSED') event.result = copy(outcome.result);
    if (outcome.note !== undefined) event.note = outcome.note;
  }

  async markQueued(vendor: WebhookVendor, eventId: string, at: Date): Promise<void> {
    const event = this.events.get(keyOf(vendor, eventId));
    if (event && !event.queuedAt) event.queuedAt = at.toISOString();
  }

  async listUnqueued(before: Date, limit: number): Promise<WebhookEvent[]> {
    return [...this.events.values()]
      .filter((e) => e.status === 'RECEIVED' && !e.queuedAt && e.receivedAt < before.toISOString())
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || keyOf(a.vendor, a.eventId).localeCompare(keyOf(b.vendor, b.eventId)))
      .slice(0, limit)
      .map(copy);
  }

  async listFailed(query: { limit: number; after?: PagePosition }): Promise<KeysetPage<WebhookEvent>> {
    const failed = [...this.events.values()]
      .filter((e) => e.status === 'FAILED')
      .sort((a, b) => `${b.processedAt}#${b.vendor}#${b.eventId}`.localeCompare(`${a.processedAt}#${a.vendor}#${a.eventId}`));
    const start = query.after ? Number(query.after.offset) : 0;
    const items = failed.slice(start, start + query.limit).map(copy);
    return { items, ...(start + query.limit < failed.length ? { next: { offset: start + query.limit } } : {}) };
  }

  async reopenFailed(vendor: WebhookVendor, eventId: string, at: Date): Promise<boolean> {
    const event = this.events.get(keyOf(vendor, eventId));
    if (event?.status !== 'FAILED') return false;
    event.status = 'RECEIVED';
    event.retriedAt = at.toISOString();
    delete event.retryable;
    return true;
  }

  /** Test helper: every stored event. */
  all(): WebhookEvent[] {
    return [...this.events.values()].map(copy);
  }
}
