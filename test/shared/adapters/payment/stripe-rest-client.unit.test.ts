import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  STRIPE_API_VERSION,
  StripeApiError,
  StripeClientConfigError,
  StripeConnectionError,
  StripeRestClient,
  type StripeRestClientOptions,
} from '../../../../shared/adapters/payment/stripe-rest-client.ts';

/** A transport that records every request and answers from a script: no sockets. */
interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

type Scripted = Response | Error | 'hang';

function transport(script: Scripted[]) {
  const sent: Sent[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    sent.push({
      url: String(input),
      method: init?.method ?? 'GET',
      headers: { ...(init?.headers as Record<string, string>) },
      body: init?.body as string | undefined,
    });
    const next = script.shift() ?? new Error('script exhausted');
    if (next === 'hang') {
      // Never answers: only the client's own timeout ends this attempt.
      return new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    }
    if (next instanceof Error) throw next;
    return next;
  }) as typeof globalThis.fetch;
  return { fetch, sent };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'request-id': 'req_1', ...headers } });
}

function fetchFailure(code: string): TypeError {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
}

function client(script: Scripted[], overrides: Partial<StripeRestClientOptions> = {}) {
  const t = transport(script);
  const waits: number[] = [];
  const stripe = new StripeRestClient({
    secretKey: 'sk_test_unit_1234567890',
    baseUrl: 'http://127.0.0.1:12111',
    timeoutMs: 1_000,
    maxNetworkRetries: 1,
    fetch: t.fetch,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...overrides,
  });
  return { stripe, sent: t.sent, waits };
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('StripeRestClient requests', () => {
  it('POSTs a form body with the key, the pinned version and the idempotency key', async () => {
    // Prepare
    const { stripe, sent } = client([json(200, { id: 'pi_1', object: 'payment_intent' })]);

    // Act
    const res = await stripe.post('/v1/payment_intents', { amount: 100, metadata: { bookingId: 'bk_1' } }, { idempotencyKey: 'booking-bk_1-authorize' });

    // Assess
    expect(res).toEqual({ status: 200, body: { id: 'pi_1', object: 'payment_intent' }, replayed: false, requestId: 'req_1' });
    expect(sent).toEqual([
      {
        url: 'http://127.0.0.1:12111/v1/payment_intents',
        method: 'POST',
        headers: expect.objectContaining({
          Authorization: 'Bearer sk_test_unit_1234567890',
          'Stripe-Version': STRIPE_API_VERSION,
          'Content-Type': 'application/x-www-form-urlencoded',
          'Idempotency-Key': 'booking-bk_1-authorize',
        }),
        body: 'amount=100&metadata[bookingId]=bk_1',
      },
    ]);
  });

  it('GETs with the parameters in the query string and no idempotency key', async () => {
    const { stripe, sent } = client([json(200, { object: 'list', data: [], has_more: false })]);
    await stripe.get('/v1/payment_intents', { created: { gte: 1700000000 }, limit: 100 });
    expect(sent[0]?.url).toBe('http://127.0.0.1:12111/v1/payment_intents?created[gte]=1700000000&limit=100');
    expect(sent[0]?.body).toBeUndefined();
    expect(sent[0]?.headers['Idempotency-Key']).toBeUndefined();
  });

  it('reports a replayed answer', async () => {
    const { stripe } = client([json(200, { id: 'pi_1' }, { 'idempotent-replayed': 'true' })]);
    expect((await stripe.post('/v1/payment_intents', {}, { idempotencyKey: 'k' })).replayed).toBe(true);
  });

  it('gives a POST without a key one of its own, and keeps it for the retry', async () => {
    // Prepare
    const { stripe, sent } = client([json(500, { error: { type: 'api_error' } }), json(200, { id: 're_1' })]);

    // Act
    await stripe.post('/v1/refunds', { payment_intent: 'pi_1' });

    // Assess
    const keys = sent.map((s) => s.headers['Idempotency-Key']);
    expect(keys[0]).toMatch(/^hotel-booking-[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
  });

  it('turns Stripe\'s error envelope into StripeApiError with its fields', async () => {
    // Prepare
    const { stripe } = client([
      json(402, { error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'Declined', payment_intent: { id: 'pi_9' } } }),
    ]);

    // Act
    const error = await rejectionOf(stripe.post('/v1/payment_intents', {}, { idempotencyKey: 'k' }));

    // Assess
    expect(error).toBeInstanceOf(StripeApiError);
    expect(error).toMatchObject({ statusCode: 402, type: 'card_error', code: 'card_declined', declineCode: 'insufficient_funds', paymentIntentId: 'pi_9', requestId: 'req_1' });
  });

  it('treats an answer that is not JSON as Stripe\'s failure', async () => {
    const { stripe } = client([new Response('<html>bad gateway</html>', { status: 502 }), new Response('oops', { status: 200 })]);
    const error = await rejectionOf(stripe.get('/v1/payment_intents/pi_1'));
    expect(error).toMatchObject({ name: 'StripeApiError', statusCode: 200, type: 'api_error' });
  });
});

describe('StripeRestClient retries', () => {
  it('retries a 5xx with backoff, then succeeds', async () => {
    const { stripe, sent, waits } = client([json(503, { error: { type: 'api_error' } }), json(200, { id: 'pi_1' })]);
    expect((await stripe.get('/v1/payment_intents/pi_1')).body).toEqual({ id: 'pi_1' });
    expect(sent).toHaveLength(2);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(500);
    expect(waits[0]).toBeLessThanOrEqual(5_000);
  });

  it('retries a 409 (a concurrent request holds the key)', async () => {
    const { stripe, sent } = client([json(409, { error: { type: 'invalid_request_error', code: 'idempotency_key_in_use' } }), json(200, { id: 'pi_1' })]);
    await stripe.post('/v1/payment_intents', {}, { idempotencyKey: 'k' });
    expect(sent).toHaveLength(2);
  });

  it('does not retry a 4xx, nor anything Stripe says not to', async () => {
    const declined = client([json(402, { error: { type: 'card_error' } })]);
    const told = client([json(500, { error: { type: 'api_error' } }, { 'stripe-should-retry': 'false' })]);
    await rejectionOf(declined.stripe.post('/v1/payment_intents', {}, { idempotencyKey: 'k' }));
    await rejectionOf(told.stripe.post('/v1/payment_intents', {}, { idempotencyKey: 'k' }));
    expect(declined.sent).toHaveLength(1);
    expect(told.sent).toHaveLength(1);
  });

  it('retries what Stripe says to retry, a 4xx included', async () => {
    const { stripe, sent } = client([json(400, { error: { type: 'invalid_request_error', code: 'lock_timeout' } }, { 'stripe-should-retry': 'true' }), json(200, {})]);
    await stripe.post('/v1/payment_intents', {}, { idempotencyKey: 'k' });
    expect(sent).toHaveLength(2);
  });

  it('stops after maxNetworkRetries', async () => {
    const { stripe, sent } = client(
      [json(500, { error: { type: 'api_error' } }), json(500, { error: { type: 'api_error' } }), json(500, { error: { type: 'api_error' } })],
      { maxNetworkRetries: 2 },
    );
    expect(await rejectionOf(stripe.get('/v1/payment_intents/pi_1'))).toMatchObject({ statusCode: 500 });
    expect(sent).toHaveLength(3);
  });

  it('retries a connection closed under the request once even with retries off (a stale keep-alive socket)', async () => {
    const { stripe, sent } = client([fetchFailure('ECONNRESET'), json(200, { id: 'pi_1' })], { maxNetworkRetries: 0 });
    await stripe.post('/v1/payment_intents', {}, { idempotencyKey: 'k' });
    expect(sent.map((s) => s.headers['Idempotency-Key'])).toEqual(['k', 'k']);
  });

  it('does not retry a refused connection with retries off, and says it was not a timeout', async () => {
    const { stripe, sent } = client([fetchFailure('ECONNREFUSED')], { maxNetworkRetries: 0 });
    const error = await rejectionOf(stripe.get('/v1/payment_intents/pi_1'));
    expect(error).toBeInstanceOf(StripeConnectionError);
    expect(error).toMatchObject({ timedOut: false, transportCode: 'ECONNREFUSED' });
    expect(sent).toHaveLength(1);
  });

  it('gives up an attempt at its timeout and reports a timeout', async () => {
    // Prepare: the transport never answers.
    const { stripe } = client(['hang'], { timeoutMs: 5, maxNetworkRetries: 0 });

    // Act
    const error = await rejectionOf(stripe.post('/v1/payment_intents', {}, { idempotencyKey: 'k' }));

    // Assess
    expect(error).toBeInstanceOf(StripeConnectionError);
    expect(error).toMatchObject({ timedOut: true });
  });
});

describe('StripeRestClient configuration', () => {
  it('refuses plain http to anything but loopback, and a missing key', () => {
    expect(() => new StripeRestClient({ secretKey: 'sk_test_x', baseUrl: 'http://api.example.com', timeoutMs: 1, maxNetworkRetries: 0 })).toThrow(
      StripeClientConfigError,
    );
    expect(() => new StripeRestClient({ secretKey: ' ', timeoutMs: 1, maxNetworkRetries: 0 })).toThrow(StripeClientConfigError);
    expect(() => new StripeRestClient({ secretKey: 'sk_test_x', baseUrl: 'http://[::1]:1234', timeoutMs: 1, maxNetworkRetries: 0 })).not.toThrow();
  });

  it('keeps the secret key out of anything that could be logged', () => {
    const { stripe } = client([]);
    expect(JSON.stringify(stripe)).not.toContain('sk_test_unit');
    expect(inspect(stripe, { showHidden: true, depth: 5 })).not.toContain('sk_test_unit');
  });
});
