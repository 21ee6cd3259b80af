import type { WebhookApplyResult, WebhookEvent, WebhookVendor } from '#domain/webhook.ts';
import type { KeysetPage, PagePosition } from './pagination.ts';

/** How a processing attempt ended. */
export type WebhookOutcome =
  | { status: 'PROCESSED'; result: WebhookApplyResult; note?: string }
  | { status: 'IGNORED'; note: string }
  | { status: 'FAILED'; error: string; retryable: boolean };

/** Stored PMS webhook events (seed 000's `pms_webhook_events`), one per vendor + eventId. */
export interface WebhookEventRepository {
  /**
   * Stores a new event. Atomic: of two deliveries of the same event racing each other, exactly one
   * is `created`, the other is a `duplicate` and must change nothing.
   */
  create(event: WebhookEvent): Promise<'created' | 'duplicate'>;
  get(vendor: WebhookVendor, eventId: string): Promise<WebhookEvent | undefined>;
  /** Counts one more processing attempt; the event as it now is, or undefined when it is gone. */
  startAttempt(vendor: WebhookVendor, eventId: string): Promise<WebhookEvent | undefined>;
  finish(vendor: WebhookVendor, eventId: string, outcome: WebhookOutcome, at: Date): Promise<void>;
  /**
   * FAILED events, the most recently failed first, with their reason: what an admin must see
   * (an unknown PMS hotel, an unmapped room type, a foreign currency, a PMS that stayed down).
   */
  listFailed(query: { limit: number; after?: PagePosition }): Promise<KeysetPage<WebhookEvent>>;
  /**
   * FAILED -> RECEIVED, once, and back in the outbox: the event may be applied again (its mapping was fixed). False when
   * it is not FAILED (already retried, processed, or gone), so two retries cannot both reopen it.
   */
  reopenFailed(vendor: WebhookVendor, eventId: string, at: Date): Promise<boolean>;
  /** Records that the queue accepted the event (`queuedAt`), taking it out of the outbox. Safe to repeat. */
  markQueued(vendor: WebhookVendor, eventId: string, at: Date): Promise<void>;
  /**
   * The outbox: RECEIVED events never queued, stored before `before`, oldest first, at most
   * `limit`. Events stored IGNORED are never in it.
   */
  listUnqueued(before: Date, limit: number): Promise<WebhookEvent[]>;
}
