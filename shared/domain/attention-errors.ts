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
