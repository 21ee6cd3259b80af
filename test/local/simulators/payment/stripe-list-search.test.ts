import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startStripeSimulator, type StripeSimulator } from '../../../../local/simulators/payment/stripe-simulator.ts';

/**
 * Listing and searching PaymentIntents and listing refunds, in Stripe's wire format over raw
 * HTTP. The simulator's clock is injected, so `created` values and filters are exact.
 */
let sim: StripeSimulator;
let nowMs = Date.parse('2027-01-10T12:00:00Z');
const T0 = Math.floor(nowMs / 1000);

beforeAll(async () => {
  sim = await startStripeSimulator({ port: 0, now: () => nowMs });
});

afterAll(async () => {
  await sim.stop();
});

beforeEach(() => {
  sim.state.reset();
  nowMs = T0 * 1000;
});

interface Answer {
  status: number;
  body: any;
}

async function call(method: 'GET' | 'POST', path: string, form: Record<string, string> = {}): Promise<Answer> {
  const query = new URLSearchParams(form).toString();
  const res = await fetch(`${sim.url}${path}${method === 'GET' && query ? `?${query}` : ''}`, {
    method,
    headers: { Authorization: `Bearer ${sim.secretKey}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    ...(method === 'POST' ? { body: query } : {}),
  });
  return { status: res.status, body: await res.json() };
}

/** An authorized intent for `bookingId`, created at `T0 + atSecond`. */
async function authorized(bookingId: string, atSecond = 0, amount = '10000', paymentMethod = 'pm_card_visa'): Promise<string> {
  nowMs = (T0 + atSecond) * 1000;
  const res = await call('POST', '/v1/payment_intents', {
    amount,
    currency: 'usd',
    payment_method: paymentMethod,
    confirm: 'true',
    capture_method: 'manual',
    'metadata[bookingId]': bookingId,
    'metadata[purpose]': 'checkout',
  });
  return res.body.id ?? res.body.error.payment_intent.id;
}

const ids = (answer: Answer) => (answer.body.data as { id: string }[]).map((d) => d.id);

describe('GET /v1/payment_intents', () => {
  it('lists newest first and pages with starting_after and ending_before', async () => {
    // Prepare
    const [a, b, c, d] = [await authorized('bk_a', 1), await authorized('bk_b', 2), await authorized('bk_c', 3), await authorized('bk_d', 4)];

    // Act
    const first = await call('GET', '/v1/payment_intents', { limit: '2' });
    const second = await call('GET', '/v1/payment_intents', { limit: '2', starting_after: ids(first).at(-1)! });
    const back = await call('GET', '/v1/payment_intents', { limit: '2', ending_before: ids(second)[0]! });

    // Assess
    expect(first.body).toMatchObject({ object: 'list', url: '/v1/payment_intents', has_more: true });
    expect(ids(first)).toEqual([d, c]);
    expect(ids(second)).toEqual([b, a]);
    expect(second.body.has_more).toBe(false);
    expect(ids(back)).toEqual([d, c]);
  });

  it('filters by created, exactly or with gt, gte, lt and lte', async () => {
    // Prepare
    const [a, b, c] = [await authorized('bk_a', 10), await authorized('bk_b', 20), await authorized('bk_c', 30)];

    // Act & Assess
    expect(ids(await call('GET', '/v1/payment_intents', { 'created[gte]': String(T0 + 20) }))).toEqual([c, b]);
    expect(ids(await call('GET', '/v1/payment_intents', { 'created[gt]': String(T0 + 20) }))).toEqual([c]);
    expect(ids(await call('GET', '/v1/payment_intents', { 'created[lt]': String(T0 + 20) }))).toEqual([a]);
    expect(ids(await call('GET', '/v1/payment_intents', { 'created[gte]': String(T0 + 10), 'created[lte]': String(T0 + 20) }))).toEqual([b, a]);
    expect(ids(await call('GET', '/v1/payment_intents', { created: String(T0 + 30) }))).toEqual([c]);
  });

  it('expands latest_charge so refunded amounts can be read', async () => {
    // Prepare
    const id = await authorized('bk_a');
    await call('POST', `/v1/payment_intents/${id}/capture`);
    await call('POST', '/v1/refunds', { payment_intent: id, amount: '2500' });

    // Act
    const listed = await call('GET', '/v1/payment_intents', { 'expand[0]': 'data.latest_charge' });
    const retrieved = await call('GET', `/v1/payment_intents/${id}`, { 'expand[]': 'latest_charge' });
    const plain = await call('GET', `/v1/payment_intents/${id}`);

    // Assess
    expect(listed.body.data[0].latest_charge).toMatchObject({ object: 'charge', amount_captured: 10000, amount_refunded: 2500, refunded: false });
    expect(retrieved.body.latest_charge).toMatchObject({ object: 'charge', amount_refunded: 2500 });
    expect(plain.body.latest_charge).toMatch(/^ch_/);
  });

  it('refuses a bad limit, an unknown cursor and unknown parameters', async () => {
    await authorized('bk_a');
    expect((await call('GET', '/v1/payment_intents', { limit: '101' })).status).toBe(400);
    expect((await call('GET', '/v1/payment_intents', { starting_after: 'pi_nope' })).body.error).toMatchObject({ code: 'resource_missing' });
    expect((await call('GET', '/v1/payment_intents', { colour: 'blue' })).body.error).toMatchObject({ code: 'parameter_unknown' });
    expect((await call('GET', '/v1/payment_intents', { 'created[since]': '1' })).status).toBe(400);
  });
});

describe('GET /v1/payment_intents/search', () => {
  async function search(query: string, extra: Record<string, string> = {}): Promise<Answer> {
    return call('GET', '/v1/payment_intents/search', { query, ...extra });
  }

  it('finds by metadata, and by metadata AND status', async () => {
    // Prepare
    const open = await authorized('bk_1', 1);
    const captured = await authorized('bk_1', 2);
    await call('POST', `/v1/payment_intents/${captured}/capture`);
    await authorized('bk_10', 3);

    // Act
    const all = await search("metadata['bookingId']:'bk_1'");
    const stillOpen = await search("metadata['bookingId']:'bk_1' AND status:'requires_capture'");

    // Assess
    expect(all.body).toMatchObject({ object: 'search_result', url: '/v1/payment_intents/search', has_more: false, next_page: null });
    expect(ids(all)).toEqual([captured, open]);
    expect(ids(stillOpen)).toEqual([open]);
  });

  it('reads double quotes, negation, OR, substrings and numeric comparisons', async () => {
    // Prepare
    const small = await authorized('bk_x1', 1, '500');
    const large = await authorized('bk_x2', 2, '90000');
    const declined = await authorized('bk_y1', 3, '700', 'pm_card_chargeDeclined');

    // Act & Assess
    expect(ids(await search('metadata["bookingId"]:"bk_x1"'))).toEqual([small]);
    expect(ids(await search("metadata['bookingId']~'bk_x' AND -status:'requires_payment_method'"))).toEqual([large, small]);
    expect(ids(await search("metadata['bookingId']:'bk_x2' OR metadata['bookingId']:'bk_y1'"))).toEqual([declined, large]);
    expect(ids(await search('amount>=700 AND amount<90000'))).toEqual([declined]);
    expect(ids(await search(`created>${T0 + 1}`))).toEqual([declined, large]);
  });

  it('pages with next_page', async () => {
    // Prepare
    const made = [];
    for (let i = 0; i < 5; i += 1) made.push(await authorized('bk_many', i));

    // Act
    const first = await search("metadata['bookingId']:'bk_many'", { limit: '3' });
    const second = await search("metadata['bookingId']:'bk_many'", { limit: '3', page: first.body.next_page });

    // Assess
    expect(first.body.has_more).toBe(true);
    expect([...ids(first), ...ids(second)]).toEqual(made.reverse());
    expect(second.body).toMatchObject({ has_more: false, next_page: null });
  });

  it.each([
    ["metadata['bookingId']:'a' AND status:'b' OR status:'c'", 'combine AND and OR'],
    ["colour:'blue'", 'unsupported'],
    ["status>'x'", 'does not support'],
    ["amount>'x'", 'needs a number'],
    ["metadata['bookingId']~'ab'", '3 characters'],
    ["metadata['bookingId']:'a' AND", 'ends with'],
    ['', 'Missing'],
  ])('refuses %j with 400 (%s)', async (query, message) => {
    const res = await call('GET', '/v1/payment_intents/search', query ? { query } : {});
    expect(res.status).toBe(400);
    expect(res.body.error.type).toBe('invalid_request_error');
    expect(res.body.error.message).toContain(message);
  });
});

describe('search that lags behind writes (searchIndexing: manual)', () => {
  let lagging: StripeSimulator;

  beforeAll(async () => {
    lagging = await startStripeSimulator({ port: 0, searchIndexing: 'manual' });
  });

  afterAll(async () => {
    await lagging.stop();
  });

  async function post(path: string, form: Record<string, string>): Promise<any> {
    const res = await fetch(`${lagging.url}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${lagging.secretKey}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    return res.json();
  }

  async function searchLagging(query: string): Promise<any> {
    const res = await fetch(`${lagging.url}/v1/payment_intents/search?${new URLSearchParams({ query })}`, {
      headers: { Authorization: `Bearer ${lagging.secretKey}` },
    });
    return res.json();
  }

  it('finds an intent only once indexed, and matches on the state it had then', async () => {
    // Prepare
    const bookingId = `bk_${randomUUID().slice(0, 8)}`;
    const intent = await post('/v1/payment_intents', {
      amount: '100',
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: 'true',
      capture_method: 'manual',
      'metadata[bookingId]': bookingId,
    });
    const query = `metadata['bookingId']:'${bookingId}' AND status:'requires_capture'`;

    // Act
    const before = await searchLagging(query);
    lagging.state.indexSearch();
    await post(`/v1/payment_intents/${intent.id}/cancel`, {});
    const staleIndex = await searchLagging(query);
    lagging.state.indexSearch();
    const fresh = await searchLagging(query);

    // Assess
    expect(before.data).toEqual([]);
    expect(staleIndex.data).toEqual([expect.objectContaining({ id: intent.id, status: 'canceled' })]);
    expect(fresh.data).toEqual([]);
  });
});

describe('GET /v1/refunds', () => {
  it('lists the refunds of one payment, newest first', async () => {
    // Prepare
    const id = await authorized('bk_r');
    const other = await authorized('bk_s');
    await call('POST', `/v1/payment_intents/${id}/capture`);
    await call('POST', `/v1/payment_intents/${other}/capture`);
    const r1 = await call('POST', '/v1/refunds', { payment_intent: id, amount: '1000', 'metadata[purpose]': 'modify-1' });
    nowMs += 1000;
    const r2 = await call('POST', '/v1/refunds', { payment_intent: id, amount: '2000', 'metadata[purpose]': 'cancellation' });
    await call('POST', '/v1/refunds', { payment_intent: other });

    // Act
    const listed = await call('GET', '/v1/refunds', { payment_intent: id });

    // Assess
    expect(listed.body).toMatchObject({ object: 'list', has_more: false });
    expect(ids(listed)).toEqual([r2.body.id, r1.body.id]);
    expect(listed.body.data[0]).toMatchObject({ amount: 2000, metadata: { purpose: 'cancellation' }, created: T0 + 1 });
  });

  it('answers 400 resource_missing for an unknown payment intent', async () => {
    const res = await call('GET', '/v1/refunds', { payment_intent: 'pi_nope' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'resource_missing', param: 'payment_intent' });
  });
});
