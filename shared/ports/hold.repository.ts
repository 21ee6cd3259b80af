import type { BookingStep } from '#domain/booking.ts';
import type { IsoDate } from '#domain/dates.ts';
import type { Booking } from '#domain/booking.ts';
import type { BookingPatch, CreateOutcome, IdempotencyRecord, StepEntries } from './booking.repository.ts';

/**
 * A forward saga step's journal entry (`BookingRepository.advance`), written in the hold's own
 * transaction instead of a write of its own: recorded only while the booking still advances, and
 * when it does not, the hold write does not happen either (`SagaAbandonedError`).
 */
export interface HoldJournal {
  step: StepEntries;
  patch: BookingPatch;
}

export type HoldStatus = 'HELD' | 'CONVERTED' | 'RELEASED';

export interface Hold {
  bookingId: string;
  hotelId: string;
  roomTypeId: string;
  nights: IsoDate[];
  rooms: number;
  status: HoldStatus;
  expiresAt: string;
  createdAt: string;
  releasedAt?: string;
  releaseReason?: string;
  /** True while the PMS counts these rooms (our PMS hold or reservation exists there). */
  inPms?: boolean;
  /** A modification in flight: the new stay's extra rooms are taken, the old stay is not given back yet. */
  move?: HoldMove;
}

/** The stay a modification moves a booking's hold to. */
export interface StayMove {
  /** The modification's change id (`modify-2`): a move is begun, completed or aborted once. */
  moveId: string;
  roomTypeId: string;
  nights: IsoDate[];
  rooms: number;
}

/** A move begun: the rooms it took beyond the old stay, night by night (what an abort gives back). */
export interface HoldMove extends StayMove {
  taken: { roomTypeId: string; date: IsoDate; rooms: number }[];
}

export type ReleaseOutcome = 'RELEASED' | 'ALREADY_RELEASED' | 'NO_HOLD';

/**
 * Rooms taken out of inventory for one booking. A hold and the night counters it moved change in
 * one transaction, so `reserved` always equals the rooms of HELD and CONVERTED holds.
 */
export interface HoldRepository {
  /**
   * Takes `rooms` on every night, all or none, and records the hold. Idempotent: placing the same
   * booking's hold again returns the existing one. Throws `SoldOutError` when a night lacks rooms
   * and `HoldExpiredError` when this booking's hold was already released. With `journal`, the
   * booking records it (from the hold placed) in the same transaction; a repeat records it from the
   * existing hold on its own (the first attempt did, unless it placed the hold without a journal).
   */
  place(input: Omit<Hold, 'status' | 'createdAt'>, now: Date, journal?: (hold: Hold) => HoldJournal): Promise<Hold>;
  /**
   * The checkout of a hotel we confirm ourselves: stores the PENDING booking (its journal already
   * saying `hold`) with its idempotency record, and takes the rooms as `place` does, all in one
   * transaction, so the saga's hold step has nothing left to write. A taken key writes nothing
   * and returns the existing record (as `BookingRepository.createPending`); otherwise a night that
   * lacks rooms throws `SoldOutError` and nothing is stored.
   */
  placeForCheckout(input: Omit<Hold, 'status' | 'createdAt'>, booking: Booking, idempotency: IdempotencyRecord, now: Date): Promise<CreateOutcome>;
  get(bookingId: string): Promise<Hold | undefined>;
  /** HELD -> CONVERTED if not expired at `now`; idempotent; `HoldExpiredError` otherwise. */
  convert(bookingId: string, now: Date): Promise<Hold>;
  /**
   * `convert` with the booking's journal entry in the same transaction (the confirmation of a hotel
   * without a PMS: one write). `HoldExpiredError` as `convert`; `SagaAbandonedError`, with nothing
   * written, when the booking no longer advances. A repeat (already CONVERTED) records the journal
   * on its own.
   */
  convertRecording(bookingId: string, journal: HoldJournal, now: Date): Promise<void>;
  /** Gives the rooms back (from HELD or CONVERTED), exactly once. */
  release(bookingId: string, reason: string, now: Date): Promise<ReleaseOutcome>;
  /** Releases HELD holds whose expiry has passed; returns how many this call released. */
  releaseExpired(now: Date, limit: number): Promise<number>;
  /**
   * The PMS now counts this hold's rooms (its PMS hold or reservation was made): `inPms += rooms`
   * on every night, once. Called after the PMS answered, so a report read in between never
   * undercounts other channels' sales. `false` when there is no live hold or it was marked already.
   */
  markInPms(bookingId: string, now: Date): Promise<boolean>;
  /**
   * The PMS is about to stop counting this hold's rooms (we cancel or release them there):
   * `inPms -= rooms` once. Called before the PMS is asked, for the same reason.
   */
  unmarkInPms(bookingId: string, reason: string, now: Date): Promise<boolean>;
  /**
   * A modification, step one: takes what the new stay needs beyond what the hold has, night by
   * night (more rooms, other nights, another room type), all or none, in one transaction with one
   * `hold` movement per night; the old stay stays held. Only on a CONVERTED hold the PMS does not
   * count (`unmarkInPms` first), idempotent by `moveId`. `SoldOutError` when a night lacks rooms.
   */
  beginMove(bookingId: string, move: StayMove, now: Date): Promise<Hold>;
  /**
   * Step two, once the PMS and the payment agreed: gives back what the old stay had beyond the new
   * one (one transaction, `release` movements) and makes the new stay the hold's. Idempotent: a
   * hold already moved returns as it is.
   */
  completeMove(bookingId: string, moveId: string, now: Date): Promise<Hold>;
  /** Undoes `beginMove`: gives back what it took. `false` when no such move is in flight (done, or never begun). */
  abortMove(bookingId: string, moveId: string, reason: string, now: Date): Promise<boolean>;
  /**
   * Rooms of holds still HELD and not expired at `now` on each of `nights` of one room type:
   * checkouts that have sent nothing to the PMS yet (a hold converts before its reservation is
   * created), so no PMS count can include them. Nights without any are absent.
   */
  heldRooms(query: { hotelId: string; roomTypeId: string; nights: IsoDate[]; now: Date }): Promise<Map<IsoDate, number>>;
}
