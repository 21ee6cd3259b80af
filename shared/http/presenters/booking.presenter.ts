import type * as z from 'zod';
import type { Booking, FailureCode } from '#domain/booking.ts';
import { CheckoutFailedError } from '#domain/booking-errors.ts';
import { toMajorUnits } from '#domain/money.ts';
import type { HttpResponse } from '../api-handler.ts';
import type { AdminBookingDto, BookingDto } from '../schemas/booking.schema.ts';

const FAILURE_MESSAGES: Record<FailureCode, string> = {
  SOLD_OUT: 'These rooms sold out while we were booking them. Nothing was charged.',
  PAYMENT_DECLINED: 'The card was declined. Nothing was charged; try another payment method.',
  HOLD_EXPIRED: 'The hold on the rooms ran out before the booking completed. Nothing was charged; please try again.',
  PMS_UNAVAILABLE: "The hotel's reservation system is not answering. Nothing was charged; please try again shortly.",
  PAYMENT_UNAVAILABLE: 'The payment service is not answering. Nothing was charged; please try again shortly.',
  INTERNAL_ERROR: 'Something went wrong on our side while booking. Our team has been alerted.',
};

/**
 * The checkout's answer for a booking: 201 when confirmed, 202 while the saga still runs, and for a
 * failed booking the error its failure code stands for (thrown, so it renders like any error).
 */
export function checkoutResponse(booking: Booking): HttpResponse {
  if (booking.status === 'CONFIRMED') {
    return {
      statusCode: 201,
      body: {
        success: true,
        bookingId: booking.bookingId,
        confirmationNumber: booking.confirmationNumber,
        status: 'CONFIRMED',
        totalPrice: toMajorUnits(booking.totalMinor, booking.currency),
        currency: booking.currency,
      },
    };
  }
  if (booking.status === 'PENDING') {
    return {
      statusCode: 202,
      headers: { location: `/api/bookings/${booking.bookingId}` },
      body: { success: true, bookingId: booking.bookingId, status: 'PENDING' },
    };
  }
  const code = booking.failureCode ?? 'INTERNAL_ERROR';
  throw new CheckoutFailedError(code, FAILURE_MESSAGES[code], booking.bookingId);
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
    steps: booking.steps,
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
    guestInfo: booking.guestInfo,
    ...(booking.specialRequests ? { specialRequests: booking.specialRequests } : {}),
    ...(booking.holdExpiresAt ? { holdExpiresAt: booking.holdExpiresAt } : {}),
  };
}
