import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalJwtAuthorizer } from '../../../local/api-gateway/jwt-authorizer.ts';
import { createLocalApi, type ApiRoute, type LocalApi } from '../../../local/api-gateway/local-api.ts';
import { issueToken, loadSigningKey, type LocalSigningKey } from '../../../local/cognito/local-issuer.ts';
import type { HandlerLoader } from '../../../local/handlers/handler-loader.ts';
import { CLIENT_RATE_LIMITS, STAGE_THROTTLE } from '../../../shared/http/rate-limits.ts';
import { routes } from '../../../shared/http/route-table.ts';

/**
 * The limits `npm start` applies (unless RATE_LIMITS=off), on the emulator with the real tables
 * and an injected clock: no test waits for a window to pass. The handlers are stand-ins; the
 * routes carry the real route table's throttles.
 */
const answer: HandlerLoader = async () => async () => ({ statusCode: 200, body: '{"ok":true}' });
const apiRoutes: ApiRoute[] = [
  { ...routes.listHotels, handler: 'stand-in' },
  { ...routes.searchHotels, handler: 'stand-in' },
  { ...routes.getHotel, handler: 'stand-in' },
  { ...routes.checkout, handler: 'stand-in' },
  { ...routes.getBooking, handler: 'stand-in' },
];

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: any;
}

function call(base: string, path: string, options: { method?: string; from?: string; authorization?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = options.authorization ? { authorization: options.authorization } : {};
    const req = request(`${base}${path}`, { method: options.method ?? 'GET', headers, ...(options.from ? { localAddress: options.from } : {}) }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, json: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('local HTTP API with RATE_LIMITS=on', () => {
  let now = Date.parse('2026-12-03T00:00:00Z');
  let api: LocalApi;
  let unlimited: LocalApi;
  let keyDir: string;
  let key: LocalSigningKey;

  beforeAll(async () => {
    keyDir = mkdtempSync(join(tmpdir(), 'limits-key-'));
    const keyFile = join(keyDir, 'key.json');
    key = await loadSigningKey(keyFile);
    const authorizer = await createLocalJwtAuthorizer(keyFile);
    api = await createLocalApi({
      routes: apiRoutes,
      authorizer,
      loadHandler: answer,
      limits: { stageThrottle: STAGE_THROTTLE, clientRateLimits: CLIENT_RATE_LIMITS },
      clock: () => now,
    });
    unlimited = await createLocalApi({ routes: apiRoutes, authorizer, loadHandler: answer, clock: () => now });
  });

  afterAll(async () => {
    await api?.close();
    await unlimited?.close();
    rmSync(keyDir, { recursive: true, force: true });
  });

  const base = (target: LocalApi) => `http://127.0.0.1:${target.port}`;

  it('throttles checkout as API Gateway does: 80 at once get 50 through and 429 {"message":"Too Many Requests"} for the rest', async () => {
    const answers = await Promise.all(Array.from({ length: 80 }, () => call(base(api), '/api/booking/checkout', { method: 'POST' })));

    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(routes.checkout.throttle!.burstLimit);
    expect(statuses.filter((s) => s === 429)).toHaveLength(80 - routes.checkout.throttle!.burstLimit);
    expect(answers.find((a) => a.status === 429)!.json).toEqual({ message: 'Too Many Requests' });

    // A second later the bucket has regained rateLimit tokens.
    now += 1_000;
    const later = await Promise.all(Array.from({ length: 25 }, () => call(base(api), '/api/booking/checkout', { method: 'POST' })));
    expect(later.filter((a) => a.status === 200)).toHaveLength(routes.checkout.throttle!.rateLimit);
  });

  it('refuses the 61st search in a minute from one address with 429, Retry-After and the RATE_LIMITED envelope; another address is unaffected', async () => {
    now += 60_000;
    for (let i = 0; i < 60; i += 1) expect((await call(base(api), '/api/hotels?city=Seoul')).status).toBe(200);

    const refused = await call(base(api), '/api/hotels?city=Seoul');
    const elsewhere = await call(base(api), '/api/hotels?city=Seoul', { from: '127.0.0.2' });
    now += 60_000;
    const nextMinute = await call(base(api), '/api/hotels?city=Seoul');

    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('60');
    expect(refused.json).toEqual({ success: false, error: { code: 'RATE_LIMITED', message: expect.stringContaining('60 every 60 seconds') } });
    expect(elsewhere.status).toBe(200);
    expect(nextMinute.status).toBe(200);
  });

  it('counts GET /api/hotels/search in the same per-IP budget: its 61st call in a minute is 429, another address and a hotel page are unaffected', async () => {
    now += 120_000;
    const search = '/api/hotels/search?city=Seoul&checkIn=2027-01-10&checkOut=2027-01-12';
    for (let i = 0; i < 30; i += 1) expect((await call(base(api), search)).status).toBe(200);
    for (let i = 0; i < 30; i += 1) expect((await call(base(api), '/api/hotels?city=Seoul')).status).toBe(200);

    const refused = await call(base(api), search);
    const elsewhere = await call(base(api), search, { from: '127.0.0.5' });
    const hotelPage = await call(base(api), '/api/hotels/htl_1');

    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(refused.json.error.code).toBe('RATE_LIMITED');
    expect(elsewhere.status).toBe(200);
    expect(hotelPage.status).toBe(200);
  });

  it('refuses a user\'s 101st API request in a minute, whatever its address, and not another user\'s', async () => {
    now += 60_000;
    const g1 = `Bearer ${await issueToken({ role: 'guest', subject: 'g_1' }, key)}`;
    const g2 = `Bearer ${await issueToken({ role: 'guest', subject: 'g_2' }, key)}`;
    for (let i = 0; i < 100; i += 1) {
      const from = i % 2 === 0 ? '127.0.0.1' : '127.0.0.3';
      expect((await call(base(api), '/api/bookings/bk_1', { authorization: g1, from })).status).toBe(200);
    }

    const refused = await call(base(api), '/api/bookings/bk_1', { authorization: g1, from: '127.0.0.4' });
    const other = await call(base(api), '/api/bookings/bk_1', { authorization: g2 });

    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe('RATE_LIMITED');
    expect(other.status).toBe(200);
  });

  it('applies no limit at all with RATE_LIMITS=off', async () => {
    const answers = await Promise.all(Array.from({ length: 80 }, () => call(base(unlimited), '/api/booking/checkout', { method: 'POST' })));
    const searches = await Promise.all(Array.from({ length: 70 }, () => call(base(unlimited), '/api/hotels')));

    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(searches.every((a) => a.status === 200)).toBe(true);
  });
});
