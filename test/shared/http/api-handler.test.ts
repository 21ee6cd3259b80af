import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { NotFoundError, UnauthorizedError } from '../../../shared/domain/errors.ts';
import { ANSWER_MARGIN_MS, apiHandler, ok } from '../../../shared/http/api-handler.ts';
import { defineRoute, hotelStaff } from '../../../shared/http/route.ts';
import { httpEvent, invoke } from '../../support/events.ts';

const route = defineRoute({
  method: 'POST',
  path: '/api/things/{thingId}',
  handler: 'test/thing',
  auth: 'admin',
  summary: 'test',
  tags: [],
  permissions: [],
  params: z.object({ thingId: z.string().min(2) }),
  body: z.object({ name: z.string().min(1), count: z.number().int().positive() }),
  responses: { 200: { description: 'test', body: z.unknown() } },
});

const admin = { sub: 'a1', 'cognito:groups': '[admin]' };

describe('apiHandler', () => {
  const seen: unknown[] = [];
  const handler = apiHandler(route, async ({ params, body, principal }) => {
    seen.push({ params, body, principal });
    if (body.name === 'missing') throw new NotFoundError('Thing', params.thingId);
    if (body.name === 'boom') throw new Error('database password is hunter2');
    return ok({ id: params.thingId, name: body.name }, {}, 201);
  });

  it('passes validated input and the principal to the business function', async () => {
    const res = await invoke(handler, httpEvent(route, { params: { thingId: 't1' }, body: { name: 'a', count: 1 }, claims: admin }));
    expect(res.statusCode).toBe(201);
    expect(res.body).toEqual({ success: true, data: { id: 't1', name: 'a' } });
    expect(res.headers['x-request-id']).toBe('req-test');
  });

  it('answers 400 BAD_REQUEST for malformed JSON', async () => {
    const res = await invoke(handler, httpEvent(route, { params: { thingId: 't1' }, rawBody: '{"name":', claims: admin }));
    expect(res.statusCode).toBe(400);
    expect(res.body.error.code).toBe('BAD_REQUEST');
  });

  it('answers 400 for a missing body and for a non-JSON content type', async () => {
    const noBody = await invoke(handler, httpEvent(route, { params: { thingId: 't1' }, claims: admin }));
    expect(noBody.statusCode).toBe(400);
    const form = await invoke(
      handler,
      httpEvent(route, { params: { thingId: 't1' }, rawBody: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' }, claims: admin }),
    );
    expect(form.statusCode).toBe(400);
  });

  it('answers 422 listing every offending field', async () => {
    const res = await invoke(handler, httpEvent(route, { params: { thingId: 't' }, body: { name: '', count: -1 }, claims: admin }));
    expect(res.statusCode).toBe(422);
    expect(res.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['body.count', 'body.name', 'params.thingId']);
    expect(res.body.error.message).toContain('params.thingId');
  });

  it('answers 401 without claims and 403 for a guest, before running the business function', async () => {
    const before = seen.length;
    const anonymous = await invoke(handler, httpEvent(route, { params: { thingId: 't1' }, body: { name: 'a', count: 1 } }));
    const guest = await invoke(
      handler,
      httpEvent(route, { params: { thingId: 't1' }, body: { name: 'a', count: 1 }, claims: { sub: 'g', 'cognito:groups': '[guest]' } }),
    );
    expect([anonymous.statusCode, guest.statusCode]).toEqual([401, 403]);
    expect([anonymous.body.error.code, guest.body.error.code]).toEqual(['UNAUTHORIZED', 'FORBIDDEN']);
    expect(seen.length).toBe(before);
  });

  it('maps domain errors to their status', async () => {
    const res = await invoke(handler, httpEvent(route, { params: { thingId: 't1' }, body: { name: 'missing', count: 1 }, claims: admin }));
    expect(res.statusCode).toBe(404);
  });

  it('turns an unexpected error into a 500 that leaks nothing', async () => {
    const res = await invoke(handler, httpEvent(route, { params: { thingId: 't1' }, body: { name: 'boom', count: 1 }, claims: admin }));
    expect(res.statusCode).toBe(500);
    expect(res.body.error.code).toBe('INTERNAL_ERROR');
    expect(JSON.stringify(res.body)).not.toContain('hunter2');
  });
});

describe('apiHandler: a request that runs out of time still answers in our envelope', () => {
  const never = new Promise<never>(() => undefined);
  /** A Lambda context with `ms` left: our deadline fires ANSWER_MARGIN_MS before it. */
  const contextWith = (ms: number) => ({ getRemainingTimeInMillis: () => ms, callbackWaitsForEmptyEventLoop: true }) as never;
  const call = async (handler: (event: never, context: never) => Promise<unknown>, ms: number) => {
    const result = (await handler(httpEvent(route, { params: { thingId: 't1' }, body: { name: 'a', count: 1 }, claims: admin }) as never, contextWith(ms))) as {
      statusCode: number;
      body: string;
    };
    return { statusCode: result.statusCode, body: JSON.parse(result.body) };
  };

  it('answers 503 TIMED_OUT (never a bare 500) when the route has nothing to say yet', async () => {
    const handler = apiHandler(route, async () => never);

    const res = await call(handler as never, ANSWER_MARGIN_MS + 50);

    expect(res.statusCode).toBe(503);
    expect(res.body).toMatchObject({ success: false, error: { code: 'TIMED_OUT' }, requestId: 'req-test' });
  });

  it('answers what the route registered once it has something to point at (the checkout: 202 with the booking id)', async () => {
    const handler = apiHandler(route, async ({ onTimeout }) => {
      onTimeout(() => ok({ bookingId: 'bk_1', status: 'PENDING' }, {}, 202));
      return never;
    });

    const res = await call(handler as never, ANSWER_MARGIN_MS + 50);

    expect(res.statusCode).toBe(202);
    expect(res.body).toEqual({ success: true, data: { bookingId: 'bk_1', status: 'PENDING' } });
  });

  it('a route that answers in time is not affected by the deadline', async () => {
    const handler = apiHandler(route, async () => ok({ fine: true }));

    const res = await call(handler as never, 60_000);

    expect(res).toEqual({ statusCode: 200, body: { success: true, data: { fine: true } } });
  });
});

describe('apiHandler: staff routes scoped to a hotel', () => {
  const roomsRoute = defineRoute({
    method: 'GET',
    path: '/api/admin/hotels/{hotelId}/things',
    handler: 'test/hotel-things',
    auth: hotelStaff.path('hotelId'),
    summary: 'test',
    tags: [],
    permissions: [],
    params: z.object({ hotelId: z.string() }),
    responses: { 200: { description: 'test', body: z.unknown() } },
  });
  const handler = apiHandler(roomsRoute, async ({ params, access }) => ok({ hotelId: params.hotelId, access }));
  const manager = { sub: 'hm', 'cognito:groups': '[hotel_manager]', 'custom:hotel_ids': 'htl_a' };

  it("lets a manager reach their hotel's path and hands the access to the handler", async () => {
    const res = await invoke(handler, httpEvent(roomsRoute, { params: { hotelId: 'htl_a' }, claims: manager }));
    expect(res.statusCode).toBe(200);
    expect(res.body.data.access).toEqual({ kind: 'hotels', hotelIds: ['htl_a'] });
  });

  it('refuses another hotel with 403 before the handler runs, and lets an admin anywhere', async () => {
    const refused = await invoke(handler, httpEvent(roomsRoute, { params: { hotelId: 'htl_b' }, claims: manager }));
    expect(refused.statusCode).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    const asAdmin = await invoke(handler, httpEvent(roomsRoute, { params: { hotelId: 'htl_b' }, claims: admin }));
    expect(asAdmin.body.data.access).toEqual({ kind: 'all' });
  });
});

describe('apiHandler: optional sign-in', () => {
  const openRoute = defineRoute({
    method: 'GET',
    path: '/api/open',
    handler: 'test/open',
    auth: 'optional',
    summary: 'test',
    tags: [],
    permissions: [],
    responses: { 200: { description: 'test', body: z.unknown() } },
  });

  it('refuses to build an optional route without a way to identify the caller', () => {
    expect(() => apiHandler(openRoute, async () => ok({}))).toThrow(/identify/);
  });

  it('serves anonymous callers, identifies signed-in ones, and answers 401 for a bad token', async () => {
    const handler = apiHandler(openRoute, async ({ principal }) => ok({ who: principal?.subject ?? null }), {
      identify: async (event) => {
        const header = event.headers?.authorization;
        if (header === undefined) return undefined;
        if (header === 'Bearer good') return { sub: 'g_1' };
        throw new UnauthorizedError('bad token');
      },
    });
    expect((await invoke(handler, httpEvent(openRoute))).body.data).toEqual({ who: null });
    expect((await invoke(handler, httpEvent(openRoute, { headers: { authorization: 'Bearer good' } }))).body.data).toEqual({ who: 'g_1' });
    const bad = await invoke(handler, httpEvent(openRoute, { headers: { authorization: 'Bearer bad' } }));
    expect(bad.statusCode).toBe(401);
    expect(bad.body.error.code).toBe('UNAUTHORIZED');
  });
});
