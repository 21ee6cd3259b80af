import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FaultRegistry } from '../../../../local/faults/fault-registry.ts';
import { startStripeSimulator, type StripeSimulator } from '../../../../local/simulators/payment/stripe-simulator.ts';

/**
 * Fault mode `late` over raw HTTP: the operation executes, its answer is held back. And the
 * ledger view the simulator serves for tests and people.
 */
let sim: StripeSimulator;
const faults = new FaultRegistry();

beforeAll(async () => {
  sim = await startStripeSimulator({ port: 0, faults });
});

afterAll(async () => {
  await sim.stop();
});

afterEach(() => {
  faults.clear();
});

function post(path: string, form: Record<string, string>, idempotencyKey?: string, signal?: AbortSignal): Promise<Response> {
  return fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${sim.secretKey}`,
      'Content-Type': 'application/x-www-form-urlencoded',
      ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
    },
    body: new URLSearchParams(form).toString(),
    ...(signal ? { signal } : {}),
  });
}

function authorizeForm(bookingId: string): Record<string, string> {
  return { amount: '5000', currency: 'usd', payment_method: 'pm_card_visa', confirm: 'true', capture_method: 'manual', 'metadata[bookingId]': bookingId };
}

describe('fault mode late', () => {
  it('executes the request, holds the answer, and a retry with the same key gets the replay', async () => {
    // Prepare
    const bookingId = `bk_${randomUUID().slice(0, 8)}`;
    const key = `booking-${bookingId}-authorize`;
    faults.arm({ point: 'payment.authorize', mode: 'late', times: 1, delayMs: 60_000 });
    const givingUp = new AbortController();

    // Act: the first caller never gets its answer; once the effect is there, it gives up and retries.
    const first = post('/v1/payment_intents', authorizeForm(bookingId), key, givingUp.signal).then(
      () => 'answered',
      () => 'gave up',
    );
    await expect.poll(() => sim.state.ledger(bookingId).heldMinor, { timeout: 10_000, interval: 20 }).toBe(5_000);
    givingUp.abort();
    const retry = await post('/v1/payment_intents', authorizeForm(bookingId), key);

    // Assess
    expect(await first).toBe('gave up');
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(sim.state.counts(bookingId).creates).toBe(1);
    const attempts = sim.state.requests().filter((r) => r.idempotencyKey === key);
    expect(attempts.map((a) => ({ status: a.status, fault: a.fault, replayed: a.replayed }))).toEqual([
      { status: 0, fault: 'late', replayed: false },
      { status: 200, fault: undefined, replayed: true },
    ]);
  });

  it('answers a client that waits long enough, after the delay', async () => {
    faults.arm({ point: 'payment.authorize', mode: 'late', times: 1, delayMs: 50 });
    const bookingId = `bk_${randomUUID().slice(0, 8)}`;
    const res = await post('/v1/payment_intents', authorizeForm(bookingId));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe('requires_capture');
    expect(sim.state.requests().at(-1)).toMatchObject({ status: 200, fault: 'late' });
  });
});

describe('GET /_sim/ledger', () => {
  it('serves one booking\'s ledger and every booking\'s, without a key', async () => {
    // Prepare
    const bookingId = `bk_${randomUUID().slice(0, 8)}`;
    const created = (await (await post('/v1/payment_intents', authorizeForm(bookingId))).json()) as { id: string };
    await post(`/v1/payment_intents/${created.id}/capture`, { amount_to_capture: '4000' });
    await post('/v1/refunds', { payment_intent: created.id, amount: '1500' });

    // Act
    const one = await (await fetch(`${sim.url}/_sim/ledger/${bookingId}`)).json();
    const all = (await (await fetch(`${sim.url}/_sim/ledger`)).json()) as { bookings: unknown[] };

    // Assess
    expect(one).toEqual({
      bookingId,
      currency: 'USD',
      authorizedMinor: 5_000,
      capturedMinor: 4_000,
      refundedMinor: 1_500,
      voidedMinor: 1_000,
      heldMinor: 0,
      netMinor: 2_500,
      openPaymentIds: [],
      paymentIds: [created.id],
    });
    expect(all.bookings).toContainEqual(one);
  });
});
