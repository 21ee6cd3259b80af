import { DomainError } from './errors.ts';

/**
 * PMS failures, sorted by what the caller should do next. Every adapter turns its vendor's
 * answers (HTTP status, `success:false`, OHIP problem JSON, network errors) into exactly one of
 * these, so callers switch on the class or `code`, never on a vendor's body. Messages are ours:
 * a vendor's own text stays in `cause`, which is never sent to clients.
 */
export abstract class PmsError extends DomainError {
  /** True when the same call may succeed later (outage, timeout, rate limit). */
  abstract readonly retryable: boolean;
  /** Which vendor answered, for logs and metrics. */
  readonly vendor?: string;

  constructor(message: string, options?: ErrorOptions & { vendor?: string; details?: unknown }) {
    super(message, options);
    if (options?.vendor) this.vendor = options.vendor;
  }
}

/** The hotel, room type or reservation does not exist in the PMS. */
export class PmsNotFoundError extends PmsError {
  override readonly name = 'PmsNotFoundError';
  readonly code = 'PMS_NOT_FOUND';
  readonly retryable = false;
}

/** The PMS refused our credentials (wrong or revoked API key, OAuth client, app key). */
export class PmsAuthError extends PmsError {
  override readonly name = 'PmsAuthError';
  readonly code = 'PMS_AUTH_FAILED';
  readonly retryable = false;
}

/**
 * Too many requests for one PMS property: either the PMS asked us to slow down (HTTP 429,
 * `origin: 'vendor'`), or our own shared limiter found no free request slot within its wait
 * budget (`origin: 'client'`, nothing was sent). Retry after `retryAfterMs` when it is known;
 * Cloudbeds may suspend credentials that keep exceeding its limit, so never retry at once.
 */
export class PmsRateLimitedError extends PmsError {
  override readonly name = 'PmsRateLimitedError';
  readonly code = 'PMS_RATE_LIMITED';
  readonly retryable = true;
  readonly retryAfterMs?: number;
  /** Who refused: the vendor (a 429) or our limiter (the queue for the property was too long). */
  readonly origin: 'vendor' | 'client';

  constructor(message: string, options?: ErrorOptions & { vendor?: string; retryAfterMs?: number; origin?: 'vendor' | 'client' }) {
    super(message, { ...options, details: options?.retryAfterMs !== undefined ? { retryAfterMs: options.retryAfterMs } : undefined });
    if (options?.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    this.origin = options?.origin ?? 'vendor';
  }
}

/**
 * The PMS could not be reached or failed on its side: timeout, connection refused, 5xx. For a
 * state-changing call the outcome is unknown; retrying is safe because creates are looked up by
 * our booking id first and cancels are idempotent.
 */
export class PmsUnavailableError extends PmsError {
  override readonly name = 'PmsUnavailableError';
  readonly code = 'PMS_UNAVAILABLE';
  readonly retryable = true;
}

export type PmsRejectionReason = 'sold_out' | 'hold_expired' | 'invalid_request' | 'other';

/**
 * The PMS understood the request and said no: no rooms left, the hold expired, a value it does not
 * accept. A final answer for this request.
 */
export class PmsRejectedError extends PmsError {
  override readonly name = 'PmsRejectedError';
  readonly code = 'PMS_REJECTED';
  readonly retryable = false;
  readonly reason: PmsRejectionReason;

  constructor(message: string, options?: ErrorOptions & { vendor?: string; reason?: PmsRejectionReason }) {
    const reason = options?.reason ?? 'other';
    super(message, { ...options, details: { reason } });
    this.reason = reason;
  }
}

/**
 * A create (or hold) whose outcome we do not know: it timed out, the connection dropped, or an
 * earlier attempt of the step may still be landing. The PMS may have made it, so the saga does not
 * retry at once: it waits the settle delay and looks our booking id up again (the checkout
 * saga's `SettleReservation` states).
 */
export class PmsOutcomeUnknownError extends PmsError {
  override readonly name = 'PmsOutcomeUnknownError';
  readonly code = 'PMS_UNAVAILABLE';
  readonly retryable = true;
}
