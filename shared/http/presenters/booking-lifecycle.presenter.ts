import type * as z from 'zod';
import type { Booking, BookingChangeRecord, ChangeFailureCode } from '#domain/booking.ts';
import { ChangeFailedError } from '#domain/booking-errors.ts';
import type { CancellationQuote as Quote } from '#domain/booking-policy.ts';
import { toMajorUnits } from '#domain/money.ts';
import { ok, type HttpResponse } from '../api-handler.ts';
import type { CancellationQuote, CancellationResult, ModificationResult } from '../schemas/booking-lifecycle.schema.ts';
import { presentBooking } from './booking.presenter.ts';

const REASONS: Record<ChangeFailureCode, string> = {
  SOLD_OUT: 'The hotel has no rooms left for the new stay.',
  PAYMENT_DECLINED: 'The card was declined for the price difference.',
  PMS_REJECTED: "The hotel's reservation system refused the change.",
  PMS_UNAVAILABLE: "The hotel's reservation system is not answering; please try again shortly.",
  PAYMENT_UNAVAILABLE: 'The payment service is not answering; please try again shortly.',
  INTERNAL_ERROR: 'Something went wrong on our side.',
};

/** A change that did not succeed answers its failure code; what is true about the booking is said too. */
function failure(booking: Booking, change: BookingChangeRecord): never {
  const code = change.failureCode ?? 'INTERNAL_ERROR';
  const outcome =
    change.outcome === 'NEEDS_ATTENTION'
      ? 'Part of it could not be completed or undone; support has been alerted and will settle it.'
      : 'Nothing changed: the booking is as it was.';
  throw new ChangeFailedError(code, `${REASONS[code]} ${outcome}`, { bookingId: booking.bookingId, changeId: change.changeId });
}

function running(response: HttpResponse, booking: Booking): HttpResponse {
  return { ...response, statusCode: 202, headers: { location: `/api/bookings/${booking.bookingId}` } };
}

export function presentQuote(bookingId: string, quote: Quote): z.infer<typeof CancellationQuote> {
  return {
    bookingId,
    refundAmount: toMajorUnits(quote.refundMinor, quote.currency),
    feeAmount: toMajorUnits(quote.feeMinor, quote.currency),
    currency: quote.currency,
    ...(quote.freeUntil ? { freeUntil: quote.freeUntil } : {}),
  };
}

/** A cancellation, no-show or refund as its saga left it: 200, 202 while it runs, or its failure. */
export function cancellationResponse(booking: Booking, change: BookingChangeRecord, amounts: { refundMinor: number; feeMinor: number }): HttpResponse {
  if (change.outcome === 'FAILED' || change.outcome === 'NEEDS_ATTENTION') failure(booking, change);
  const body = ok({
    bookingId: booking.bookingId,
    changeId: change.changeId,
    status: booking.status,
    refundAmount: toMajorUnits(amounts.refundMinor, booking.currency),
    feeAmount: toMajorUnits(amounts.feeMinor, booking.currency),
    currency: booking.currency,
  } satisfies z.input<typeof CancellationResult>);
  return change.outcome === 'RUNNING' ? running(body, booking) : body;
}

export function modificationResponse(booking: Booking, change: BookingChangeRecord): HttpResponse {
  if (change.outcome === 'FAILED' || change.outcome === 'NEEDS_ATTENTION') failure(booking, change);
  const money = (minor: number | undefined) => toMajorUnits(minor ?? 0, booking.currency);
  const body = ok({
    bookingId: booking.bookingId,
    changeId: change.changeId,
    outcome: change.outcome === 'RUNNING' ? 'RUNNING' : 'SUCCEEDED',
    chargedAmount: money(change.chargedMinor),
    refundedAmount: money(change.refundedMinor),
    feeAmount: money(change.feeMinor),
    currency: booking.currency,
    booking: presentBooking(booking),
  } satisfies z.input<typeof ModificationResult>);
  return change.outcome === 'RUNNING' ? running(body, booking) : body;
}
