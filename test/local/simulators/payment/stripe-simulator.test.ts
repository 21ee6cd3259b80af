import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FaultRegistry } from '../../../../local/faults/fault-registry.ts';
import { startStripeSimulator, type StripeSimulator } from '../../../../local/simulators/payment/stripe-simulator.ts';

/** Raw HTTP in Stripe's wire format, to pin the simulator's dialect independently of the SDK. */
let sim: StripeSimulator;
const faults = new FaultRegistry();
/** How long the simulator was asked to wait, in order: the injected delay returns at once. */
const waits: number[] = [];

beforeAll(async () => {
  sim = await startStripeSimulator({ port: 0, host: '127.0.0.1', faults, delay: async (ms) => void waits.push(ms) });
});

afterAll(async () => {
  await sim.stop();
});

afterEach(() => {
  faults.clear();
  waits.length = 0;
});

interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

async function post(path: string, form: Record<string, string>, options: { key?: string; idempotencyKey?: string } = {}): Promise<Answer> {
  const res = await fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${options.key ?? sim.secretKey}`,
      'Content-Type': 'application/x-www-form-urlencoded',
      'Stripe-Version': '2026-10-28.endive',
      ...(options.idempotencyKey ? { 'Idempotency-Key': options.idempotencyKey } : {}),
    },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

async function get(path: string): Promise<Answer> {
  const res = await fetch(`${sim.url}${path}`, { headers: { Authorization: `Bearer ${sim.secretKey}` } });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

function authorizeForm(bookingId: string, paymentMethod = 'pm_card_visa', amount = '180000'): Record<string, string> {
  return {
    amount,
    currency: 'krw',
    payment_method: paymentMethod,
    confirm: 'true',
    capture_method: 'manual',
    'allowed_payment_method_types[0]': 'card',
    'metadata[bookingId]': bookingId,
  };
}

const booking = () => `bk_${randomUUID().slice(0, 8)}`;

describe('Stripe simulator: authentication and wire format', () => {
  it('rejects a wrong secret key with 401 and does not echo the key', async () => {
    // Act
    const res = await post('/v1/payment_intents', authorizeForm(booking()), { key: 'sk_test_wrong_key_123456789' });

    // Assess
    expect(res.status).toBe(401);
    expect(res.body.error.type).toBe('invalid_request_error');
    expect(res.body.error.message).toContain('Invalid API Key provided');
    expect(res.body.error.message).not.toContain('wrong_key_123456789');
  });

  it('rejects a request without a key', async () => {
    const res = await fetch(`${sim.url}/v1/payment_intents/pi_x`);
    expect(res.status).toBe(401);
  });

  it('answers unknown URLs with 404 invalid_request_error', async () => {
    const res = await get('/v1/customers');
    expect(res.status).toBe(404);
    expect(res.body.error.type).toBe('invalid_request_error');
  });

  it('rejects unknown parameters, as Stripe does', async () => {
    const res = await post('/v1/payment_intents', { ...authorizeForm(booking()), colour: 'blue' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'parameter_unknown', param: 'colour' });
  });

  it('creates a manual-capture PaymentIntent from a form body with nested metadata', async () => {
    // Prepare
    const bookingId = booking();

    // Act
    const res = await post('/v1/payment_intents', authorizeForm(bookingId));

    // Assess
    expect(res.status).toBe(200);
    expect(res.headers.get('request-id')).toMatch(/^req_/);
    expect(res.headers.get('stripe-version')).toBe('2026-10-28.endive');
    expect(res.body).toMatchObject({
      object: 'payment_intent',
      amount: 180000,
      amount_capturable: 180000,
      amount_received: 0,
      currency: 'krw',
      status: 'requires_capture',
      capture_method: 'manual',
      payment_method: 'pm_card_visa',
      metadata: { bookingId },
      cancellation_reason: null,
    });
    expect(res.body.id).toMatch(/^pi_/);
    expect(res.body.latest_charge).toMatch(/^ch_/);
    expect(sim.state.counts(bookingId).creates).toBe(1);
  });

  it.each([
    ['pm_card_chargeDeclined', 'card_declined', 'generic_decline'],
    ['pm_card_chargeDeclinedInsufficientFunds', 'card_declined', 'insufficient_funds'],
    ['pm_card_chargeDeclinedExpiredCard', 'expired_card', 'expired_card'],
  ])('declines %s with 402 card_error', async (pm, code, declineCode) => {
    // Act
    const res = await post('/v1/payment_intents', authorizeForm(booking(), pm));

    // Assess
    expect(res.status).toBe(402);
    expect(res.body.error).toMatchObject({ type: 'card_error', code, decline_code: declineCode });
    expect(res.body.error.payment_intent.status).toBe('requires_payment_method');
  });

  it('answers an unknown payment method with 400 resource_missing', async () => {
    const res = await post('/v1/payment_intents', authorizeForm(booking(), 'pm_card_doesNotExist'));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ type: 'invalid_request_error', code: 'resource_missing', param: 'payment_method' });
  });
});

describe('Stripe simulator: state machine', () => {
  async function authorized(): Promise<{ bookingId: string; id: string }> {
    const bookingId = booking();
    const res = await post('/v1/payment_intents', authorizeForm(bookingId));
    return { bookingId, id: res.body.id as string };
  }

  it('captures only from requires_capture, and not more than authorized', async () => {
    // Prepare
    const { id } = await authorized();

    // Act
    const tooMuch = await post(`/v1/payment_intents/${id}/capture`, { amount_to_capture: '180001' });
    const partial = await post(`/v1/payment_intents/${id}/capture`, { amount_to_capture: '150000' });
    const again = await post(`/v1/payment_intents/${id}/capture`, {});

    // Assess
    expect(tooMuch.status).toBe(400);
    expect(partial.status).toBe(200);
    expect(partial.body).toMatchObject({ status: 'succeeded', amount_received: 150000, amount_capturable: 0 });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('payment_intent_unexpected_state');
  });

  it('cancels from requires_capture, and refuses to cancel a canceled or succeeded intent', async () => {
    // Prepare
    const first = await authorized();
    const second = await authorized();
    await post(`/v1/payment_intents/${second.id}/capture`, {});

    // Act
    const cancel = await post(`/v1/payment_intents/${first.id}/cancel`, { cancellation_reason: 'abandoned' });
    const cancelAgain = await post(`/v1/payment_intents/${first.id}/cancel`, {});
    const cancelCaptured = await post(`/v1/payment_intents/${second.id}/cancel`, {});

    // Assess
    expect(cancel.status).toBe(200);
    expect(cancel.body).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned', amount_capturable: 0 });
    expect(cancelAgain.status).toBe(400);
    expect(cancelAgain.body.error.code).toBe('payment_intent_unexpected_state');
    expect(cancelCaptured.status).toBe(400);
    expect(cancelCaptured.body.error.payment_intent.status).toBe('succeeded');
  });

  it('refunds captured money once, and refuses an uncaptured intent', async () => {
    // Prepare
    const captured = await authorized();
    await post(`/v1/payment_intents/${captured.id}/capture`, {});
    const uncaptured = await authorized();

    // Act
    const partial = await post('/v1/refunds', { payment_intent: captured.id, amount: '80000' });
    const rest = await post('/v1/refunds', { payment_intent: captured.id });
    const more = await post('/v1/refunds', { payment_intent: captured.id });
    const early = await post('/v1/refunds', { payment_intent: uncaptured.id });

    // Assess
    expect(partial.body).toMatchObject({ object: 'refund', amount: 80000, status: 'succeeded', payment_intent: captured.id });
    expect(rest.body.amount).toBe(100000);
    expect(more.status).toBe(400);
    expect(more.body.error.code).toBe('charge_already_refunded');
    expect(early.status).toBe(400);
    expect(early.body.error.code).toBe('payment_intent_unexpected_state');
    expect(sim.state.counts(captured.bookingId).refunds).toBe(2);
  });

  it('retrieves an intent and answers 404 for an unknown one', async () => {
    const { id } = await authorized();
    expect((await get(`/v1/payment_intents/${id}`)).body.status).toBe('requires_capture');
    const missing = await get('/v1/payment_intents/pi_missing');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('resource_missing');
  });
});

describe('Stripe simulator: idempotency', () => {
  it('replays the first response for the same key and executes once', async () => {
    // Prepare
    const bookingId = booking();
    const key = `booking-${bookingId}-authorize`;

    // Act
    const first = await post('/v1/payment_intents', authorizeForm(bookingId), { idempotencyKey: key });
    const second = await post('/v1/payment_intents', authorizeForm(bookingId), { idempotencyKey: key });

    // Assess
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(sim.state.counts(bookingId).creates).toBe(1);
    expect(sim.state.intentsForBooking(bookingId)).toHaveLength(1);
  });

  it('replays the stored response even after the intent changed', async () => {
    // Prepare
    const bookingId = booking();
    const key = `booking-${bookingId}-authorize`;
    const first = await post('/v1/payment_intents', authorizeForm(bookingId), { idempotencyKey: key });
    await post(`/v1/payment_intents/${first.body.id}/cancel`, {});

    // Act
    const replay = await post('/v1/payment_intents', authorizeForm(bookingId), { idempotencyKey: key });

    // Assess: Stripe replays the original body; the current state is only in a fresh GET.
    expect(replay.body.status).toBe('requires_capture');
    expect(sim.state.intent(first.body.id as string)?.status).toBe('canceled');
  });

  it('replays a decline too: the same key cannot turn a declined card into a success', async () => {
    const bookingId = booking();
    const key = `booking-${bookingId}-authorize`;
    const first = await post('/v1/payment_intents', authorizeForm(bookingId, 'pm_card_chargeDeclined'), { idempotencyKey: key });
    const second = await post('/v1/payment_intents', authorizeForm(bookingId, 'pm_card_chargeDeclined'), { idempotencyKey: key });
    expect(first.status).toBe(402);
    expect(second.status).toBe(402);
    expect(second.body).toEqual(first.body);
    expect(sim.state.counts(bookingId).creates).toBe(1);
  });

  it('rejects the same key with different parameters (400 idempotency_error) and executes nothing', async () => {
    // Prepare
    const bookingId = booking();
    const key = `booking-${bookingId}-authorize`;
    await post('/v1/payment_intents', authorizeForm(bookingId), { idempotencyKey: key });

    // Act
    const other = await post('/v1/payment_intents', authorizeForm(bookingId, 'pm_card_visa', '999'), { idempotencyKey: key });

    // Assess
    expect(other.status).toBe(400);
    expect(other.body.error.type).toBe('idempotency_error');
    expect(sim.state.counts(bookingId).creates).toBe(1);
  });

  it('rejects a key reused on another endpoint', async () => {
    const bookingId = booking();
    const key = `shared-${bookingId}`;
    const created = await post('/v1/payment_intents', authorizeForm(bookingId), { idempotencyKey: key });
    const capture = await post(`/v1/payment_intents/${created.body.id}/capture`, {}, { idempotencyKey: key });
    expect(capture.status).toBe(400);
    expect(capture.body.error.type).toBe('idempotency_error');
    expect(sim.state.intent(created.body.id as string)?.status).toBe('requires_capture');
  });

  it('does not store a request that failed validation, so the key stays usable', async () => {
    // Prepare
    const bookingId = booking();
    const key = `booking-${bookingId}-authorize`;
    const invalid = await post('/v1/payment_intents', authorizeForm(bookingId, 'pm_card_visa', '-5'), { idempotencyKey: key });

    // Act
    const valid = await post('/v1/payment_intents', authorizeForm(bookingId), { idempotencyKey: key });

    // Assess
    expect(invalid.status).toBe(400);
    expect(valid.status).toBe(200);
    expect(valid.headers.get('idempotent-replayed')).toBeNull();
  });

  it('serializes 20 concurrent requests with one key: one execution, 19 replays', async () => {
    // Prepare
    const bookingId = booking();
    const key = `booking-${bookingId}-authorize`;

    // Act
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => post('/v1/payment_intents', authorizeForm(bookingId), { idempotencyKey: key })),
    );

    // Assess
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(19);
    expect(sim.state.counts(bookingId).creates).toBe(1);
  });

  it('rejects an Idempotency-Key longer than 255 characters', async () => {
    const res = await post('/v1/payment_intents', authorizeForm(booking()), { idempotencyKey: 'k'.repeat(256) });
    expect(res.status).toBe(400);
  });
});

describe('Stripe simulator: fault injection', () => {
  it('answers an injected error with 500 api_error and does not store it for the key', async () => {
    // Prepare
    const bookingId = booking();
    const key = `booking-${bookingId}-authorize`;
    faults.arm({ point: 'payment.authorize', mode: 'error', times: 1 });

    // Act
    const failed = await post('/v1/payment_intents', authorizeForm(bookingId), { idempotencyKey: key });
    const retried = await post('/v1/payment_intents', authorizeForm(bookingId), { idempotencyKey: key });

    // Assess
    expect(failed.status).toBe(500);
    expect(failed.body.error.type).toBe('api_error');
    expect(retried.status).toBe(200);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    expect(sim.state.counts(bookingId).creates).toBe(1);
  });

  it('holds a request on a timeout fault and then drops the connection without executing', async () => {
    // Prepare
    const bookingId = booking();
    faults.arm({ point: 'payment.authorize', mode: 'timeout', times: 1, delayMs: 200 });

    // Act
    const outcome = await post('/v1/payment_intents', authorizeForm(bookingId)).then(
      () => 'answered',
      () => 'dropped',
    );

    // Assess
    expect(outcome).toBe('dropped');
    expect(waits).toEqual([200]);
    expect(sim.state.counts(bookingId).creates).toBe(0);
  });

  it('delays the answer on a latency fault', async () => {
    faults.arm({ point: 'payment.authorize', mode: 'latency', times: 1, delayMs: 150 });
    const res = await post('/v1/payment_intents', authorizeForm(booking()));
    expect(res.status).toBe(200);
    expect(waits).toEqual([150]);
  });

  it('consults the fault point of each operation only', async () => {
    // Prepare
    const bookingId = booking();
    const created = await post('/v1/payment_intents', authorizeForm(bookingId));
    faults.arm({ point: 'payment.void', mode: 'error', times: 1 });

    // Act
    const capture = await post(`/v1/payment_intents/${created.body.id}/capture`, {});

    // Assess
    expect(capture.status).toBe(200);
    expect(faults.list()).toEqual([expect.objectContaining({ point: 'payment.void', times: 1 })]);
  });
});
