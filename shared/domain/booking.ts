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
] as const;

export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export type PaymentStatus = 'NONE' | 'AUTHORIZED' | 'CAPTURED' | 'VOIDED' | 'FAILED';
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
  | 'hotelCancelled';

export type StepStatus = 'SUCCEEDED' | 'FAILED' | 'SKIPPED';

export interface BookingStep {
  name: StepName;
  status: StepStatus;
  at: string;
  error?: string;
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
  pms: { status: PmsStatus; vendor?: string; reservationId?: string; confirmationNumber?: string; holdId?: string };
  /** Set when the hold was placed; the hold item is the authority, this is for display. */
  holdExpiresAt?: string;
  /** What the guest is owed back (minor units) and not yet refunded, e.g. after a hotel-side cancellation. */
  refundDueMinor?: number;
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

export function isTerminal(status: BookingStatus): boolean {
  return status !== 'PENDING';
}

/** The longest stay and the most rooms one checkout may take (product rules, issue 3). */
export const MAX_NIGHTS = 30;
export const MAX_ROOMS = 9;

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
