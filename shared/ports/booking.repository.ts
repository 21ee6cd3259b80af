import type { Booking, BookingStatus, BookingStep, FailureCode, PaymentStatus, PmsStatus } from '#domain/booking.ts';
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
  resolution?: Booking['resolution'];
  payment?: Partial<Booking['payment']> & { status?: PaymentStatus };
  pms?: Partial<Booking['pms']> & { status?: PmsStatus };
}

export interface BookingListQuery {
  status?: BookingStatus;
  hotelId?: string;
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
  /**
   * Records a forward saga step's result (and `patch`, which may make the booking CONFIRMED) only
   * while the booking still advances: PENDING and not compensating. `undefined`, with nothing
   * written, when it does not: a compensation or the recovery job got there first, and the late
   * step must undo what it did instead of overwriting what the compensation recorded.
   */
  advance(bookingId: string, step: BookingStep | undefined, patch: BookingPatch, now: Date): Promise<Booking | undefined>;
  /**
   * Claims the next PMS create of the booking: `pms.createAttempts` goes from `seen` to `seen + 1`
   * (and `pms.createAttemptedAt` to `now`) only while the booking still advances and no other
   * attempt claimed it first. `false`, with nothing written, when refused: then a create is under
   * way elsewhere (or the booking is compensating) and this attempt must not create.
   */
  claimPmsCreate(bookingId: string, seen: number, now: Date): Promise<boolean>;
  /**
   * Marks the booking as compensating before anything is undone (`compensation`, set once: the
   * first reason and time stay), so that from then on `advance` refuses late forward results.
   * Returns the booking; `undefined` when it is CONFIRMED, which a checkout compensation must
   * never touch.
   */
  beginCompensation(bookingId: string, reason: string, now: Date): Promise<Booking | undefined>;
  /**
   * PENDING bookings created before `createdBefore`, oldest first, at most `limit`: what the
   * recovery job looks at. Read from a sparse index that holds PENDING bookings only, so it costs
   * the few bookings in flight, never a scan of all bookings.
   */
  listPending(createdBefore: Date, limit: number): Promise<Booking[]>;
}
