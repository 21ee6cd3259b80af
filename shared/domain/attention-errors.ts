import { DomainError } from './errors.ts';

/**
 * Retrying the compensations of, or resolving, a booking that is not in NEEDS_ATTENTION and was
 * never closed that way (409): PENDING (its saga or the recovery job still owns it), CONFIRMED,
 * or FAILED by its own saga. Nothing was changed.
 */
export class BookingNotInAttentionError extends DomainError {
  override readonly name = 'BookingNotInAttentionError';
  readonly code = 'BOOKING_NOT_IN_ATTENTION';
}

/**
 * Closing on its own a dead letter whose booking is NEEDS_ATTENTION (409): that booking is settled
 * through its own routes (retry-compensation, resolve), which close its letters with it, so the
 * letter never says settled while its booking still holds money or rooms. Nothing was changed.
 */
export class LetterClosesWithBookingError extends DomainError {
  override readonly name = 'LetterClosesWithBookingError';
  readonly code = 'LETTER_CLOSES_WITH_BOOKING';
}
