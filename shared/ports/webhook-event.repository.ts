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
  /** Removes an event that is still RECEIVED (its enqueue failed); false when it is not, or is gone. */
  deleteIfReceived(vendor: WebhookVendor, eventId: string): Promise<boolean>;
  /**
   * FAILED events, the most recently failed first, with their reason: what an admin must see
   * (an unknown PMS hotel, an unmapped room type, a foreign currency, a PMS that stayed down).
   */
  listFailed(query: { limit: number; after?: PagePosition }): Promise<KeysetPage<WebhookEvent>>;
  /**
   * FAILED -> RECEIVED, once: the event may be applied again (its mapping was fixed). False when
   * it is not FAILED (already retried, processed, or gone), so two retries cannot both reopen it.
   */
  reopenFailed(vendor: WebhookVendor, eventId: string, at: Date): Promise<boolean>;
}
