import { DomainError, type ErrorCode } from './errors.ts';
import type { RestrictionViolation } from './inventory.ts';

/** Not enough rooms left on at least one night of the stay (409). */
export class SoldOutError extends DomainError {
  override readonly name = 'SoldOutError';
  readonly code = 'SOLD_OUT';
}

/**
 * The stay lies outside the nights the hotel sells now: beyond its booking horizon
 * (`bookingHorizonDays`, `shared/domain/hotel.ts`). Not SOLD_OUT: nothing was sold; the nights are
 * simply not on sale yet (422).
 */
export class OutsideBookingWindowError extends DomainError {
  override readonly name = 'OutsideBookingWindowError';
  readonly code = 'OUTSIDE_BOOKING_WINDOW';
}

/** The hold ran out before the booking could be confirmed (410). */
export class HoldExpiredError extends DomainError {
  override readonly name = 'HoldExpiredError';
  readonly code = 'HOLD_EXPIRED';
}

/**
 * The stay breaks one of the night's restrictions (min/max stay, closed to arrival or departure,
 * stop-sell): 422 with the rule's own code, and the night and rule in the message and details.
 */
export class StayRestrictedError extends DomainError {
  override readonly name = 'StayRestrictedError';
  constructor(
    readonly code: RestrictionViolation['code'],
    message: string,
    details: { date: string },
  ) {
    super(message, { details });
  }
}

/** An Idempotency-Key came back with a different request body (422). */
export class IdempotencyKeyReusedError extends DomainError {
  override readonly name = 'IdempotencyKeyReusedError';
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
  constructor(options?: ErrorOptions) {
    super('This Idempotency-Key was already used for a different request. Use a new key for a new booking.', options);
  }
}

/**
 * DynamoDB kept cancelling a transaction for conflicts after every retry: a real outage-like
 * condition (503), never a user's mistake.
 */
export class StorageContentionError extends DomainError {
  override readonly name = 'StorageContentionError';
  readonly code = 'STORAGE_CONTENTION';
}

/**
 * The saga settled the booking as failed; `code` is the booking's failure code (SOLD_OUT,
 * PAYMENT_DECLINED, HOLD_EXPIRED, PMS_UNAVAILABLE, PAYMENT_UNAVAILABLE), so the checkout answers
 * exactly as if the step had failed in the request itself.
 */
export class CheckoutFailedError extends DomainError {
  override readonly name = 'CheckoutFailedError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    bookingId: string,
  ) {
    super(message, { details: { bookingId } });
  }
}

/**
 * The booking status machine (`booking-status.ts`) refuses the change: cancelling a booking that
 * is checked in, checking in a cancelled one (409). `details` names both statuses and the action.
 */
export class InvalidTransitionError extends DomainError {
  override readonly name = 'InvalidTransitionError';
  readonly code = 'INVALID_TRANSITION';
  constructor(
    readonly from: string,
    readonly to: string,
    action?: string,
  ) {
    super(`A ${from} booking cannot become ${to}${action ? ` (${action})` : ''}.`, {
      details: { from, to, ...(action ? { action } : {}) },
    });
  }
}

/**
 * A stay starting today is booked after the hotel's same-day cut-off (default 15:00 hotel time,
 * seed 001 edge case 2): the hotel can no longer prepare the room (422).
 */
export class SameDayCutoffError extends DomainError {
  override readonly name = 'SameDayCutoffError';
  readonly code = 'SAME_DAY_CUTOFF';
}

/**
 * Another cancellation or modification of this booking is running (409): one change at a time, so
 * a modification and a cancellation of one booking never both happen. Retry once it has finished.
 */
export class ChangeInProgressError extends DomainError {
  override readonly name = 'ChangeInProgressError';
  readonly code = 'CHANGE_IN_PROGRESS';
}

/** A modification that changes nothing (the same stay as booked) is refused (422). */
export class NothingToChangeError extends DomainError {
  override readonly name = 'NothingToChangeError';
  readonly code = 'NOTHING_TO_CHANGE';
}

/**
 * A cancellation or modification settled as failed (the saga undid everything): `code` is its
 * failure code (SOLD_OUT, PAYMENT_DECLINED, PMS_REJECTED, PMS_UNAVAILABLE, PAYMENT_UNAVAILABLE),
 * and the booking is unchanged.
 */
export class ChangeFailedError extends DomainError {
  override readonly name = 'ChangeFailedError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    details: { bookingId: string; changeId: string },
  ) {
    super(message, { details });
  }
}

/**
 * DynamoDB did not answer (a timeout, a throttle that outlasted the SDK's retries, a 5xx, no
 * connection): 503, and the request may have been applied or not, so a client repeats it with the
 * same Idempotency-Key. Raised by the document client's error hook (`document-client.ts`), never by
 * a condition that failed.
 */
export class StorageUnavailableError extends DomainError {
  override readonly name = 'StorageUnavailableError';
  readonly code = 'STORAGE_UNAVAILABLE';
}

/**
 * The request used up its time before it stored anything we could point the client at (503 with
 * our envelope, instead of the runtime's bare timeout). After the booking exists, a checkout that
 * runs out of time answers 202 PENDING instead.
 */
export class TimedOutError extends DomainError {
  override readonly name = 'TimedOutError';
  readonly code = 'TIMED_OUT';
}

/**
 * A forward saga step finished after the booking had started compensating (or was settled): its
 * result is refused, and the step undoes what it did itself before throwing this. Never shown to
 * a client; Step Functions only sees a step that failed.
 */
export class SagaAbandonedError extends DomainError {
  override readonly name = 'SagaAbandonedError';
  readonly code = 'INTERNAL_ERROR';
}
