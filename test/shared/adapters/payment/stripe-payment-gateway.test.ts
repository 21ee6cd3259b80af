import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  StripePaymentGateway,
  type PaymentCallEvent,
  type StripePaymentGatewayOptions,
} from '../../../../shared/adapters/payment/stripe-payment-gateway.ts';
import { STRIPE_API_VERSION, StripeRestClient } from '../../../../shared/adapters/payment/stripe-rest-client.ts';
import { ValidationError } from '../../../../shared/domain/errors.ts';
import {
  PaymentConfigError,
  PaymentDeclinedError,
  PaymentStateError,
  PaymentUnavailableError,
} from '../../../../shared/domain/payment-errors.ts';
import type { AuthorizeRequest } from '../../../../shared/domain/payment.ts';
import { FaultRegistry } from '../../../../local/faults/fault-registry.ts';
import { startStripeSimulator, type StripeSimulator } from '../../../../local/simulators/payment/stripe-simulator.ts';

/**
 * The adapter on our lean Stripe REST client, over real HTTP against the Stripe-compatible
 * simulator on a free loopback port: what the saga will see when a step runs once, twice, or
 * concurrently.
 */
let sim: StripeSimulator;
const faults = new FaultRegistry();

beforeAll(async () => {
  sim = await startStripeSimulator({ port: 0, host: '127.0.0.1', faults });
});

afterAll(async () => {
  await sim.stop();
});

afterEach(() => {
  faults.clear();
});

function gateway(overrides: Partial<StripePaymentGatewayOptions> = {}): StripePaymentGateway {
  return new StripePaymentGateway({
    secretKey: sim.secretKey,
    baseUrl: sim.url,
    timeoutMs: 5_000,
    maxNetworkRetries: 0,
    ...overrides,
  });
}

/** Stripe called by someone other than the adapter (the dashboard, an operator's script). */
function outsideCaller(): StripeRestClient {
  return new StripeRestClient({ secretKey: sim.secretKey, baseUrl: sim.url, timeoutMs: 5_000, maxNetworkRetries: 0 });
}

function anAuthorization(overrides: Partial<AuthorizeRequest> = {}): AuthorizeRequest {
  return {
    bookingId: `bk_${randomUUID().slice(0, 12)}`,
    amountMinor: 180_000,
    currency: 'KRW',
    paymentMethodId: 'pm_card_visa',
    description: 'Han River Hotel, 2 nights',
    ...overrides,
  };
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('authorize', () => {
  it('holds the amount on a PaymentIntent with manual capture', async () => {
    // Prepare
    const payments = gateway();
    const req = anAuthorization();

    // Act
    const auth = await payments.authorize(req);

    // Assess
    expect(auth).toEqual({
      paymentId: expect.stringMatching(/^pi_/),
      bookingId: req.bookingId,
      status: 'AUTHORIZED',
      amountMinor: 180_000,
      amountCapturedMinor: 0,
      currency: 'KRW',
    });
    const intent = sim.state.intent(auth.paymentId);
    expect(intent).toMatchObject({ capture_method: 'manual', currency: 'krw', amount: 180_000, status: 'requires_capture' });
    expect(intent?.metadata).toEqual({ bookingId: req.bookingId, purpose: 'checkout' });
  });

  it('sends the Idempotency-Key of the booking step and the pinned Stripe-Version', async () => {
    // Prepare
    const req = anAuthorization();

    // Act
    await gateway().authorize(req);

    // Assess
    const create = sim.state.requests().find((r) => r.method === 'POST' && r.idempotencyKey === `booking-${req.bookingId}-authorize`);
    expect(create).toBeDefined();
    expect(create?.stripeVersion).toBe(STRIPE_API_VERSION);
  });

  it('yields one PaymentIntent when the step runs twice', async () => {
    // Prepare
    const payments = gateway();
    const req = anAuthorization();

    // Act
    const first = await payments.authorize(req);
    const second = await payments.authorize(req);

    // Assess
    expect(second.paymentId).toBe(first.paymentId);
    expect(second.status).toBe('AUTHORIZED');
    expect(sim.state.counts(req.bookingId).creates).toBe(1);
  });

  it('yields one PaymentIntent when 20 copies of the step run concurrently', async () => {
    // Prepare
    const payments = gateway();
    const req = anAuthorization();

    // Act
    const results = await Promise.all(Array.from({ length: 20 }, () => payments.authorize(req)));

    // Assess
    expect(new Set(results.map((r) => r.paymentId)).size).toBe(1);
    expect(results.every((r) => r.status === 'AUTHORIZED')).toBe(true);
    expect(sim.state.intentsForBooking(req.bookingId)).toHaveLength(1);
  });

  it('reports the payment as it is now when a re-run step is answered by a replay', async () => {
    // Prepare
    const payments = gateway();
    const req = anAuthorization();
    const auth = await payments.authorize(req);
    await payments.void({ bookingId: req.bookingId, paymentId: auth.paymentId });

    // Act
    const again = await payments.authorize(req);

    // Assess
    expect(again).toMatchObject({ paymentId: auth.paymentId, status: 'VOIDED' });
  });

  it.each([
    ['pm_card_chargeDeclined', 'card_declined'],
    ['pm_card_chargeDeclinedInsufficientFunds', 'insufficient_funds'],
    ['pm_card_chargeDeclinedExpiredCard', 'expired_card'],
    ['pm_card_chargeDeclinedIncorrectCvc', 'incorrect_cvc'],
    // The issuer said "stolen": the customer is told only that the card was declined.
    ['pm_card_chargeDeclinedStolenCard', 'card_declined'],
    ['pm_card_authenticationRequired', 'authentication_required'],
    ['pm_card_unknownToStripe', 'invalid_payment_method'],
  ])('maps a decline of %s to PaymentDeclinedError(%s)', async (paymentMethodId, declineCode) => {
    // Act
    const error = await rejectionOf(gateway().authorize(anAuthorization({ paymentMethodId })));

    // Assess
    expect(error).toBeInstanceOf(PaymentDeclinedError);
    expect(error).toMatchObject({ code: 'PAYMENT_DECLINED', declineCode, retryable: false, name: 'PaymentDeclinedError' });
    expect((error as PaymentDeclinedError).message).not.toMatch(/stolen|lost|fraud/i);
  });

  it('keeps the declined payment id, and the payment reads as FAILED', async () => {
    // Prepare
    const payments = gateway();

    // Act
    const error = (await rejectionOf(payments.authorize(anAuthorization({ paymentMethodId: 'pm_card_chargeDeclined' })))) as PaymentDeclinedError;

    // Assess
    expect(error.paymentId).toMatch(/^pi_/);
    expect((await payments.get(error.paymentId!)).status).toBe('FAILED');
  });

  it('gives the same decline when the declined step runs again', async () => {
    const payments = gateway();
    const req = anAuthorization({ paymentMethodId: 'pm_card_chargeDeclinedInsufficientFunds' });
    const first = await rejectionOf(payments.authorize(req));
    const second = await rejectionOf(payments.authorize(req));
    expect(second).toBeInstanceOf(PaymentDeclinedError);
    expect((second as PaymentDeclinedError).declineCode).toBe((first as PaymentDeclinedError).declineCode);
    expect(sim.state.counts(req.bookingId).creates).toBe(1);
  });

  it('rejects the same booking with a different amount as a state conflict', async () => {
    const payments = gateway();
    const req = anAuthorization();
    await payments.authorize(req);
    const error = await rejectionOf(payments.authorize({ ...req, amountMinor: 1 }));
    expect(error).toBeInstanceOf(PaymentStateError);
    expect(error).toMatchObject({ reason: 'idempotency_conflict' });
  });

  it('validates the request before anything is sent', async () => {
    // Prepare
    const before = sim.state.requests().length;

    // Act
    const error = await rejectionOf(gateway().authorize(anAuthorization({ amountMinor: 0, currency: 'won!' })));

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'amountMinor' }), expect.objectContaining({ field: 'currency' })]),
    );
    expect(sim.state.requests().length).toBe(before);
  });
});

describe('capture', () => {
  it('captures the authorized amount, once, however often the step runs', async () => {
    // Prepare
    const payments = gateway();
    const req = anAuthorization();
    const { paymentId } = await payments.authorize(req);

    // Act
    const first = await payments.capture({ bookingId: req.bookingId, paymentId });
    const second = await payments.capture({ bookingId: req.bookingId, paymentId });

    // Assess
    expect(first).toMatchObject({ paymentId, status: 'CAPTURED', amountCapturedMinor: 180_000 });
    expect(second).toEqual(first);
    expect(sim.state.counts(req.bookingId).captures).toBe(1);
  });

  it('captures less than authorized when asked', async () => {
    const payments = gateway();
    const req = anAuthorization();
    const { paymentId } = await payments.authorize(req);
    const captured = await payments.capture({ bookingId: req.bookingId, paymentId, amountMinor: 120_000 });
    expect(captured).toMatchObject({ status: 'CAPTURED', amountMinor: 180_000, amountCapturedMinor: 120_000 });
  });

  it('reports CAPTURED when the intent was captured under another key (e.g. an expired one)', async () => {
    // Prepare: capture behind the adapter's back, as after a 24 h key expiry or from the dashboard.
    const payments = gateway();
    const req = anAuthorization();
    const { paymentId } = await payments.authorize(req);
    await outsideCaller().post(`/v1/payment_intents/${paymentId}/capture`, {}, { idempotencyKey: `other-${randomUUID()}` });

    // Act
    const result = await payments.capture({ bookingId: req.bookingId, paymentId });

    // Assess
    expect(result.status).toBe('CAPTURED');
    expect(sim.state.counts(req.bookingId).captures).toBe(1);
  });

  it('refuses to capture a voided payment', async () => {
    // Prepare
    const payments = gateway();
    const req = anAuthorization();
    const { paymentId } = await payments.authorize(req);
    await payments.void({ bookingId: req.bookingId, paymentId });

    // Act
    const error = await rejectionOf(payments.capture({ bookingId: req.bookingId, paymentId }));

    // Assess
    expect(error).toBeInstanceOf(PaymentStateError);
    expect(error).toMatchObject({ code: 'PAYMENT_STATE_CONFLICT', reason: 'already_voided', currentStatus: 'VOIDED', retryable: false });
  });

  it('reports an unknown payment as payment_not_found', async () => {
    const error = await rejectionOf(gateway().capture({ bookingId: 'bk_x', paymentId: 'pi_doesnotexist' }));
    expect(error).toBeInstanceOf(PaymentStateError);
    expect(error).toMatchObject({ reason: 'payment_not_found' });
  });
});

describe('void', () => {
  it('releases the hold, and a second void succeeds too', async () => {
    // Prepare
    const payments = gateway();
    const req = anAuthorization();
    const { paymentId } = await payments.authorize(req);

    // Act
    const first = await payments.void({ bookingId: req.bookingId, paymentId });
    const second = await payments.void({ bookingId: req.bookingId, paymentId });

    // Assess
    expect(first).toMatchObject({ paymentId, status: 'VOIDED' });
    expect(second.status).toBe('VOIDED');
    expect(sim.state.intent(paymentId)).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
    expect(sim.state.counts(req.bookingId).cancels).toBe(1);
  });

  it('reports VOIDED when the intent was canceled under another key', async () => {
    const payments = gateway();
    const req = anAuthorization();
    const { paymentId } = await payments.authorize(req);
    await outsideCaller().post(`/v1/payment_intents/${paymentId}/cancel`, {}, { idempotencyKey: `other-${randomUUID()}` });
    expect((await payments.void({ bookingId: req.bookingId, paymentId })).status).toBe('VOIDED');
  });

  it('voids a declined payment (nothing held, nothing left open)', async () => {
    const payments = gateway();
    const req = anAuthorization({ paymentMethodId: 'pm_card_chargeDeclined' });
    const declined = (await rejectionOf(payments.authorize(req))) as PaymentDeclinedError;
    const voided = await payments.void({ bookingId: req.bookingId, paymentId: declined.paymentId! });
    expect(voided.status).toBe('VOIDED');
  });

  it('does not silently succeed after a capture: the saga must refund instead', async () => {
    // Prepare
    const payments = gateway();
    const req = anAuthorization();
    const { paymentId } = await payments.authorize(req);
    await payments.capture({ bookingId: req.bookingId, paymentId });

    // Act
    const error = await rejectionOf(payments.void({ bookingId: req.bookingId, paymentId }));

    // Assess
    expect(error).toBeInstanceOf(PaymentStateError);
    expect(error).toMatchObject({ reason: 'already_captured', currentStatus: 'CAPTURED', paymentId });
    expect(sim.state.intent(paymentId)?.status).toBe('succeeded');
  });
});

describe('refund', () => {
  it('refunds captured money once, however often the step runs', async () => {
    // Prepare
    const payments = gateway();
    const req = anAuthorization();
    const { paymentId } = await payments.authorize(req);
    await payments.capture({ bookingId: req.bookingId, paymentId });

    // Act
    const first = await payments.refund({ bookingId: req.bookingId, paymentId });
    const second = await payments.refund({ bookingId: req.bookingId, paymentId });

    // Assess
    expect(first).toEqual({ refundId: expect.stringMatching(/^re_/), paymentId, status: 'SUCCEEDED', amountMinor: 180_000, currency: 'KRW' });
    expect(second.refundId).toBe(first.refundId);
    expect(sim.state.counts(req.bookingId).refunds).toBe(1);
  });

  it('makes separate partial refunds with distinct refund keys, and refuses more than is left', async () => {
    // Prepare
    const payments = gateway();
    const req = anAuthorization();
    const { paymentId } = await payments.authorize(req);
    await payments.capture({ bookingId: req.bookingId, paymentId });

    // Act
    const a = await payments.refund({ bookingId: req.bookingId, paymentId, amountMinor: 100_000, refundKey: 'first' });
    const b = await payments.refund({ bookingId: req.bookingId, paymentId, amountMinor: 50_000, refundKey: 'second' });
    const tooMuch = await rejectionOf(payments.refund({ bookingId: req.bookingId, paymentId, amountMinor: 50_000, refundKey: 'third' }));

    // Assess
    expect(a.refundId).not.toBe(b.refundId);
    expect(tooMuch).toBeInstanceOf(PaymentStateError);
    expect(tooMuch).toMatchObject({ reason: 'amount_too_large' });
    expect(sim.state.counts(req.bookingId).refunds).toBe(2);
  });

  it('refuses to refund a payment that was only authorized: void it instead', async () => {
    const payments = gateway();
    const req = anAuthorization();
    const { paymentId } = await payments.authorize(req);
    const error = await rejectionOf(payments.refund({ bookingId: req.bookingId, paymentId }));
    expect(error).toBeInstanceOf(PaymentStateError);
    expect(error).toMatchObject({ reason: 'not_captured', currentStatus: 'AUTHORIZED' });
  });
});

describe('gateway failures', () => {
  it('maps an injected 500 to PaymentUnavailableError, and a retry afterwards succeeds', async () => {
    // Prepare
    const payments = gateway();
    const req = anAuthorization();
    const { paymentId } = await payments.authorize(req);
    faults.arm({ point: 'payment.capture', mode: 'error', times: 1 });

    // Act
    const error = await rejectionOf(payments.capture({ bookingId: req.bookingId, paymentId }));
    const retried = await payments.capture({ bookingId: req.bookingId, paymentId });

    // Assess
    expect(error).toBeInstanceOf(PaymentUnavailableError);
    expect(error).toMatchObject({ code: 'PAYMENT_UNAVAILABLE', reason: 'gateway_error', retryable: true });
    expect(retried.status).toBe('CAPTURED');
    expect(sim.state.counts(req.bookingId).captures).toBe(1);
  });

  it('absorbs a single fault with one network retry under the same Idempotency-Key', async () => {
    // Prepare
    const payments = gateway({ maxNetworkRetries: 1 });
    const req = anAuthorization();
    faults.arm({ point: 'payment.authorize', mode: 'error', times: 1 });

    // Act
    const auth = await payments.authorize(req);

    // Assess
    expect(auth.status).toBe('AUTHORIZED');
    const attempts = sim.state.requests().filter((r) => r.idempotencyKey === `booking-${req.bookingId}-authorize`);
    expect(attempts.map((a) => a.status)).toEqual([500, 200]);
  });

  it('maps a void fault the same way', async () => {
    const payments = gateway();
    const req = anAuthorization();
    const { paymentId } = await payments.authorize(req);
    faults.arm({ point: 'payment.void', mode: 'error', times: 2 });
    await expect(payments.void({ bookingId: req.bookingId, paymentId })).rejects.toBeInstanceOf(PaymentUnavailableError);
    await expect(payments.void({ bookingId: req.bookingId, paymentId })).rejects.toBeInstanceOf(PaymentUnavailableError);
    expect((await payments.void({ bookingId: req.bookingId, paymentId })).status).toBe('VOIDED');
  });

  it('maps a timeout to PaymentUnavailableError(timeout), and the step can be re-run', async () => {
    // Prepare
    const payments = gateway({ timeoutMs: 300 });
    const req = anAuthorization();
    faults.arm({ point: 'payment.authorize', mode: 'timeout', times: 1, delayMs: 10_000 });
    const started = Date.now();

    // Act
    const error = await rejectionOf(payments.authorize(req));
    const elapsed = Date.now() - started;
    const retried = await payments.authorize(req);

    // Assess
    expect(error).toBeInstanceOf(PaymentUnavailableError);
    expect(error).toMatchObject({ reason: 'timeout' });
    expect(elapsed).toBeLessThan(5_000);
    expect(retried.status).toBe('AUTHORIZED');
    expect(sim.state.counts(req.bookingId).creates).toBe(1);
  });

  it('maps a refused connection to PaymentUnavailableError(connection)', async () => {
    // Prepare: a simulator that is no longer there.
    const gone = await startStripeSimulator({ port: 0 });
    await gone.stop();
    const payments = new StripePaymentGateway({ secretKey: gone.secretKey, baseUrl: gone.url, maxNetworkRetries: 0 });

    // Act
    const error = await rejectionOf(payments.authorize(anAuthorization()));

    // Assess
    expect(error).toBeInstanceOf(PaymentUnavailableError);
    expect(error).toMatchObject({ reason: 'connection' });
  });

  it('maps a wrong secret key to PaymentConfigError, never a decline, and leaks no key', async () => {
    // Prepare
    const wrongKey = 'sk_test_not_the_right_one_4242';
    const payments = gateway({ secretKey: wrongKey });

    // Act
    const error = await rejectionOf(payments.authorize(anAuthorization()));

    // Assess
    expect(error).toBeInstanceOf(PaymentConfigError);
    expect(error).not.toBeInstanceOf(PaymentDeclinedError);
    expect(error).toMatchObject({ code: 'PAYMENT_CONFIG_ERROR', problem: 'authentication', retryable: false });
    expect((error as Error).message).not.toContain(wrongKey);
    expect(String(((error as Error).cause as Error).message)).not.toContain('not_the_right_one');
  });

  it('refuses plain http to a host that is not loopback', () => {
    expect(() => new StripePaymentGateway({ secretKey: 'sk_test_x', baseUrl: 'http://payments.example.com' })).toThrow(
      PaymentConfigError,
    );
  });
});

describe('get and observation', () => {
  it('reads a payment as it is now', async () => {
    const payments = gateway();
    const req = anAuthorization();
    const { paymentId } = await payments.authorize(req);
    await payments.capture({ bookingId: req.bookingId, paymentId });
    expect(await payments.get(paymentId)).toMatchObject({ paymentId, bookingId: req.bookingId, status: 'CAPTURED' });
  });

  it('reports each call with its duration and outcome to the observer', async () => {
    // Prepare
    const events: PaymentCallEvent[] = [];
    const payments = gateway({ onCall: (e) => events.push(e) });

    // Act
    await payments.authorize(anAuthorization());
    await rejectionOf(payments.authorize(anAuthorization({ paymentMethodId: 'pm_card_chargeDeclined' })));

    // Assess
    expect(events).toEqual([
      { operation: 'authorize', durationMs: expect.any(Number), ok: true },
      { operation: 'authorize', durationMs: expect.any(Number), ok: false, errorCode: 'PAYMENT_DECLINED' },
    ]);
  });

  it('is not broken by an observer that throws', async () => {
    const payments = gateway({
      onCall: () => {
        throw new Error('metrics down');
      },
    });
    expect((await payments.authorize(anAuthorization())).status).toBe('AUTHORIZED');
  });
});
