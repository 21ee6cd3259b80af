import type { Booking, BookingStatus, BookingStep, FailureCode, PaymentStatus, PmsStatus } from '#domain/booking.ts';
import type { IsoDate } from '#domain/dates.ts';
import type { KeysetPage, PagePosition } from './pagination.ts';

export interface IdempotencyRecord {
  keyHash: string;
  requestHash: string;
  bookingId: string;
  createdAt: string;
}

export type CreateOutcome = { created: true } | { created: false; existing: IdempotencyRecord };

/** What a saga step changes on the booking besides its own timeline entry. */
export interface BookingPatch {
  status?: BookingStatus;
  failureCode?: FailureCode;
  confirmationNumber?: string;
  holdExpiresAt?: string;
  refundDueMinor?: number;
  payment?: Partial<Booking['payment']> & { status?: PaymentStatus };
  pms?: Partial<Booking['pms']> & { status?: PmsStatus };
}

export interface BookingListQuery {
  status?: BookingStatus;
  hotelId?: string;
  /**
   * Only these hotels' bookings (a hotel manager's), when `hotelId` is not given: the hotels' lists
   * merged, newest check-in first. A cursor of this shape is not one of the single list's.
   */
  hotelIds?: readonly string[];
  /** Check-in on or after. */
  from?: string;
  /** Check-in on or before. */
  to?: string;
  /** The page holds this many bookings unless the list ends first (or the read budget ran out). */
  limit: number;
  /** Where the previous page stopped (its `next`). */
  after?: PagePosition;
}

export type BookingListPage = KeysetPage<Booking>;

/** `GET /api/bookings`: one guest's bookings. */
export interface GuestBookingQuery {
  /** The guest's `sub`: the bookings they made signed in. */
  ownerSub: string;
  /** The guest's verified e-mail, when their token has one: also the bookings made without an account with it. */
  verifiedEmail?: string;
  status?: BookingStatus;
  /** `upcoming`: the stay has not ended (check-out after `today`); `past`: it has. */
  when?: 'upcoming' | 'past';
  today: IsoDate;
  limit: number;
  after?: PagePosition;
}

export interface BookingRepository {
  /**
   * Stores the idempotency record and the PENDING booking together, or neither. When the key is
   * already taken (a retry, or a concurrent duplicate) nothing is written and the existing record
   * is returned.
   */
  createPending(booking: Booking, idempotency: IdempotencyRecord): Promise<CreateOutcome>;
  getIdempotencyRecord(keyHash: string): Promise<IdempotencyRecord | undefined>;
  get(bookingId: string): Promise<Booking | undefined>;
  /**
   * Records a step (replacing an earlier entry of the same name, so a step that runs twice shows
   * once) and applies `patch`. A terminal status is never overwritten by PENDING, and CONFIRMED is
   * never overwritten at all.
   */
  recordStep(bookingId: string, step: BookingStep | undefined, patch: BookingPatch, now: Date): Promise<Booking>;
  /**
   * Bookings by check-in, newest first. A page is filled up to `limit` even when a filter skips
   * most bookings, within a bounded read budget; it is shorter only at the end of the list or when
   * that budget ran out, and `next` is absent only at the end. An `after` of another list or shape
   * is refused with `BadCursorError`.
   */
  list(query: BookingListQuery): Promise<BookingListPage>;
  /**
   * Moves the booking to `to` only if its status is one of `from`, applying `patch` and recording
   * `step` in the same write. `undefined` when the booking is not in one of `from` (someone else
   * moved it first), so a transition happens once however many callers race for it.
   */
  transition(
    bookingId: string,
    change: { from: readonly BookingStatus[]; to: BookingStatus; patch?: Omit<BookingPatch, 'status'>; step?: BookingStep },
    now: Date,
  ): Promise<Booking | undefined>;
}

/**
 * A guest's own list (`GET /api/bookings`), apart from `BookingRepository` so that only the function
 * serving it bundles it (every function that touches a booking bundles the repository).
 */
export interface GuestBookingReader {
  /**
   * A guest's bookings, newest booked first: those they own and, with a verified e-mail, those made
   * without an account with that e-mail. Filled and budgeted like `BookingRepository.list`.
   */
  listForGuest(query: GuestBookingQuery): Promise<BookingListPage>;
}
