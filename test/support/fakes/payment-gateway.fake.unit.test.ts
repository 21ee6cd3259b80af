import { describe, expect, it } from 'vitest';
import { PaymentDeclinedError, PaymentStateError, PaymentUnavailableError } from '../../../shared/domain/payment-errors.ts';
import { ValidationError } from '../../../shared/domain/errors.ts';
import { FakePaymentGateway } from './payment-gateway.fake.ts';

const auth = (bookingId = 'bk1', paymentMethodId = 'pm_card_visa') => ({ bookingId, amountMinor: 300_000, currency: 'krw', paymentMethodId });

describe('FakePaymentGateway', () => {
  it('authorizes once per booking: a repeat returns the same payment', async () => {
    const payments = new FakePaymentGateway();

    const first = await payments.authorize(auth());
    const again = await payments.authorize(auth());

    expect(first).toEqual({ paymentId: again.paymentId, bookingId: 'bk1', status: 'AUTHORIZED', amountMinor: 300_000, amountCapturedMinor: 0, currency: 'KRW' });
    expect(payments.paymentsOf('bk1')).toHaveLength(1);
  });

  it('refuses the same booking step with different values', async () => {
    const payments = new FakePaymentGateway();
    await payments.authorize(auth());

    const error = await payments.authorize({ ...auth(), amountMinor: 1 }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PaymentStateError);
    expect((error as PaymentStateError).reason).toBe('idempotency_conflict');
  });

  it.each([
    ['pm_card_chargeDeclined', 'card_declined'],
    ['pm_card_chargeDeclinedInsufficientFunds', 'insufficient_funds'],
    ['pm_card_chargeDeclinedStolenCard', 'card_declined'],
    ['pm_card_authenticationRequired', 'authentication_required'],
    ['pm_unknown_method', 'invalid_payment_method'],
  ])('declines %s with %s, and replays the decline', async (method, code) => {
    const payments = new FakePaymentGateway();

    const first = await payments.authorize(auth('bk1', method)).catch((e: unknown) => e);
    const again = await payments.authorize(auth('bk1', method)).catch((e: unknown) => e);

    expect(first).toBeInstanceOf(PaymentDeclinedError);
    expect((first as PaymentDeclinedError).declineCode).toBe(code);
    expect(again).toBe(first);
  });

  it('captures once; void after capture is already_captured, capture after void is already_voided', async () => {
    // Prepare
    const payments = new FakePaymentGateway();
    const captured = await payments.authorize(auth('bk1'));
    const voided = await payments.authorize(auth('bk2'));

    // Act
    const c1 = await payments.capture({ bookingId: 'bk1', paymentId: captured.paymentId });
    const c2 = await payments.capture({ bookingId: 'bk1', paymentId: captured.paymentId });
    const voidCaptured = await payments.void({ bookingId: 'bk1', paymentId: captured.paymentId }).catch((e: unknown) => e);
    await payments.void({ bookingId: 'bk2', paymentId: voided.paymentId });
    const voidAgain = await payments.void({ bookingId: 'bk2', paymentId: voided.paymentId });
    const captureVoided = await payments.capture({ bookingId: 'bk2', paymentId: voided.paymentId }).catch((e: unknown) => e);

    // Assess
    expect([c1.status, c2.status, c2.amountCapturedMinor]).toEqual(['CAPTURED', 'CAPTURED', 300_000]);
    expect(voidCaptured).toMatchObject({ name: 'PaymentStateError', reason: 'already_captured', currentStatus: 'CAPTURED' });
    expect(voidAgain.status).toBe('VOIDED');
    expect(captureVoided).toMatchObject({ name: 'PaymentStateError', reason: 'already_voided' });
  });

  it('refunds what was captured, once per refund key', async () => {
    const payments = new FakePaymentGateway();
    const p = await payments.authorize(auth());
    await payments.capture({ bookingId: 'bk1', paymentId: p.paymentId });

    const r1 = await payments.refund({ bookingId: 'bk1', paymentId: p.paymentId });
    const r2 = await payments.refund({ bookingId: 'bk1', paymentId: p.paymentId });

    expect(r2).toEqual(r1);
    expect(r1).toMatchObject({ status: 'SUCCEEDED', amountMinor: 300_000 });
    expect(payments.payments.get(p.paymentId)?.amountRefundedMinor).toBe(300_000);
  });

  it('an armed timeout after the gateway acted still created the payment, and the retry finds it', async () => {
    // Prepare
    const payments = new FakePaymentGateway();
    payments.failures.arm('authorize', new PaymentUnavailableError('timeout'), { executed: true });

    // Act
    const error = await payments.authorize(auth()).catch((e: unknown) => e);
    const retried = await payments.authorize(auth());

    // Assess
    expect(error).toBeInstanceOf(PaymentUnavailableError);
    expect(payments.paymentsOf('bk1').map((p) => p.paymentId)).toEqual([retried.paymentId]);
  });

  it('validates requests like the adapter and knows no payment it did not make', async () => {
    const payments = new FakePaymentGateway();

    await expect(payments.authorize({ ...auth(), amountMinor: 0 })).rejects.toBeInstanceOf(ValidationError);
    await expect(payments.get('pi_nope')).rejects.toMatchObject({ reason: 'payment_not_found' });
  });
});
