import { describe, expect, it } from 'vitest';
import { errorForStatus, httpContext, parseRetryAfter, sendPmsRequest, toHhMm, type PmsHttpResponse } from '../../../../shared/adapters/pms/http.ts';
import { PmsAuthError, PmsNotFoundError, PmsRateLimitedError, PmsRejectedError, PmsUnavailableError } from '../../../../shared/domain/pms-errors.ts';
import type { PmsCallRecord } from '../../../../shared/ports/pms.port.ts';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const ctx = httpContext('generic', { now: () => NOW });

function response(status: number, headers: Record<string, string> = {}): PmsHttpResponse {
  return { status, headers: new Headers(headers), body: undefined };
}

describe('PMS HTTP status mapping', () => {
  it.each([
    [401, PmsAuthError],
    [403, PmsAuthError],
    [404, PmsNotFoundError],
    [429, PmsRateLimitedError],
    [500, PmsUnavailableError],
    [503, PmsUnavailableError],
    [400, PmsRejectedError],
    [409, PmsRejectedError],
  ])('maps HTTP %i to its domain error', (status, type) => {
    const error = errorForStatus(ctx, response(status), { what: 'test' });

    expect(error).toBeInstanceOf(type);
    expect(error?.vendor).toBe('generic');
  });

  it('leaves successful answers alone', () => {
    expect(errorForStatus(ctx, response(200), { what: 'test' })).toBeUndefined();
    expect(errorForStatus(ctx, response(204), { what: 'test' })).toBeUndefined();
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const seconds = errorForStatus(ctx, response(429, { 'retry-after': '3' }), { what: 'test' }) as PmsRateLimitedError;
    const date = errorForStatus(ctx, response(429, { 'retry-after': new Date(NOW + 7_000).toUTCString() }), { what: 'test' }) as PmsRateLimitedError;

    expect(seconds.retryAfterMs).toBe(3_000);
    expect(date.retryAfterMs).toBe(7_000);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
  });

  it('keeps the vendor message out of the error message and details', () => {
    const error = errorForStatus(ctx, response(400), { what: 'create reservation', vendorMessage: 'guest john@example.com invalid' })!;

    expect(error.message).not.toContain('john@example.com');
    expect(JSON.stringify(error.details)).not.toContain('john@example.com');
    expect((error.cause as Error).message).toContain('john@example.com');
  });

  it('reports a refused connection as unavailable and still records the call', async () => {
    // Prepare: fetch fails the way undici does when nothing listens (no socket is opened here).
    const calls: PmsCallRecord[] = [];
    const refusing: typeof fetch = async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) });
    };
    const refused = httpContext('cloudbeds', { timeoutMs: 1_000, onCall: (c) => calls.push(c), fetch: refusing });

    // Act
    const error = await sendPmsRequest(refused, { operation: 'getHotel', endpoint: 'getHotelDetails', method: 'GET', url: 'http://127.0.0.1:9/x' }).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(PmsUnavailableError);
    expect((error as PmsUnavailableError).message).toBe('cloudbeds could not be reached for getHotelDetails');
    expect(calls).toEqual([expect.objectContaining({ vendor: 'cloudbeds', operation: 'getHotel', endpoint: 'getHotelDetails', ok: false })]);
    expect(calls[0]!.status).toBeUndefined();
  });

  it('abandons a call at its timeout: the fetch is given a signal that aborts after timeoutMs', async () => {
    // Prepare: a PMS that never answers; the fetch settles only when its signal aborts, so the
    // outcome cannot depend on how fast the machine is (AbortSignal.timeout runs on real timers).
    const calls: PmsCallRecord[] = [];
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason), { once: true }));
    const ctx = httpContext('generic', { timeoutMs: 5, onCall: (c) => calls.push(c), fetch: hanging });

    // Act
    const error = await sendPmsRequest(ctx, { operation: 'createReservation', endpoint: 'POST /reservations', method: 'POST', url: 'http://pms.example/reservations', json: {} }).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(PmsUnavailableError);
    expect((error as PmsUnavailableError).message).toBe('generic did not answer POST /reservations within 5 ms');
    expect(((error as PmsUnavailableError).cause as Error).name).toBe('TimeoutError');
    expect(calls).toEqual([expect.objectContaining({ operation: 'createReservation', ok: false })]);
  });

  it('reports each call\'s response time by the injected monotonic clock', async () => {
    // Prepare: the clock reads 1000 when the call starts and 1342.5 when it ends.
    const calls: PmsCallRecord[] = [];
    const readings = [1_000, 1_342.5];
    const answering: typeof fetch = async () => new Response('{"ok":true}', { status: 200 });
    const ctx = httpContext('opera', { onCall: (c) => calls.push(c), fetch: answering, monotonicNow: () => readings.shift()! });

    // Act
    const res = await sendPmsRequest(ctx, { operation: 'getHotel', endpoint: 'GET /hotels', method: 'GET', url: 'http://pms.example/hotels' });

    // Assess
    expect(res.body).toEqual({ ok: true });
    expect(calls).toEqual([{ vendor: 'opera', operation: 'getHotel', endpoint: 'GET /hotels', durationMs: 342.5, ok: true, status: 200 }]);
  });

  it('normalises vendor times to HH:mm', () => {
    expect(toHhMm('3:00 PM')).toBe('15:00');
    expect(toHhMm('12:30 am')).toBe('00:30');
    expect(toHhMm('11:00:00')).toBe('11:00');
    expect(toHhMm('noon')).toBeUndefined();
  });
});
