import type * as z from 'zod';
import { ALL_HOTELS, seesGuestContact, type HotelAccess } from '#domain/access.ts';
import { assignedRoomNumbers, type Booking, type BookingChangeRecord, type BookingPolicy, type FailureCode } from '#domain/booking.ts';
import { DEFAULT_LOCALE } from '#domain/locale.ts';
import { maskEmail, maskPhone } from '#domain/privacy.ts';
import { CheckoutFailedError } from '#domain/booking-errors.ts';
import { toMajorUnits } from '#domain/money.ts';
import { ok, type HttpResponse } from '../api-handler.ts';
import type { AdminBookingDto, BookingChangeDto, BookingDto, BookingPolicyDto, CheckoutConfirmation, CheckoutPending } from '../schemas/booking.schema.ts';

/** What went wrong, by failure code; what happened to the money is said separately (`moneyOutcome`). */
const FAILURE_REASONS: Record<FailureCode, string> = {
  SOLD_OUT: 'These rooms sold out while we were booking them.',
  PAYMENT_DECLINED: 'The card was declined.',
  HOLD_EXPIRED: 'The hold on the rooms ran out before the booking completed.',
  PMS_UNAVAILABLE: "The hotel's reservation system is not answering.",
  PAYMENT_UNAVAILABLE: 'The payment service is not answering.',
  STORAGE_UNAVAILABLE: 'Our booking database was not answering.',
  INTERNAL_ERROR: 'Something went wrong on our side while booking.',
};

/** What the guest may do next, when the saga undid everything (FAILED). */
const NEXT_STEPS: Record<FailureCode, string> = {
  SOLD_OUT: 'Please choose other dates or another room.',
  PAYMENT_DECLINED: 'Try another payment method.',
  HOLD_EXPIRED: 'Please try again.',
  PMS_UNAVAILABLE: 'Please try again shortly.',
  PAYMENT_UNAVAILABLE: 'Please try again shortly.',
  STORAGE_UNAVAILABLE: 'Please try again shortly.',
  // FAILED means every compensation completed and nothing was sent to support: no promise of an alert.
  INTERNAL_ERROR: 'Please try again shortly.',
};

/**
 * What is true about the guest's money, from the booking as the saga left it. FAILED means every
 * compensation succeeded: nothing was charged, and any authorization was voided. NEEDS_ATTENTION
 * means one did not (the saga sent itself to the dead-letter queue, which alerts support): then we
 * may only say what we know. A void that did not complete leaves an authorization that may still be
 * open (and a capture that timed out may even have gone through), so we promise what support will
 * make true, not that nothing was charged.
 */
function moneyOutcome(booking: Booking, code: FailureCode): string {
  if (booking.status !== 'NEEDS_ATTENTION') return `Nothing was charged. ${NEXT_STEPS[code]}`;
  if (booking.payment.status === 'CAPTURED') {
    return 'The payment was taken, but the booking could not be completed. Support has been alerted and will confirm the booking or refund the payment.';
  }
  const voidFailed = booking.steps.some((step) => step.name === 'voidPayment' && step.status === 'FAILED');
  if (voidFailed || booking.payment.status === 'AUTHORIZED') {
    return 'The amount reserved on your card could not be released yet: the hold on the card will be released, and support has been alerted.';
  }
  return 'Nothing was charged. Part of the clean-up could not be completed, and support has been alerted.';
}

/** The message a failed checkout answers with: what went wrong, then what is true about the money. */
export function checkoutFailureMessage(booking: Booking): string {
  const code = booking.failureCode ?? 'INTERNAL_ERROR';
  return `${FAILURE_REASONS[code]} ${moneyOutcome(booking, code)}`;
}

/**
 * `202 PENDING`: the booking exists and its saga has not settled it yet. Also what a checkout
 * answers when it runs out of time, or loses DynamoDB, after the booking was stored.
 */
export function checkoutPending(bookingId: string): HttpResponse {
  return {
    ...ok({ bookingId, status: 'PENDING' } satisfies z.input<typeof CheckoutPending>, {}, 202),
    headers: { location: `/api/bookings/${bookingId}` },
  };
}

/**
 * The checkout's answer for a booking, in the one envelope (`{success, data}`, docs/api.md): 201
 * when confirmed, 202 with the booking's URL in `Location` while the saga still runs, and for a
 * failed booking the error its failure code stands for (thrown, so it renders like any error).
 */
export function checkoutResponse(booking: Booking): HttpResponse {
  if (booking.status === 'CONFIRMED') {
    return ok(
      {
        bookingId: booking.bookingId,
        confirmationNumber: booking.confirmationNumber,
        status: 'CONFIRMED',
        totalPrice: toMajorUnits(booking.totalMinor, booking.currency),
        currency: booking.currency,
      } satisfies Partial<z.input<typeof CheckoutConfirmation>>,
      {},
      201,
    );
  }
  if (booking.status === 'PENDING') return checkoutPending(booking.bookingId);
  throw new CheckoutFailedError(booking.failureCode ?? 'INTERNAL_ERROR', checkoutFailureMessage(booking), booking.bookingId);
}

/** Statuses a booking reaches only through CONFIRMED: their confirmation number is the hotel's. */
const WAS_CONFIRMED = new Set<Booking['status']>(['CONFIRMED', 'CHECKED_IN', 'CHECKED_OUT', 'NO_SHOW', 'CANCELLED', 'CANCELLED_BY_HOTEL', 'REFUNDED']);

/**
 * A booking as its guest sees it (they own it: their contact details as booked), and the base of
 * the staff view. The rooms shown are the PMS's numbers where the PMS assigned them, else ours.
 */
export function presentBooking(booking: Booking): z.infer<typeof BookingDto> {
  const room = assignedRoomNumbers(booking);
  return {
    bookingId: booking.bookingId,
    status: booking.status,
    ...(booking.failureCode ? { failureCode: booking.failureCode } : {}),
    ...(booking.confirmationNumber && WAS_CONFIRMED.has(booking.status) ? { confirmationNumber: booking.confirmationNumber } : {}),
    hotelId: booking.hotelId,
    roomTypeId: booking.roomTypeId,
    checkIn: booking.checkIn,
    checkOut: booking.checkOut,
    rooms: booking.rooms,
    guests: booking.guests,
    totalPrice: toMajorUnits(booking.totalMinor, booking.currency),
    currency: booking.currency,
    ...(booking.refundDueMinor !== undefined ? { refundDue: toMajorUnits(booking.refundDueMinor, booking.currency) } : {}),
    // Admin actions' author and note are for admins only (presentAdminBooking).
    steps: booking.steps.map(({ name, status, at, error }) => ({ name, status, at, ...(error !== undefined ? { error } : {}) })),
    payment: {
      status: booking.payment.status,
      amount: toMajorUnits(booking.payment.amountMinor, booking.payment.currency),
      currency: booking.payment.currency,
      ...(booking.payment.refundedMinor ? { refundedAmount: toMajorUnits(booking.payment.refundedMinor, booking.payment.currency) } : {}),
    },
    ...(booking.policy ? { policy: presentPolicy(booking.policy, booking.currency) } : {}),
    ...(booking.cancellation
      ? {
          cancellation: {
            by: booking.cancellation.by,
            reason: booking.cancellation.reason,
            at: booking.cancellation.at,
            refundAmount: toMajorUnits(booking.cancellation.refundMinor, booking.currency),
            feeAmount: toMajorUnits(booking.cancellation.feeMinor, booking.currency),
          },
        }
      : {}),
    ...(booking.changes && booking.changes.length > 0 ? { changes: booking.changes.map((c) => presentChange(c, booking.currency)) } : {}),
    pms: {
      status: booking.pms.status,
      ...(booking.pms.vendor ? { vendor: booking.pms.vendor } : {}),
      ...(booking.pms.reservationId ? { reservationId: booking.pms.reservationId } : {}),
      ...(booking.pms.confirmationNumber ? { confirmationNumber: booking.pms.confirmationNumber } : {}),
    },
    guestInfo: { ...booking.guestInfo },
    ...(booking.specialRequests ? { specialRequests: booking.specialRequests } : {}),
    locale: booking.locale ?? DEFAULT_LOCALE,
    ...(room ? { room: { numbers: [...room.numbers], source: room.source } } : {}),
    createdAt: booking.createdAt,
    updatedAt: booking.updatedAt,
  };
}

export function presentPolicy(policy: BookingPolicy, currency: string): z.infer<typeof BookingPolicyDto> {
  const { nightlyPrices, ...terms } = policy;
  return { ...terms, nightlyPrices: nightlyPrices.map((n) => ({ date: n.date, price: toMajorUnits(n.priceMinor, currency) })) };
}

/** A change as clients see it: no idempotency hashes, amounts in major units. */
export function presentChange(change: BookingChangeRecord, currency: string): z.infer<typeof BookingChangeDto> {
  const money = (minor: number | undefined) => (minor === undefined ? undefined : toMajorUnits(minor, currency));
  const charged = money(change.chargedMinor);
  const refunded = money(change.refundedMinor);
  const fee = money(change.feeMinor);
  return {
    changeId: change.changeId,
    kind: change.kind,
    by: change.by,
    outcome: change.outcome,
    startedAt: change.startedAt,
    ...(change.finishedAt ? { finishedAt: change.finishedAt } : {}),
    ...(change.failureCode ? { failureCode: change.failureCode } : {}),
    ...(change.stay ? { stay: { roomTypeId: change.stay.roomTypeId, checkIn: change.stay.checkIn, checkOut: change.stay.checkOut, rooms: change.stay.rooms } } : {}),
    ...(charged !== undefined ? { chargedAmount: charged } : {}),
    ...(refunded !== undefined ? { refundedAmount: refunded } : {}),
    ...(fee !== undefined ? { feeAmount: fee } : {}),
  };
}

/**
 * A booking as staff see it. Admins see the guest's e-mail and phone as booked; every other staff
 * reader (a hotel manager) sees them masked (seed 001 `mask_email`): enough to recognise the guest
 * at the desk, not to contact them outside the hotel's own systems.
 */
export function presentAdminBooking(booking: Booking, access: HotelAccess = ALL_HOTELS): z.infer<typeof AdminBookingDto> {
  const view = presentBooking(booking);
  const guestInfo = seesGuestContact(access)
    ? view.guestInfo
    : { ...view.guestInfo, email: maskEmail(booking.guestInfo.email), phone: maskPhone(booking.guestInfo.phone) };
  return {
    ...view,
    guestInfo,
    steps: booking.steps,
    ...(booking.resolution ? { resolution: booking.resolution } : {}),
    ...(booking.holdExpiresAt ? { holdExpiresAt: booking.holdExpiresAt } : {}),
    signedIn: booking.ownerSub !== undefined,
    ...(booking.vipLevel !== undefined ? { vipLevel: booking.vipLevel } : {}),
    ...(booking.roomAssignment ? { assignedRooms: booking.roomAssignment.rooms.map((r) => ({ ...r })) } : {}),
  };
}
