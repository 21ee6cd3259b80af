import type {
  Booking,
  BookingCancellation,
  BookingChangeRecord,
  BookingPolicy,
  BookingStatus,
  BookingStay,
  BookingStep,
  FailureCode,
  PaymentStatus,
  PmsStatus,
} from '#domain/booking.ts';
import type { BookingSearchTerm } from '#domain/booking-search.ts';
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
  resolution?: Booking['resolution'];
  payment?: Partial<Booking['payment']> & { status?: PaymentStatus };
  pms?: Partial<Booking['pms']> & { status?: PmsStatus };
  /** A modification's new stay and price (the booking's list indexes follow `checkIn`). */
  stay?: BookingStay & { totalMinor: number; policy?: BookingPolicy };
  cancellation?: BookingCancellation;
  modificationCount?: number;
}

/**
 * The one-change-at-a-time lock (`Booking.change`) in a transition's condition:
 * - `claim`: only when no change runs; the change becomes the running one.
 * - `holder`: only while the change with this id runs; `finish` ends it, appending its final
 *   record to `changes` in the same write (exactly once, however often a step runs).
 * - `free`: only when no change runs (check-in, check-out, a no-show must not overtake a
 *   modification half-way).
 */
export type ChangeLock =
  | { claim: BookingChangeRecord }
  | { holder: string; finish?: BookingChangeRecord }
  | { free: true };

export interface TransitionRequest {
  /** Statuses the booking must be in; `to` may be one of them (a change that keeps the status). */
  from: readonly BookingStatus[];
  to: BookingStatus;
  patch?: Omit<BookingPatch, 'status'>;
  step?: BookingStep;
  lock?: ChangeLock;
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

/**
 * The timeline entries one write records: usually one step's, several when one write carries the
 * results of consecutive steps (the capture's entry rides on the finalization's write).
 */
export type StepEntries = BookingStep | readonly BookingStep[] | undefined;

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
   * Moves the booking to `to` only if its status is one of `from` (and the change lock is as
   * `lock` asks), applying `patch` and recording `step` in the same write. `undefined` when the
   * condition does not hold (someone else moved it first, or another change runs), so a
   * transition happens once however many callers race for it. Callers check the move against the
   * status machine (`#domain/booking-status.ts`) first.
   */
  transition(bookingId: string, change: TransitionRequest, now: Date): Promise<Booking | undefined>;
  /**
   * Records a forward saga step's result (and `patch`, which may make the booking CONFIRMED) only
   * while the booking still advances: PENDING and not compensating. `undefined`, with nothing
   * written, when it does not: a compensation or the recovery job got there first, and the late
   * step must undo what it did instead of overwriting what the compensation recorded.
   */
  advance(bookingId: string, step: StepEntries, patch: BookingPatch, now: Date): Promise<Booking | undefined>;
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

/** `GET /api/admin/bookings?q=`: an e-mail or name search with the list's filters (issue 10). */
export interface BookingSearchQuery extends Omit<BookingListQuery, 'after'> {
  term: Exclude<BookingSearchTerm, { kind: 'id' }>;
  after?: PagePosition;
}

/**
 * Finds bookings by their search keys (`#domain/booking-search.ts`), apart from `BookingRepository`
 * so that only the functions that search bundle it.
 */
export interface BookingSearchReader {
  /**
   * Bookings whose guest e-mail is the term's (newest booked first) or whose name key starts with
   * the term's prefix (name order), within `hotelId` or `hotelIds` when given, with the status and
   * check-in filters. Filled and budgeted like `BookingRepository.list`: shorter than `limit` only at
   * the end or when the read budget ran out, `next` absent only at the end.
   */
  search(query: BookingSearchQuery): Promise<BookingListPage>;
  /**
   * The bookings of a hotel whose checkout started (`createdAt`) in `[from, to)` (ISO instants),
   * oldest first, at most `limit`; `complete` is false when more were there (the booking measures).
   */
  startedBetween(hotelId: string, from: string, to: string, limit: number): Promise<{ bookings: Booking[]; complete: boolean }>;
}
