import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { StripePaymentGateway, type StripePaymentGatewayOptions } from '../../../../shared/adapters/payment/stripe-payment-gateway.ts';
import { StripeRestClient } from '../../../../shared/adapters/payment/stripe-rest-client.ts';
import { PaymentStateError, PaymentUnavailableError } from '../../../../shared/domain/payment-errors.ts';
import type { AuthorizeRequest } from '../../../../shared/domain/payment.ts';
import { FaultRegistry } from '../../../../local/faults/fault-registry.ts';
import { startStripeSimulator, type StripeSimulator } from '../../../../local/simulators/payment/stripe-simulator.ts';

/**
 * The gateway as the source of truth (issue 12) and a booking with several payments (issue 8),
 * over real HTTP against the Stripe simulator: finding a booking's payments without our record,
 * a modification's own payment, refunds per purpose, and calls that time out after their effect
 * happened.
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

function gateway(overrides: Partial<StripePaymentGatewayOptions> = {}, target: StripeSimulator = sim): StripePaymentGateway {
  return new StripePaymentGateway({ secretKey: target.secretKey, baseUrl: target.url, timeoutMs: 5_000, maxNetworkRetries: 0, ...overrides });
}

const newBookingId = () => `bk_${randomUUID().replaceAll('-', '').slice(0, 12)}`;

function anAuthorization(overrides: Partial<AuthorizeRequest> = {}): AuthorizeRequest {
  return { bookingId: newBookingId(), amountMinor: 180_000, currency: 'KRW', paymentMethodId: 'pm_card_visa', ...overrides };
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

/** The effect of a request whose answer is held back lands as soon as the simulator executes it. */
async function eventually<T>(read: () => T, expected: Partial<T>): Promise<void> {
  await expect.poll(read, { timeout: 10_000, interval: 20 }).toMatchObject(expected);
}

describe('findForBooking', () => {
  it('lists every payment of the booking with its purpose, state and refunded amount, oldest first', async () => {
    // Prepare: a captured checkout payment, partly refunded, and a modification's open authorization.
    const payments = gateway();
    const req = anAuthorization();
    const checkout = await payments.authorize(req);
    await payments.capture({ bookingId: req.bookingId, paymentId: checkout.paymentId });
    await payments.refund({ bookingId: req.bookingId, paymentId: checkout.paymentId, amountMinor: 30_000, purpose: 'modify-1' });
    const modification = await payments.authorize({ ...req, amountMinor: 50_000, purpose: 'modify-2' });
    await payments.authorize(anAuthorization()); // another booking's

    // Act
    const found = await payments.findForBooking(req.bookingId);

    // Assess
    expect(found).toEqual([
      {
        paymentId: checkout.paymentId,
        bookingId: req.bookingId,
        purpose: 'checkout',
        status: 'CAPTURED',
        amountMinor: 180_000,
        amountCapturedMinor: 180_000,
        amountRefundedMinor: 30_000,
        currency: 'KRW',
        createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      },
      {
        paymentId: modification.paymentId,
        bookingId: req.bookingId,
        purpose: 'modify-2',
        status: 'AUTHORIZED',
        amountMinor: 50_000,
        amountCapturedMinor: 0,
        amountRefundedMinor: 0,
        currency: 'KRW',
        createdAt: expect.any(String),
      },
    ]);
  });

  it('answers an empty list for a booking the gateway never saw, and does not match on a prefix', async () => {
    const payments = gateway();
    const req = anAuthorization();
    await payments.authorize(req);
    expect(await payments.findForBooking(newBookingId())).toEqual([]);
    expect(await payments.findForBooking(req.bookingId.slice(0, -1))).toEqual([]);
  });

  it('includes a declined payment (nothing held) so a caller sees every attempt', async () => {
    const payments = gateway();
    const req = anAuthorization({ paymentMethodId: 'pm_card_chargeDeclined' });
    await rejectionOf(payments.authorize(req));
    expect(await payments.findForBooking(req.bookingId)).toEqual([expect.objectContaining({ status: 'FAILED', amountCapturedMinor: 0 })]);
  });

  it('lets a compensation void every open authorization of a booking, one made outside the saga included', async () => {
    // Prepare: the checkout payment, a modification's, and a stray duplicate of the checkout
    // payment created directly on Stripe (same booking, same purpose, another key).
    const payments = gateway();
    const req = anAuthorization();
    await payments.authorize(req);
    await payments.authorize({ ...req, amountMinor: 20_000, purpose: 'modify-1' });
    const outside = new StripeRestClient({ secretKey: sim.secretKey, baseUrl: sim.url, timeoutMs: 5_000, maxNetworkRetries: 0 });
    await outside.post(
      '/v1/payment_intents',
      {
        amount: 180_000,
        currency: 'krw',
        payment_method: 'pm_card_visa',
        confirm: true,
        capture_method: 'manual',
        metadata: { bookingId: req.bookingId, purpose: 'checkout' },
      },
      { idempotencyKey: `dashboard-${randomUUID()}` },
    );
    expect(sim.state.ledger(req.bookingId)).toMatchObject({ heldMinor: 380_000 });

    // Act
    const open = (await payments.findForBooking(req.bookingId)).filter((p) => p.status === 'AUTHORIZED');
    const voided = await Promise.all(
      open.map((p) => payments.void({ bookingId: req.bookingId, paymentId: p.paymentId, ...(p.purpose ? { purpose: p.purpose } : {}) })),
    );

    // Assess
    expect(open).toHaveLength(3);
    expect(voided.map((v) => v.status)).toEqual(['VOIDED', 'VOIDED', 'VOIDED']);
    expect(sim.state.ledger(req.bookingId)).toMatchObject({ authorizedMinor: 380_000, voidedMinor: 380_000, heldMinor: 0, openPaymentIds: [] });
  });

  it('lets a refund find the captured money and give back exactly what is left', async () => {
    // Prepare: the checkout payment and a modification's, both captured, one partly refunded.
    const payments = gateway();
    const req = anAuthorization();
    const first = await payments.authorize(req);
    await payments.capture({ bookingId: req.bookingId, paymentId: first.paymentId });
    const second = await payments.authorize({ ...req, amountMinor: 40_000, purpose: 'modify-1' });
    await payments.capture({ bookingId: req.bookingId, paymentId: second.paymentId, purpose: 'modify-1' });
    await payments.refund({ bookingId: req.bookingId, paymentId: first.paymentId, amountMinor: 10_000, purpose: 'no-show' });

    // Act
    const captured = (await payments.findForBooking(req.bookingId)).filter((p) => p.status === 'CAPTURED');
    for (const p of captured) {
      await payments.refund({
        bookingId: req.bookingId,
        paymentId: p.paymentId,
        amountMinor: p.amountCapturedMinor - p.amountRefundedMinor,
        purpose: 'cancellation',
      });
    }

    // Assess
    expect(captured).toHaveLength(2);
    expect(sim.state.ledger(req.bookingId)).toMatchObject({ capturedMinor: 220_000, refundedMinor: 220_000, netMinor: 0 });
  });

  it('rejects a booking id that could smuggle a clause into the search query, before anything is sent', async () => {
    const before = sim.state.requests().length;
    const error = await rejectionOf(gateway().findForBooking("x' OR status:'succeeded"));
    expect(error).toMatchObject({ name: 'ValidationError' });
    expect(sim.state.requests().length).toBe(before);
  });
});

describe('findForBooking while Stripe search lags behind', () => {
  let lagging: StripeSimulator;
  let nowMs = Date.parse('2027-03-01T09:00:00Z');
  const clock = () => nowMs;

  beforeAll(async () => {
    lagging = await startStripeSimulator({ port: 0, searchIndexing: 'manual', now: clock });
  });

  afterAll(async () => {
    await lagging.stop();
  });

  it('finds a payment made a moment ago that search has not indexed yet', async () => {
    // Prepare
    const payments = gateway({ now: clock }, lagging);
    const req = anAuthorization();
    const auth = await payments.authorize(req);

    // Act
    const found = await payments.findForBooking(req.bookingId, { createdSince: new Date(nowMs) });

    // Assess
    expect(found.map((p) => p.paymentId)).toEqual([auth.paymentId]);
  });

  it('finds an older payment through search once it is indexed, and a new one through the listing', async () => {
    // Prepare: a payment an hour old (indexed), and one made now (not yet).
    const payments = gateway({ now: clock }, lagging);
    const req = anAuthorization();
    const old = await payments.authorize(req);
    lagging.state.indexSearch();
    nowMs += 60 * 60_000;
    const recent = await payments.authorize({ ...req, amountMinor: 9_000, purpose: 'modify-1' });

    // Act
    const found = await payments.findForBooking(req.bookingId);

    // Assess
    expect(found.map((p) => p.paymentId)).toEqual([old.paymentId, recent.paymentId]);
  });
});

describe('a booking with more than one payment (modifications)', () => {
  it('authorizes and captures a modification\'s difference as a payment of its own, with its own keys', async () => {
    // Prepare
    const payments = gateway();
    const req = anAuthorization();
    const checkout = await payments.authorize(req);

    // Act
    const difference = await payments.authorize({ ...req, amountMinor: 45_000, purpose: 'modify-1' });
    const again = await payments.authorize({ ...req, amountMinor: 45_000, purpose: 'modify-1' });
    const captured = await payments.capture({ bookingId: req.bookingId, paymentId: difference.paymentId, purpose: 'modify-1' });
    const checkoutAgain = await payments.authorize(req);

    // Assess
    expect(difference.paymentId).not.toBe(checkout.paymentId);
    expect(again.paymentId).toBe(difference.paymentId);
    expect(checkoutAgain.paymentId).toBe(checkout.paymentId);
    expect(captured).toMatchObject({ status: 'CAPTURED', amountCapturedMinor: 45_000 });
    expect(sim.state.intent(difference.paymentId)?.metadata).toEqual({ bookingId: req.bookingId, purpose: 'modify-1' });
    const keys = sim.state.requests().filter((r) => r.method === 'POST' && r.idempotencyKey?.includes(req.bookingId)).map((r) => r.idempotencyKey);
    expect(new Set(keys)).toEqual(
      new Set([`booking-${req.bookingId}-authorize`, `booking-${req.bookingId}-modify-1-authorize`, `booking-${req.bookingId}-modify-1-capture`]),
    );
    expect(sim.state.counts(req.bookingId)).toMatchObject({ creates: 2, captures: 1 });
  });

  it('finds the payment again when the same step is re-sent with a different description (a release changed it)', async () => {
    const payments = gateway();
    const req = anAuthorization({ description: 'Booking v1' });
    const first = await payments.authorize(req);
    const second = await payments.authorize({ ...req, description: 'Booking, new wording' });
    expect(second.paymentId).toBe(first.paymentId);
    expect(sim.state.counts(req.bookingId).creates).toBe(1);
  });
});

describe('refunds per purpose', () => {
  it('keeps a cancellation fee and refunds a modification difference as separate refunds, each once', async () => {
    // Prepare
    const payments = gateway();
    const req = anAuthorization();
    const { paymentId } = await payments.authorize(req);
    await payments.capture({ bookingId: req.bookingId, paymentId });

    // Act: a modification made the stay cheaper, then the guest cancelled and the policy keeps 20%.
    const difference = await payments.refund({ bookingId: req.bookingId, paymentId, amountMinor: 30_000, purpose: 'modify-1' });
    const cancellation = await payments.refund({ bookingId: req.bookingId, paymentId, amountMinor: 120_000, purpose: 'cancellation' });
    const differenceAgain = await payments.refund({ bookingId: req.bookingId, paymentId, amountMinor: 30_000, purpose: 'modify-1' });
    const cancellationAgain = await payments.refund({ bookingId: req.bookingId, paymentId, amountMinor: 120_000, purpose: 'cancellation' });

    // Assess
    expect(differenceAgain.refundId).toBe(difference.refundId);
    expect(cancellationAgain.refundId).toBe(cancellation.refundId);
    expect(sim.state.ledger(req.bookingId)).toMatchObject({ capturedMinor: 180_000, refundedMinor: 150_000, netMinor: 30_000 });
    const listed = await payments.listRefunds(paymentId);
    expect(listed).toEqual([
      expect.objectContaining({ refundId: cancellation.refundId, purpose: 'cancellation', amountMinor: 120_000, status: 'SUCCEEDED' }),
      expect.objectContaining({ refundId: difference.refundId, purpose: 'modify-1', amountMinor: 30_000 }),
    ]);
    expect(sim.state.requests().filter((r) => r.idempotencyKey === `booking-${req.bookingId}-cancellation-refund`)).toHaveLength(1);
  });

  it('refunds once even when the step runs again after Stripe forgot the key (24 h later)', async () => {
    // Prepare
    const payments = gateway();
    const req = anAuthorization();
    const { paymentId } = await payments.authorize(req);
    await payments.capture({ bookingId: req.bookingId, paymentId });
    const first = await payments.refund({ bookingId: req.bookingId, paymentId, amountMinor: 50_000, purpose: 'cancellation' });
    sim.state.expireIdempotencyKeys();

    // Act
    const again = await payments.refund({ bookingId: req.bookingId, paymentId, amountMinor: 50_000, purpose: 'cancellation' });

    // Assess
    expect(again.refundId).toBe(first.refundId);
    expect(sim.state.ledger(req.bookingId).refundedMinor).toBe(50_000);
  });

  it('refuses the same refund purpose with another amount', async () => {
    const payments = gateway();
    const req = anAuthorization();
    const { paymentId } = await payments.authorize(req);
    await payments.capture({ bookingId: req.bookingId, paymentId });
    await payments.refund({ bookingId: req.bookingId, paymentId, amountMinor: 50_000, purpose: 'cancellation' });
    const error = await rejectionOf(payments.refund({ bookingId: req.bookingId, paymentId, amountMinor: 60_000, purpose: 'cancellation' }));
    expect(error).toBeInstanceOf(PaymentStateError);
    expect(error).toMatchObject({ reason: 'idempotency_conflict' });
    expect(sim.state.ledger(req.bookingId).refundedMinor).toBe(50_000);
  });

  it('reports an unknown payment as payment_not_found when listing its refunds', async () => {
    expect(await rejectionOf(gateway().listRefunds('pi_doesnotexist'))).toMatchObject({ reason: 'payment_not_found' });
  });
});

describe('calls that time out after their effect happened (fault mode late)', () => {
  /** The client gives up after 1 s; the simulator holds every late answer far longer. */
  const impatient = () => gateway({ timeoutMs: 1_000, maxNetworkRetries: 0 });
  const late = (point: string) => faults.arm({ point, mode: 'late', times: 1, delayMs: 60_000 });

  it('authorize: the client sees a timeout, the hold exists, and findForBooking finds it to void', async () => {
    // Prepare
    const payments = impatient();
    const req = anAuthorization();
    late('payment.authorize');

    // Act
    const error = await rejectionOf(payments.authorize(req));
    await eventually(() => sim.state.ledger(req.bookingId), { heldMinor: 180_000 });
    const found = await payments.findForBooking(req.bookingId);
    await payments.void({ bookingId: req.bookingId, paymentId: found[0]!.paymentId });

    // Assess
    expect(error).toBeInstanceOf(PaymentUnavailableError);
    expect(error).toMatchObject({ reason: 'timeout', retryable: true });
    expect(found).toEqual([expect.objectContaining({ status: 'AUTHORIZED', purpose: 'checkout', amountMinor: 180_000 })]);
    expect(sim.state.ledger(req.bookingId)).toMatchObject({ heldMinor: 0, voidedMinor: 180_000, openPaymentIds: [] });
  });

  it('authorize: a retry under the same key gets the payment that was made, not a second one', async () => {
    const payments = impatient();
    const req = anAuthorization();
    late('payment.authorize');
    await rejectionOf(payments.authorize(req));
    const retried = await payments.authorize(req);
    expect(retried.status).toBe('AUTHORIZED');
    expect(sim.state.ledger(req.bookingId)).toMatchObject({ authorizedMinor: 180_000, paymentIds: [retried.paymentId] });
  });

  it('capture: the client sees a timeout, the money moved, and the gateway says CAPTURED', async () => {
    // Prepare
    const payments = impatient();
    const req = anAuthorization();
    const { paymentId } = await payments.authorize(req);
    late('payment.capture');

    // Act
    const error = await rejectionOf(payments.capture({ bookingId: req.bookingId, paymentId }));
    await eventually(() => sim.state.ledger(req.bookingId), { capturedMinor: 180_000 });

    // Assess
    expect(error).toMatchObject({ name: 'PaymentUnavailableError', reason: 'timeout' });
    expect(await payments.findForBooking(req.bookingId)).toEqual([expect.objectContaining({ paymentId, status: 'CAPTURED' })]);
    expect((await payments.capture({ bookingId: req.bookingId, paymentId })).status).toBe('CAPTURED');
    expect(sim.state.counts(req.bookingId).captures).toBe(1);
  });

  it('void: the client sees a timeout, the hold was released, and a re-run reports VOIDED', async () => {
    const payments = impatient();
    const req = anAuthorization();
    const { paymentId } = await payments.authorize(req);
    late('payment.void');
    const error = await rejectionOf(payments.void({ bookingId: req.bookingId, paymentId }));
    await eventually(() => sim.state.ledger(req.bookingId), { voidedMinor: 180_000, heldMinor: 0 });
    expect(error).toMatchObject({ name: 'PaymentUnavailableError', reason: 'timeout' });
    expect(await payments.findForBooking(req.bookingId)).toEqual([expect.objectContaining({ status: 'VOIDED' })]);
    expect((await payments.void({ bookingId: req.bookingId, paymentId })).status).toBe('VOIDED');
    expect(sim.state.counts(req.bookingId).cancels).toBe(1);
  });

  it('refund: the client sees a timeout, the money went back, and a re-run refunds nothing more', async () => {
    // Prepare
    const payments = impatient();
    const req = anAuthorization();
    const { paymentId } = await payments.authorize(req);
    await payments.capture({ bookingId: req.bookingId, paymentId });
    late('payment.refund');

    // Act
    const error = await rejectionOf(payments.refund({ bookingId: req.bookingId, paymentId, amountMinor: 80_000, purpose: 'cancellation' }));
    await eventually(() => sim.state.ledger(req.bookingId), { refundedMinor: 80_000 });
    const found = await payments.findForBooking(req.bookingId);
    const again = await payments.refund({ bookingId: req.bookingId, paymentId, amountMinor: 80_000, purpose: 'cancellation' });

    // Assess
    expect(error).toMatchObject({ name: 'PaymentUnavailableError', reason: 'timeout' });
    expect(found).toEqual([expect.objectContaining({ status: 'CAPTURED', amountRefundedMinor: 80_000 })]);
    expect(again).toMatchObject({ amountMinor: 80_000, status: 'SUCCEEDED' });
    expect(sim.state.ledger(req.bookingId)).toMatchObject({ refundedMinor: 80_000, netMinor: 100_000 });
    expect(sim.state.counts(req.bookingId).refunds).toBe(1);
  });
});
