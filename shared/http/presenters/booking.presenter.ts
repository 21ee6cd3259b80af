import type * as z from 'zod';
import type { Booking, FailureCode } from '#domain/booking.ts';
import { CheckoutFailedError } from '#domain/booking-errors.ts';
import { toMajorUnits } from '#domain/money.ts';
import { ok, type HttpResponse } from '../api-handler.ts';
import type { AdminBookingDto, BookingDto, CheckoutConfirmation, CheckoutPending } from '../schemas/booking.schema.ts';

/** What went wrong, by failure code; what happened to the money is said separately (`moneyOutcome`). */
const FAILURE_REASONS: Record<FailureCode, string> = {
  SOLD_OUT: 'These rooms sold out while we were booking them.',
  PAYMENT_DECLINED: 'The card was declined.',
  HOLD_EXPIRED: 'The hold on the rooms ran out before the booking completed.',
  PMS_UNAVAILABLE: "The hotel's reservation system is not answering.",
  PAYMENT_UNAVAILABLE: 'The payment service is not answering.',
  INTERNAL_ERROR: 'Something went wrong on our side while booking.',
};

/** What the guest may do next, when the saga undid everything (FAILED). */
const NEXT_STEPS: Record<FailureCode, string> = {
  SOLD_OUT: 'Please choose other dates or another room.',
  PAYMENT_DECLINED: 'Try another payment method.',
  HOLD_EXPIRED: 'Please try again.',
  PMS_UNAVAILABLE: 'Please try again shortly.',
  PAYMENT_UNAVAILABLE: 'Please try again shortly.',
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

export function presentBooking(booking: Booking): z.infer<typeof BookingDto> {
  return {
    bookingId: booking.bookingId,
    status: booking.status,
    ...(booking.failureCode ? { failureCode: booking.failureCode } : {}),
    ...(booking.confirmationNumber && booking.status === 'CONFIRMED' ? { confirmationNumber: booking.confirmationNumber } : {}),
    hotelId: booking.hotelId,
    roomTypeId: booking.roomTypeId,
    checkIn: booking.checkIn,
    checkOut: booking.checkOut,
    rooms: booking.rooms,
    guests: booking.guests,
    totalPrice: toMajorUnits(booking.totalMinor, booking.currency),
    currency: booking.currency,
    // Admin actions' author and note are for admins only (presentAdminBooking).
    steps: booking.steps.map(({ name, status, at, error }) => ({ name, status, at, ...(error !== undefined ? { error } : {}) })),
    payment: {
      status: booking.payment.status,
      amount: toMajorUnits(booking.payment.amountMinor, booking.payment.currency),
      currency: booking.payment.currency,
    },
    pms: {
      status: booking.pms.status,
      ...(booking.pms.vendor ? { vendor: booking.pms.vendor } : {}),
      ...(booking.pms.reservationId ? { reservationId: booking.pms.reservationId } : {}),
      ...(booking.pms.confirmationNumber ? { confirmationNumber: booking.pms.confirmationNumber } : {}),
    },
    createdAt: booking.createdAt,
    updatedAt: booking.updatedAt,
  };
}

export function presentAdminBooking(booking: Booking): z.infer<typeof AdminBookingDto> {
  return {
    ...presentBooking(booking),
    steps: booking.steps,
    ...(booking.resolution ? { resolution: booking.resolution } : {}),
    guestInfo: booking.guestInfo,
    ...(booking.specialRequests ? { specialRequests: booking.specialRequests } : {}),
    ...(booking.holdExpiresAt ? { holdExpiresAt: booking.holdExpiresAt } : {}),
  };
}
