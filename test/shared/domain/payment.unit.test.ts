import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/domain/errors.ts';
import {
  isPaymentPurpose,
  modificationPurpose,
  paymentIdempotencyKey,
  validateAuthorizeRequest,
  validateFindPayments,
  validateRefundRequest,
} from '../../../shared/domain/payment.ts';

describe('paymentIdempotencyKey', () => {
  it('keeps the keys of the checkout payment as they were before purposes existed', () => {
    expect(paymentIdempotencyKey('bk_1', 'authorize')).toBe('booking-bk_1-authorize');
    expect(paymentIdempotencyKey('bk_1', 'void', { purpose: 'checkout' })).toBe('booking-bk_1-void');
    expect(paymentIdempotencyKey('bk_1', 'refund', { refundKey: 'first' })).toBe('booking-bk_1-refund-first');
  });

  it('gives every other purpose keys of its own', () => {
    expect(paymentIdempotencyKey('bk_1', 'authorize', { purpose: 'modify-2' })).toBe('booking-bk_1-modify-2-authorize');
    expect(paymentIdempotencyKey('bk_1', 'capture', { purpose: 'modify-2' })).toBe('booking-bk_1-modify-2-capture');
    expect(paymentIdempotencyKey('bk_1', 'refund', { purpose: 'cancellation' })).toBe('booking-bk_1-cancellation-refund');
    expect(paymentIdempotencyKey('bk_1', 'refund', { purpose: 'modify-1', refundKey: 'a' })).toBe('booking-bk_1-modify-1-refund-a');
  });

  it('stays inside Stripe\'s 255 characters for the longest valid inputs', () => {
    const key = paymentIdempotencyKey('b'.repeat(100), 'authorize', { purpose: modificationPurpose(999_999), refundKey: 'k'.repeat(64) });
    expect(key.length).toBeLessThanOrEqual(255);
  });
});

describe('payment purposes', () => {
  it.each(['checkout', 'cancellation', 'no-show', 'modify-1', 'modify-42'])('accepts %s', (purpose) => {
    expect(isPaymentPurpose(purpose)).toBe(true);
  });

  it.each(['', 'Checkout', 'modify-0', 'modify-', 'modify-01', 'refund', 'checkout-1', 'modify-1-authorize'])('refuses %j', (purpose) => {
    expect(isPaymentPurpose(purpose)).toBe(false);
  });

  it('names the n-th modification, and refuses a sequence that is not a positive integer', () => {
    expect(modificationPurpose(3)).toBe('modify-3');
    expect(() => modificationPurpose(0)).toThrow(ValidationError);
    expect(() => modificationPurpose(1.5)).toThrow(ValidationError);
  });

  it('refuses an unknown purpose in a request before anything is sent', () => {
    const authorize = () =>
      validateAuthorizeRequest({
        bookingId: 'bk_1',
        amountMinor: 100,
        currency: 'USD',
        paymentMethodId: 'pm_card_visa',
        purpose: 'upsell' as never,
      });
    expect(authorize).toThrow(ValidationError);
    expect(() => validateRefundRequest({ bookingId: 'bk_1', paymentId: 'pi_1', purpose: 'modify-x' as never })).toThrow(ValidationError);
  });
});

describe('validateFindPayments', () => {
  it('accepts a booking id with or without a creation bound', () => {
    expect(() => validateFindPayments('bk_1')).not.toThrow();
    expect(() => validateFindPayments('bk_1', { createdSince: new Date('2026-01-01T00:00:00Z') })).not.toThrow();
  });

  it('refuses a booking id that could not be ours, and an invalid date', () => {
    expect(() => validateFindPayments("bk_1' OR status:'succeeded")).toThrow(ValidationError);
    expect(() => validateFindPayments('bk_1', { createdSince: new Date('nope') })).toThrow(ValidationError);
  });
});
