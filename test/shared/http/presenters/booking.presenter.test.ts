import { describe, expect, it } from 'vitest';
import type { Booking, BookingStep } from '../../../../shared/domain/booking.ts';
import { CheckoutFailedError } from '../../../../shared/domain/booking-errors.ts';
import { checkoutFailureMessage, checkoutResponse, presentBooking } from '../../../../shared/http/presenters/booking.presenter.ts';
import { BookingDto } from '../../../../shared/http/schemas/booking.schema.ts';

function aBooking(overrides: Partial<Booking> = {}): Booking {
  return {
    bookingId: 'bk_1',
    idempotencyKey: 'h',
    hotelId: 'htl_a',
    roomTypeId: 'rt_a',
    checkIn: '2027-01-01',
    checkOut: '2027-01-02',
    nights: ['2027-01-01'],
    rooms: 1,
    guests: 1,
    guestInfo: { firstName: 'Ana', lastName: 'Lee', email: 'ana@example.com', phone: '+82 10 1111 2222' },
    paymentMethodId: 'pm_card_visa',
    totalMinor: 100_000,
    currency: 'KRW',
    status: 'FAILED',
    failureCode: 'PAYMENT_UNAVAILABLE',
    steps: [],
    payment: { status: 'VOIDED', paymentId: 'pi_1', amountMinor: 100_000, currency: 'KRW' },
    pms: { status: 'NONE' },
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  };
}

const step = (name: BookingStep['name'], status: BookingStep['status']): BookingStep => ({ name, status, at: '2026-11-01T00:00:01.000Z' });

describe('checkout answers', () => {
  it('puts a confirmed booking in the envelope with 201', () => {
    const res = checkoutResponse(aBooking({ status: 'CONFIRMED', confirmationNumber: 'CONF-1', failureCode: undefined }));
    expect(res).toEqual({
      statusCode: 201,
      body: { success: true, data: { bookingId: 'bk_1', confirmationNumber: 'CONF-1', status: 'CONFIRMED', totalPrice: 100_000, currency: 'KRW' } },
    });
  });

  it('puts a running booking in the envelope with 202 and its URL', () => {
    const res = checkoutResponse(aBooking({ status: 'PENDING', failureCode: undefined }));
    expect(res).toEqual({
      statusCode: 202,
      headers: { location: '/api/bookings/bk_1' },
      body: { success: true, data: { bookingId: 'bk_1', status: 'PENDING' } },
    });
  });

  it('throws the failure code with the booking id for a failed booking', () => {
    expect(() => checkoutResponse(aBooking({ failureCode: 'SOLD_OUT' }))).toThrow(CheckoutFailedError);
    try {
      checkoutResponse(aBooking({ failureCode: 'SOLD_OUT' }));
    } catch (error) {
      expect(error).toMatchObject({ code: 'SOLD_OUT', details: { bookingId: 'bk_1' } });
    }
  });
});

describe('checkoutFailureMessage', () => {
  it('says nothing was charged when every compensation succeeded (FAILED)', () => {
    expect(checkoutFailureMessage(aBooking({ failureCode: 'PAYMENT_DECLINED', payment: { status: 'FAILED', amountMinor: 1, currency: 'KRW' } }))).toBe(
      'The card was declined. Nothing was charged. Try another payment method.',
    );
  });

  it('does not say nothing was charged when the void failed: the hold will be released, support is alerted', () => {
    const message = checkoutFailureMessage(
      aBooking({
        status: 'NEEDS_ATTENTION',
        payment: { status: 'AUTHORIZED', paymentId: 'pi_1', amountMinor: 1, currency: 'KRW' },
        steps: [step('capture', 'FAILED'), step('voidPayment', 'FAILED'), step('releaseHold', 'SUCCEEDED')],
      }),
    );
    expect(message).not.toContain('Nothing was charged');
    expect(message).toBe(
      'The payment service is not answering. The amount reserved on your card could not be released yet: the hold on the card will be released, and support has been alerted.',
    );
  });

  it('treats a failed void with no payment id recorded (authorize timed out) the same way', () => {
    const message = checkoutFailureMessage(
      aBooking({ status: 'NEEDS_ATTENTION', payment: { status: 'NONE', amountMinor: 1, currency: 'KRW' }, steps: [step('voidPayment', 'FAILED')] }),
    );
    expect(message).toContain('the hold on the card will be released, and support has been alerted');
  });

  it('says the payment was taken when the booking could not be finished after the capture', () => {
    const message = checkoutFailureMessage(
      aBooking({ status: 'NEEDS_ATTENTION', failureCode: 'INTERNAL_ERROR', payment: { status: 'CAPTURED', amountMinor: 1, currency: 'KRW' } }),
    );
    expect(message).toBe(
      'Something went wrong on our side while booking. The payment was taken, but the booking could not be completed. Support has been alerted and will confirm the booking or refund the payment.',
    );
  });

  it('says nothing was charged, and that support is alerted, when only another compensation failed', () => {
    const message = checkoutFailureMessage(
      aBooking({ status: 'NEEDS_ATTENTION', failureCode: 'PMS_UNAVAILABLE', steps: [step('cancelPms', 'FAILED'), step('voidPayment', 'SUCCEEDED')] }),
    );
    expect(message).toBe(
      "The hotel's reservation system is not answering. Nothing was charged. Part of the clean-up could not be completed, and support has been alerted.",
    );
  });
});

describe('a booking the hotel cancelled', () => {
  it('shows what the guest is owed (refundDue, major units) until the refund is made; other bookings do not carry it', () => {
    const cancelled = presentBooking(aBooking({ status: 'CANCELLED_BY_HOTEL', failureCode: undefined, refundDueMinor: 1_999, currency: 'USD', totalMinor: 1_999, payment: { status: 'CAPTURED', paymentId: 'pi_1', amountMinor: 1_999, currency: 'USD' } }));
    const confirmed = presentBooking(aBooking({ status: 'CONFIRMED', failureCode: undefined }));

    expect(cancelled).toMatchObject({ status: 'CANCELLED_BY_HOTEL', refundDue: 19.99, currency: 'USD' });
    expect(BookingDto.safeParse(cancelled).success).toBe(true);
    expect(confirmed).not.toHaveProperty('refundDue');
  });
});
