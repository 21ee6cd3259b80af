import { DomainError } from './errors.ts';

/**
 * Why a webhook was refused as unauthenticated. Reported in metrics and logs; the sender only sees
 * the message, which says what to fix without revealing anything about our secrets.
 */
export type WebhookRejection =
  | 'missing_signature'
  | 'malformed_signature'
  | 'stale_timestamp'
  | 'future_timestamp'
  | 'signature_mismatch'
  | 'no_secret'
  | 'missing_token'
  | 'token_mismatch';

/** The delivery could not be authenticated (401): bad or missing signature or token, or a replay. Nothing is stored. */
export class WebhookSignatureInvalidError extends DomainError {
  override readonly name = 'WebhookSignatureInvalidError';
  readonly code = 'WEBHOOK_SIGNATURE_INVALID';
  readonly reason: WebhookRejection;

  constructor(reason: WebhookRejection, message: string, options?: ErrorOptions) {
    super(message, options);
    this.reason = reason;
  }
}

/** The body is larger than a webhook may be (413). */
export class PayloadTooLargeError extends DomainError {
  override readonly name = 'PayloadTooLargeError';
  readonly code = 'PAYLOAD_TOO_LARGE';
}

/** No webhook endpoint exists for this vendor (404); OPERA, for one, is polled. */
export class WebhookVendorNotSupportedError extends DomainError {
  override readonly name = 'WebhookVendorNotSupportedError';
  readonly code = 'NOT_FOUND';
}

/**
 * The event could not be queued for processing (503). It was not kept either, so the PMS's retry
 * is stored afresh instead of being taken for a duplicate of an event that would never be applied.
 */
export class WebhookQueueUnavailableError extends DomainError {
  override readonly name = 'WebhookQueueUnavailableError';
  readonly code = 'WEBHOOK_QUEUE_UNAVAILABLE';
}

/**
 * A stored event that can never be applied as it is: its hotel or room type is not mapped to ours,
 * its currency is not the hotel's. The processor marks it FAILED and does not retry it.
 */
export class WebhookEventRejectedError extends DomainError {
  override readonly name = 'WebhookEventRejectedError';
  readonly code = 'WEBHOOK_EVENT_REJECTED';
}
