import type { IsoDate } from './dates.ts';
import type { Locale } from './locale.ts';
import type { RoomAssignment, RoomClaimJournal } from './room.ts';

/**
 * A booking as the checkout saga drives it. The booking item is the saga's journal: every step
 * records itself here, so the guest's and the admin's views read one item, and an admin can see
 * where a failed saga stopped.
 */
export const BOOKING_STATUSES = [
  'PENDING',
  'CONFIRMED',
  'FAILED',
  'NEEDS_ATTENTION',
  // The hotel cancelled our confirmed booking in its PMS; the guest is owed `refundDueMinor`.
  'CANCELLED_BY_HOTEL',
  // The lifecycle after checkout (issue 8); the transitions are in `booking-status.ts`.
  'CHECKED_IN',
  'CHECKED_OUT',
  'CANCELLED',
  'REFUNDED',
  'NO_SHOW',
] as const;

export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** `REFUNDED`: a compensation gave back money that a capture had taken (the capture's answer came too late). */
export type PaymentStatus = 'NONE' | 'AUTHORIZED' | 'CAPTURED' | 'VOIDED' | 'REFUNDED' | 'FAILED';
export type PmsStatus = 'NONE' | 'HELD' | 'CONFIRMED' | 'CANCELLED';

/** The saga's steps and compensations, in the order a timeline shows them. */
export type StepName =
  | 'hold'
  | 'authorize'
  | 'confirm'
  | 'capture'
  | 'finalize'
  | 'cancelPms'
  | 'voidPayment'
  | 'releaseHold'
  /** Not a saga step: the hotel cancelled the booking in its PMS. */
  | 'hotelCancelled'
  /** Hotel operations (an admin, the no-show job, or the PMS reporting them). */
  | 'checkIn'
  | 'checkOut'
  | 'noShow'
  /** The cancellation saga (`statemachines/cancellation-saga.asl.json`). */
  | 'cancelInPms'
  | 'releaseStay'
  | 'refund'
  /** The modification saga (`statemachines/modification-saga.asl.json`). */
  | 'holdNewStay'
  | 'authorizeDifference'
  | 'modifyInPms'
  | 'captureDifference'
  | 'commitModification'
  | 'refundDifference'
  | 'revertPms'
  | 'voidDifference'
  | 'releaseNewStay'
  /** Not a saga step: the recovery job settled a booking whose saga died or ran out of time. */
  | 'recovery'
  /** Not a saga step: an admin re-ran the compensations of a NEEDS_ATTENTION booking (`by`, outcome). */
  | 'retryCompensation'
  /** Not a saga step: an admin marked a NEEDS_ATTENTION booking resolved (`by`, `note`). */
  | 'resolve';

export type StepStatus = 'SUCCEEDED' | 'FAILED' | 'SKIPPED';

const CHECKOUT_ORDER: readonly StepName[] = ['hold', 'authorize', 'confirm', 'capture', 'finalize'];

/**
 * The timeline's order: by time, and for entries one write recorded at the same instant (the
 * authorization with the confirmation, the capture with the finalization) in the checkout's order.
 */
export function byTimeline(a: BookingStep, b: BookingStep): number {
  return a.at.localeCompare(b.at) || checkoutRank(a.name) - checkoutRank(b.name);
}

/** A checkout step's place; every other entry after them. */
function checkoutRank(name: StepName): number {
  const rank = CHECKOUT_ORDER.indexOf(name);
  return rank < 0 ? CHECKOUT_ORDER.length : rank;
}

export interface BookingStep {
  name: StepName;
  status: StepStatus;
  at: string;
  error?: string;
  /** Admin actions only: who (the token's subject) and what they wrote. */
  by?: string;
  note?: string;
}

/**
 * How a NEEDS_ATTENTION booking was closed by a person (issue 10, "Needs attention"): by
 * re-running its compensations until all succeeded, or by marking it resolved with a note after
 * settling it by hand. Set once, with the move to FAILED; the journal keeps the attempts.
 */
export interface BookingResolution {
  via: 'retry-compensation' | 'resolve';
  by: string;
  at: string;
  note: string;
}

/** Why a booking failed, as the client sees it: each maps to one HTTP answer of the checkout. */
export type FailureCode =
  | 'SOLD_OUT'
  | 'PAYMENT_DECLINED'
  | 'HOLD_EXPIRED'
  | 'PMS_UNAVAILABLE'
  | 'PAYMENT_UNAVAILABLE'
  | 'STORAGE_UNAVAILABLE'
  | 'INTERNAL_ERROR';

export interface GuestInfo {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
}

export interface Booking {
  bookingId: string;
  idempotencyKey: string;
  hotelId: string;
  roomTypeId: string;
  checkIn: IsoDate;
  /** Exclusive: the guest leaves that morning. */
  checkOut: IsoDate;
  nights: IsoDate[];
  rooms: number;
  guests: number;
  guestInfo: GuestInfo;
  specialRequests?: string;
  paymentMethodId: string;
  /** Server-side price of the whole stay, minor units. */
  totalMinor: number;
  currency: string;
  status: BookingStatus;
  failureCode?: FailureCode;
  confirmationNumber?: string;
  steps: BookingStep[];
  payment: {
    status: PaymentStatus;
    paymentId?: string;
    amountMinor: number;
    currency: string;
    /**
     * Every captured payment of the stay and what was refunded of each: the checkout's, and each
     * modification's charge. Absent on a booking never changed: then it is the checkout payment
     * alone once CAPTURED (`capturesOf`).
     */
    captures?: CapturedPayment[];
    /** Everything refunded so far, across refunds (cancellation, modification, no-show, hotel-side). */
    refundedMinor?: number;
  };
  pms: {
    status: PmsStatus;
    vendor?: string;
    reservationId?: string;
    confirmationNumber?: string;
    holdId?: string;
    /**
     * How many times the confirmation step asked the PMS to create the reservation, and when it
     * last did. Claimed before the call (`BookingRepository.claimPmsCreate`), so a retry that finds
     * nothing knows a create may still be landing and settles first, and two attempts racing
     * under a storage stall can never both create (docs/architecture.md, "Settling a timed-out create").
     */
    createAttempts?: number;
    createAttemptedAt?: string;
  };
  /**
   * Set by the first compensation (or the recovery job) before it undoes anything, and never
   * cleared: from then on a forward step's late result is refused (`BookingRepository.advance`)
   * and the step undoes its own effect, so nothing a late step did survives a compensated booking.
   */
  compensation?: { since: string; reason: string };
  /** Set when an admin closed a NEEDS_ATTENTION booking (`BookingResolution`). */
  resolution?: BookingResolution;
  /** Set when the hold was placed; the hold item is the authority, this is for display. */
  holdExpiresAt?: string;
  /** What the guest is owed back (minor units) and not yet refunded, e.g. after a hotel-side cancellation. */
  refundDueMinor?: number;
  /**
   * The rate plan's terms as they were when the guest booked (issue 8): what a cancellation refunds
   * is decided from this copy, so a later edit of the plan never changes an existing booking.
   * Absent on bookings made before terms were recorded (`termsOf` gives them the default terms).
   */
  policy?: BookingPolicy;
  /**
   * The cancellation or modification running now (outcome RUNNING). At most one at a time: it is
   * claimed with a conditional write, so a modification and a cancellation of one booking never
   * both run. When it ends, its record moves to `changes` in the same write.
   */
  change?: BookingChangeRecord;
  /** Every cancellation and modification that ended, oldest first. */
  changes?: BookingChangeRecord[];
  /** How many modifications were started: the next one is `modify-<n+1>` at the payment gateway. */
  modificationCount?: number;
  /** Set once the booking is cancelled (by the guest, the hotel, or as a no-show). */
  cancellation?: BookingCancellation;
  /**
   * The `sub` of the signed-in guest who booked (checkout with a guest token); absent for a booking
   * made without an account. An owned booking is its owner's alone; an unowned one can be claimed
   * by a token whose *verified* e-mail is the one it was booked with (`canGuestSee`).
   */
  ownerSub?: string;
  /**
   * The language of the guest's mail: the checkout's `locale`, else the hotel country's
   * (`localeForCountry`). Absent on bookings made before it existed: read it with `localeOf`.
   */
  locale?: Locale;
  /** Room-assignment priority from the guest's token at checkout: 1 (VIP) to 5 (regular); absent is regular. */
  vipLevel?: number;
  /** The physical rooms of ours assigned to the stay (deferred assignment, `assignRooms`). */
  roomAssignment?: RoomAssignment;
  /** An assignment being written or undone; internal, never shown (`RoomClaimJournal`). */
  roomClaim?: RoomClaimJournal;
  /**
   * The room numbers the hotel's PMS assigned, where it assigns rooms and says so: they win over
   * ours and are what the guest is shown.
   */
  pmsRoomNumbers?: string[];
  createdAt: string;
  updatedAt: string;
}

/** True once the checkout saga has settled the booking: anything but PENDING. */
export function isTerminal(status: BookingStatus): boolean {
  return status !== 'PENDING';
}

/**
 * A rate plan's terms, copied onto the booking at checkout. Money in minor units of the booking's
 * currency; `freeCancellationUntil` is an instant, computed once from the hotel's check-in time in
 * its time zone, so the answer never depends on where or when it is read.
 */
export interface BookingPolicy {
  /** The plan booked; absent when the room type had no plan (default terms). */
  ratePlanId?: string;
  ratePlanName?: string;
  refundable: boolean;
  /** Free cancellation until this many hours before check-in (0: until check-in time). */
  cancellationHours: number;
  /** What a cancellation after the free window keeps, in percent of what was paid (0-100). */
  cancellationFeePercent: number;
  breakfastIncluded: boolean;
  /** Check-in time (`HH:mm`, hotel time) and zone the window was computed from. */
  checkInTime: string;
  timeZone: string;
  /** The last instant a cancellation is free (ISO 8601); absent when the plan is not refundable. */
  freeCancellationUntil?: string;
  /** The price charged for one room on each night of the stay, minor units. */
  nightlyPrices: { date: IsoDate; priceMinor: number }[];
}

export type BookingChangeKind = 'cancel' | 'modify' | 'no-show' | 'refund';

/** Who asked for a change. */
export type ChangeActor = 'guest' | 'hotel' | 'system';

/** A change in flight: the booking's lock, and what the saga needs to finish or undo it. */
export interface BookingChange {
  /** `cancel`, `modify-3`, `no-show`, `refund-1`: unique within the booking, names the saga execution. */
  changeId: string;
  kind: BookingChangeKind;
  by: ChangeActor;
  /** SHA-256 of the request's Idempotency-Key and of its body: a retry joins, another body is refused. */
  keyHash: string;
  requestHash: string;
  startedAt: string;
}

export type ChangeOutcome = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'NEEDS_ATTENTION';

/** Why a change failed, as the client is told (each maps to one HTTP answer, like `FailureCode`). */
export type ChangeFailureCode =
  | 'SOLD_OUT'
  | 'PAYMENT_DECLINED'
  | 'PMS_REJECTED'
  | 'PMS_UNAVAILABLE'
  | 'PAYMENT_UNAVAILABLE'
  | 'INTERNAL_ERROR';

/** One cancellation or modification and how it ended; personal data never goes in here. */
export interface BookingChangeRecord extends BookingChange {
  outcome: ChangeOutcome;
  finishedAt?: string;
  failureCode?: ChangeFailureCode;
  /** For a modification: the stay asked for. */
  stay?: BookingStay;
  /** Money moved by this change, minor units: charged (a modification that costs more) and refunded. */
  chargedMinor?: number;
  refundedMinor?: number;
  /** What the policy kept (a cancellation fee, the part of a shrink that is not refunded). */
  feeMinor?: number;
  /** The saga's plan (ids and amounts), so a retried request starts the very same execution. */
  plan?: unknown;
}

/** What a modification can change, and what a booking's stay is. */
export interface BookingStay {
  roomTypeId: string;
  checkIn: IsoDate;
  checkOut: IsoDate;
  nights: IsoDate[];
  rooms: number;
}

export interface BookingCancellation {
  by: ChangeActor;
  /** `cancel` (guest or hotel), `no-show`, or the hotel cancelling in its PMS. */
  reason: 'cancel' | 'no-show' | 'hotel-pms';
  at: string;
  refundMinor: number;
  feeMinor: number;
}

/** The longest stay and the most rooms one checkout may take (product rules, issue 3). */
export const MAX_NIGHTS = 30;
export const MAX_ROOMS = 9;

/** One captured payment of a booking, as our record keeps it (the gateway is asked only to move money). */
export interface CapturedPayment {
  paymentId: string;
  /** `checkout`, or `modify-<n>`: the purpose it was authorized for. */
  purpose: string;
  capturedMinor: number;
  refundedMinor: number;
}

/** The booking's captured payments (see `payment.captures`). */
export function capturesOf(booking: Pick<Booking, 'payment'>): CapturedPayment[] {
  if (booking.payment.captures) return booking.payment.captures;
  if (booking.payment.status !== 'CAPTURED' || !booking.payment.paymentId) return [];
  return [
    {
      paymentId: booking.payment.paymentId,
      purpose: 'checkout',
      capturedMinor: booking.payment.amountMinor,
      refundedMinor: booking.payment.refundedMinor ?? 0,
    },
  ];
}

/** What was captured for the stay, minor units. */
export function capturedOf(booking: Pick<Booking, 'payment'>): number {
  return capturesOf(booking).reduce((sum, p) => sum + p.capturedMinor, 0);
}

/** What the hotel side still holds of the guest's money: captured minus refunded. */
export function keptOf(booking: Pick<Booking, 'payment'>): number {
  return capturesOf(booking).reduce((sum, p) => sum + Math.max(0, p.capturedMinor - p.refundedMinor), 0);
}

/** One refund to make: part of one captured payment. */
export interface PlannedRefund {
  paymentId: string;
  amountMinor: number;
}

/**
 * Splits a refund of `amountMinor` over the captured payments, oldest first, never more than
 * what is left of each. Computed once when a change starts and carried in the saga's input, so
 * every retry sends the gateway the same amounts under the same idempotency keys.
 */
export function planRefunds(captures: readonly CapturedPayment[], amountMinor: number): PlannedRefund[] {
  const plan: PlannedRefund[] = [];
  let left = amountMinor;
  for (const p of captures) {
    if (left <= 0) break;
    const take = Math.min(left, Math.max(0, p.capturedMinor - p.refundedMinor));
    if (take > 0) plan.push({ paymentId: p.paymentId, amountMinor: take });
    left -= take;
  }
  return plan;
}

/** The captures after `refunds` were made. */
export function withRefunds(captures: readonly CapturedPayment[], refunds: readonly PlannedRefund[]): CapturedPayment[] {
  return captures.map((p) => ({
    ...p,
    refundedMinor: p.refundedMinor + refunds.filter((r) => r.paymentId === p.paymentId).reduce((sum, r) => sum + r.amountMinor, 0),
  }));
}

/** The rooms to show for a stay: the PMS's numbers where it assigned them, else ours, else none yet. */
export function assignedRoomNumbers(booking: Pick<Booking, 'pmsRoomNumbers' | 'roomAssignment'>): { numbers: string[]; source: 'pms' | 'auto' | 'admin' } | undefined {
  if (booking.pmsRoomNumbers && booking.pmsRoomNumbers.length > 0) return { numbers: booking.pmsRoomNumbers, source: 'pms' };
  if (booking.roomAssignment) return { numbers: booking.roomAssignment.rooms.map((r) => r.number), source: booking.roomAssignment.source };
  return undefined;
}

/** The e-mail a booking was made with, compared case-insensitively (as mail systems do in practice). */
export function sameEmail(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * Whether a guest (not staff) may see a booking. An owned booking: its owner only, whatever their
 * e-mail. A booking made without an account: whoever proves the e-mail it was booked with by a
 * *verified* address in their token; an unverified address never grants anything.
 */
export function canGuestSee(booking: Pick<Booking, 'ownerSub' | 'guestInfo'>, guest: { subject: string; verifiedEmail?: string }): boolean {
  if (booking.ownerSub !== undefined) return booking.ownerSub === guest.subject;
  return guest.verifiedEmail !== undefined && sameEmail(booking.guestInfo.email, guest.verifiedEmail);
}
