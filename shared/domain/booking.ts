import type { IsoDate } from './dates.ts';

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
  /** Not a saga step: the recovery job settled a booking whose saga died or ran out of time. */
  | 'recovery'
  /** Not a saga step: an admin re-ran the compensations of a NEEDS_ATTENTION booking (`by`, outcome). */
  | 'retryCompensation'
  /** Not a saga step: an admin marked a NEEDS_ATTENTION booking resolved (`by`, `note`). */
  | 'resolve';

export type StepStatus = 'SUCCEEDED' | 'FAILED' | 'SKIPPED';

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
  payment: { status: PaymentStatus; paymentId?: string; amountMinor: number; currency: string };
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
  createdAt: string;
  updatedAt: string;
}

export function isTerminal(status: BookingStatus): boolean {
  return status !== 'PENDING';
}

/** The longest stay and the most rooms one checkout may take (product rules, issue 3). */
export const MAX_NIGHTS = 30;
export const MAX_ROOMS = 9;
