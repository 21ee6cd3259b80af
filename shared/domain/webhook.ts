import type { PmsVendor } from './pms.ts';

/**
 * PMS webhooks as we keep them: seed 000's `pms_webhook_events`. The endpoint stores each event
 * once (vendor + eventId) before anything else happens, so a delivery the PMS retries, or one that
 * SQS hands to the processor twice, is recognised and changes nothing the second time.
 */

/** Vendors that push changes to us. OPERA has no webhooks (its events are a streaming API): it is polled. */
export const WEBHOOK_VENDORS = ['generic', 'cloudbeds'] as const satisfies readonly PmsVendor[];

export type WebhookVendor = (typeof WEBHOOK_VENDORS)[number];

export function isWebhookVendor(value: string): value is WebhookVendor {
  return (WEBHOOK_VENDORS as readonly string[]).includes(value);
}

/**
 * `RECEIVED`: stored, to be applied (queued once `queuedAt` is set: the outbox, below). `PROCESSED`: applied (stale facts included: they were looked at).
 * `FAILED`: could not be applied; `retryable` says whether a redelivery may still succeed.
 * `IGNORED`: verified and kept for the record, but nothing to apply (an event type we do not act
 * on, or a config with webhooks turned off).
 */
export type WebhookEventStatus = 'RECEIVED' | 'PROCESSED' | 'FAILED' | 'IGNORED';

/** What applying one event did to the inventory copy. */
export interface WebhookApplyResult {
  applied: number;
  created: number;
  stale: number;
  overbooked: string[];
}

export interface WebhookEvent {
  vendor: WebhookVendor;
  /** The PMS's id for the event (generic), or one derived from the delivery (Cloudbeds, see the receiver). */
  eventId: string;
  /** `inventory_update`, `rate_update`, `reservation_update`, or Cloudbeds' `reservation/created`, ... */
  eventType: string;
  /** The PMS's hotel id. */
  pmsHotelId: string;
  /** The PMS's room type id, when the event is about one. */
  roomTypeId?: string;
  /** The config the event was verified against, when one exists. */
  configId?: string;
  /** The body exactly as received (UTF-8 JSON); the processor reads the event from it. */
  payload: string;
  receivedAt: string;
  /**
   * When the queue accepted the event (issue 12: store and enqueue as one). A RECEIVED event
   * without it is in the outbox: a crash or a queue outage came between storing and queueing, and
   * the `EnqueueStoredWebhooks` sweep (or the PMS's redelivery) queues it. The stored event, not
   * the queue, is the truth about what must be applied.
   */
  queuedAt?: string;
  status: WebhookEventStatus;
  processedAt?: string;
  /** Why the event failed; our own words, never a secret. */
  error?: string;
  /** FAILED only: true when SQS should deliver it again (PMS outage), false when it never will apply. */
  retryable?: boolean;
  /** Why an event was ignored, or what a re-fetch skipped. */
  note?: string;
  result?: WebhookApplyResult;
  /** Processing attempts so far. */
  attempts: number;
  /** When an admin last sent a FAILED event back to the queue. */
  retriedAt?: string;
}

/** The message between the endpoint and the processor: a pointer to the stored event, nothing more. */
export interface WebhookQueueMessage {
  vendor: WebhookVendor;
  eventId: string;
}

/** How long stored events are kept (DynamoDB TTL): long enough to recognise any retry, and to investigate. */
export const WEBHOOK_EVENT_RETENTION_DAYS = 30;

/** Larger bodies are refused with 413 before anything is verified or parsed. */
export const MAX_WEBHOOK_BODY_BYTES = 256 * 1024;

/** A signature `t` older than this is a replay (the generic protocol, like Stripe's default tolerance). */
export const SIGNATURE_MAX_AGE_SECONDS = 300;

/** A signature `t` further ahead than this is refused too: clock skew is allowed, pre-signed replays are not. */
export const SIGNATURE_MAX_FUTURE_SECONDS = 60;

/** The encryption context of a config's sealed webhook secret: it only opens for its own config. */
export function webhookSecretContext(configId: string): Record<string, string> {
  return { purpose: 'webhook-secret', configId };
}
