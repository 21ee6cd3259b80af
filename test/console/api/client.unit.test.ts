import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError, buildUrl, errorFromBody } from '../../../console/src/api/client.ts';
import { bookingsApi } from '../../../console/src/api/bookings.ts';
import { pmsApi } from '../../../console/src/api/pms.ts';

interface Call {
  url: string;
  init: RequestInit;
}

function fakeFetch(answer: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fn = (async (url: string, init: RequestInit) => {
    const call = { url, init };
    calls.push(call);
    return answer(call);
  }) as unknown as typeof fetch;
  return { calls, fn };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('ApiClient', () => {
  it('sends the bearer token and JSON to the configured base, skipping empty query values', async () => {
    const f = fakeFetch(() => json(200, { success: true, data: [], nextCursor: 'c2' }));
    const client = new ApiClient({ basePath: '/api/', token: () => 'tok', fetch: f.fn });

    const page = await bookingsApi(client).list({ status: 'FAILED', hotelId: undefined, limit: 25 });

    expect(page).toEqual({ bookings: [], nextCursor: 'c2' });
    expect(f.calls[0]!.url).toBe('/api/admin/bookings?status=FAILED&limit=25');
    expect((f.calls[0]!.init.headers as Record<string, string>).authorization).toBe('Bearer tok');
    // Never the browser's cached copy of a public catalog answer: an edit must read back as stored.
    expect(f.calls[0]!.init.cache).toBe('no-store');
  });

  it('encodes ids as one path segment', async () => {
    const f = fakeFetch(() => json(200, { success: true, data: {} }));
    await pmsApi(new ApiClient({ basePath: '/api', token: () => undefined, fetch: f.fn })).updateConfig('cfg/../x', { paused: false });
    expect(f.calls[0]!.url).toBe('/api/admin/pms/configs/cfg%2F..%2Fx');
    expect(f.calls[0]!.init.method).toBe('PATCH');
    expect(f.calls[0]!.init.body).toBe('{"paused":false}');
  });

  it("turns the API's error envelope into an ApiError with its code, message and request id", async () => {
    const f = fakeFetch(() => json(422, { success: false, error: { code: 'PMS_AUTH_FAILED', message: 'The PMS refused the API key', details: [{ field: 'body.apiKey' }] }, requestId: 'req-1' }));
    const client = new ApiClient({ basePath: '/api', token: () => 't', fetch: f.fn });

    const failure = pmsApi(client).fetchHotelData({ vendor: 'generic', hotelId: 'h', apiKey: 'bad' });

    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ status: 422, code: 'PMS_AUTH_FAILED', message: 'The PMS refused the API key', requestId: 'req-1', details: [{ field: 'body.apiKey' }] });
  });

  it("gives API Gateway's bare answers a code, and ends the session on a 401", async () => {
    const f = fakeFetch(() => json(401, { message: 'Unauthorized' }, { 'apigw-requestid': 'gw-1' }));
    const unauthorized: ApiError[] = [];
    const client = new ApiClient({ basePath: '/api', token: () => 'expired', fetch: f.fn, onUnauthorized: (e) => unauthorized.push(e) });

    await expect(client.get('/admin/bookings')).rejects.toMatchObject({ status: 401, code: 'UNAUTHORIZED', message: 'Unauthorized', requestId: 'gw-1' });
    expect(unauthorized).toHaveLength(1);
  });

  it('reports an unreachable API, and a 200 that is not JSON', async () => {
    const down = new ApiClient({ basePath: '/api', token: () => undefined, fetch: (async () => { throw new TypeError('Failed to fetch'); }) as unknown as typeof fetch });
    await expect(down.get('/health')).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR', message: expect.stringContaining('Failed to fetch') });

    const html = new ApiClient({ basePath: '/api', token: () => undefined, fetch: (async () => new Response('<html>', { status: 200 })) as unknown as typeof fetch });
    await expect(html.get('/health')).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
  });

  it('lets an abort through as an abort, not as an API error', async () => {
    const controller = new AbortController();
    const client = new ApiClient({
      basePath: '/api',
      token: () => undefined,
      fetch: (async (_u: string, init: RequestInit) => {
        controller.abort();
        init.signal!.throwIfAborted();
        return json(200, {});
      }) as unknown as typeof fetch,
    });
    await expect(client.get('/health', undefined, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('counts across pages up to a cap', async () => {
    let n = 0;
    const f = fakeFetch(() => {
      n++;
      return json(200, { success: true, data: Array.from({ length: 100 }, (_, i) => ({ bookingId: `b${n}-${i}` })), nextCursor: `c${n}` });
    });
    const result = await bookingsApi(new ApiClient({ basePath: '/api', token: () => 't', fetch: f.fn })).count({ status: 'NEEDS_ATTENTION' }, 200);
    expect(result).toMatchObject({ count: 200, capped: true });
    expect(f.calls.map((c) => c.url)).toEqual(['/api/admin/bookings?status=NEEDS_ATTENTION&limit=100', '/api/admin/bookings?status=NEEDS_ATTENTION&limit=100&cursor=c1']);
  });

  it('posts the Needs attention actions to their routes, the note as JSON, the id as one path segment', async () => {
    const f = fakeFetch(() => json(200, { success: true, data: { outcome: 'RESOLVED', ran: [], booking: { bookingId: 'bk/1' } } }));
    const api = bookingsApi(new ApiClient({ basePath: '/api', token: () => 't', fetch: f.fn }));

    const retried = await api.retryCompensation('bk/1');
    await api.resolve('bk/1', 'Voided in Stripe.');

    expect(retried.outcome).toBe('RESOLVED');
    expect(f.calls.map((c) => [c.init.method, c.url, c.init.body])).toEqual([
      ['POST', '/api/admin/bookings/bk%2F1/retry-compensation', undefined],
      ['POST', '/api/admin/bookings/bk%2F1/resolve', JSON.stringify({ note: 'Voided in Stripe.' })],
    ]);
  });
});

describe('errorFromBody and buildUrl', () => {
  it('names an unknown status and keeps a message-less envelope readable', () => {
    expect(errorFromBody(418, 'teapot')).toMatchObject({ code: 'HTTP_418', message: 'HTTP 418' });
    expect(errorFromBody(409, { success: false, error: { code: 'SOLD_OUT' } })).toMatchObject({ code: 'SOLD_OUT', message: 'SOLD_OUT' });
    expect(buildUrl('/api', 'hotels', { page: 2, city: '' })).toBe('/api/hotels?page=2');
  });
});
