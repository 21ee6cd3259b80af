import { DomainError } from './errors.ts';

/** Another room of the hotel already has this number (409). */
export class RoomNumberTakenError extends DomainError {
  override readonly name = 'RoomNumberTakenError';
  readonly code = 'ROOM_NUMBER_TAKEN';
}

/**
 * A room cannot take the stay: another stay holds it on a night, it is under maintenance, or it is
 * of another room type (409, `details` names the room and, for a taken night, the date).
 */
export class RoomUnavailableError extends DomainError {
  override readonly name = 'RoomUnavailableError';
  readonly code = 'ROOM_UNAVAILABLE';
}

/** The room holds stays today or later, so it cannot be deleted (move them first) (409). */
export class RoomInUseError extends DomainError {
  override readonly name = 'RoomInUseError';
  readonly code = 'ROOM_IN_USE';
}

/**
 * The booking cannot be given rooms: it is not confirmed (or checked in), or its stay is over (409).
 */
export class BookingNotAssignableError extends DomainError {
  override readonly name = 'BookingNotAssignableError';
  readonly code = 'BOOKING_NOT_ASSIGNABLE';
}
