import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetTestConfig, useTestConfig } from '../support/composition.ts';
import { addDays, daysBetween, todayIn } from '../../shared/domain/dates.ts';
import type { NightRestrictions } from '../../shared/domain/inventory.ts';
import { routeList, routes } from '../../shared/http/route-table.ts';
import { usesAuthorizer, type RouteDefinition } from '../../shared/http/route.ts';
import { createTestTable, testConfig } from '../support/dynamodb.ts';
import { functionsDirLoader } from '../../local/handlers/handler-loader.ts';
import { httpEvent, invoke } from '../support/events.ts';
import { aHotel, aRoomType, nights } from '../support/fixtures.ts';
import { undocumentedAnswer } from '../support/openapi.ts';

/**
 * Every route of the route table, fed bad input: a 4xx with a stable code, and nothing written.
 * New routes are covered by the same table without a new test. Every answer provoked here must
 * also be documented for its route in the OpenAPI document.
 */
const admin = { sub: 'admin-1', 'cognito:groups': '[admin]', email: 'admin@example.com' };

const load = functionsDirLoader();

async function handlerOf(route: RouteDefinition) {
  return (await load(route.handler)) as Parameters<typeof invoke>[0];
}

function paramsOf(route: RouteDefinition, value: string): Record<string, string> {
  return Object.fromEntries([...route.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1]!, value]));
}

describe('bad input on every route', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;
  const itemCount = async () => (await table.doc.send(new ScanCommand({ TableName: table.tableName, Select: 'COUNT' }))).Count ?? 0;

  beforeAll(async () => {
    table = await createTestTable();
    const c = useTestConfig(
      testConfig(table.tableName, table.endpoint, {
        PMS_WEBHOOK_SECRET: 'bad-input-test-secret-0123456789',
        // Checkout builds its saga starter before it validates the stay; no saga is ever started here.
        STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:000000000000:stateMachine:never-started',
      }),
    );
    await c.catalog.putHotel(aHotel({ hotelId: 'htl_bad', timeZone: 'Asia/Seoul' }));
    await c.catalog.putRoomType(aRoomType({ hotelId: 'htl_bad', roomTypeId: 'rt_bad' }));
    // A room type whose nights carry one restriction each, as a PMS reports them (issue 7).
    await c.catalog.putRoomType(aRoomType({ hotelId: 'htl_bad', roomTypeId: 'rt_rules' }));
    const today = todayIn('Asia/Seoul');
    const rules: Record<number, NightRestrictions> = { 10: { minStay: 3 }, 20: { maxStay: 1 }, 30: { closedToArrival: true }, 42: { closedToDeparture: true }, 51: { stopSell: true } };
    await c.inventory.createNights(
      nights('htl_bad', 'rt_rules', addDays(today, 1), addDays(today, 60), 5).map((n) => {
        const rule = rules[daysBetween(today, n.date)];
        return rule ? { ...n, restrictions: rule } : n;
      }),
    );
  });

  afterAll(async () => {
    resetTestConfig();
    await table.drop();
  });

  const protectedRoutes = routeList.filter((r) => usesAuthorizer(r.auth));
  it.each(protectedRoutes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s refuses a caller without a token (401)', async (_key, route) => {
    const res = await invoke(await handlerOf(route), httpEvent(route, { params: paramsOf(route, 'x1'), body: {} }));
    expect(res.statusCode).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHORIZED');
    expect(undocumentedAnswer(route, res.statusCode, res.body)).toBeUndefined();
  });

  const withParams = routeList.filter((r) => r.path.includes('{'));
  it.each(withParams.map((r) => [`${r.method} ${r.path}`, r] as const))('%s refuses a malformed path parameter with a 4xx and writes nothing', async (_key, route) => {
    const before = await itemCount();
    const res = await invoke(
      await handlerOf(route),
      httpEvent(route, { params: paramsOf(route, 'no spaces/allowed'), body: {}, claims: admin, headers: { 'idempotency-key': 'k' } }),
    );
    expect([400, 404, 422]).toContain(res.statusCode);
    expect(res.body.success).toBe(false);
    expect(typeof res.body.error.code).toBe('string');
    expect(typeof res.body.error.message).toBe('string');
    expect(undocumentedAnswer(route, res.statusCode, res.body)).toBeUndefined();
    expect(await itemCount()).toBe(before);
  });

  // Routes that read a body: a zod body schema, or the webhook route that verifies the raw bytes first.
  const withBody = routeList.filter((r) => r.body !== undefined || r.handler === 'webhooks/receive-pms-webhook');
  it.each(withBody.map((r) => [`${r.method} ${r.path}`, r] as const))('%s answers malformed JSON with 400 BAD_REQUEST and writes nothing', async (_key, route) => {
    const before = await itemCount();
    const res = await invoke(
      await handlerOf(route),
      httpEvent(route, {
        params: paramsOf(route, route.path.includes('{vendor}') ? 'generic' : 'x1'),
        rawBody: '{"oops":',
        claims: admin,
        headers: { 'idempotency-key': 'k', 'x-pms-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` },
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body.error.code).toBe('BAD_REQUEST');
    expect(undocumentedAnswer(route, res.statusCode, res.body)).toBeUndefined();
    expect(await itemCount()).toBe(before);
  });

  const withRequiredQuery = routeList.filter((r) => r.query && !r.query.safeParse({}).success);
  it.each(withRequiredQuery.map((r) => [`${r.method} ${r.path}`, r] as const))('%s answers a missing query parameter with 422', async (_key, route) => {
    const res = await invoke(await handlerOf(route), httpEvent(route, { params: paramsOf(route, 'x1'), claims: admin }));
    expect(res.statusCode).toBe(422);
    expect(res.body.error.code).toBe('VALIDATION_ERROR');
    expect(res.body.error.details.length).toBeGreaterThan(0);
    expect(undocumentedAnswer(route, res.statusCode, res.body)).toBeUndefined();
  });

  describe('the contract defects of issue 11', () => {
    const today = todayIn('Asia/Seoul');
    const guestInfo = { firstName: 'Ji-woo', lastName: 'Park', email: 'jiwoo@example.com', phone: '+82 10 1234 5678' };
    const stay = {
      hotelId: 'htl_bad',
      roomTypeId: 'rt_bad',
      checkIn: addDays(today, 10),
      checkOut: addDays(today, 12),
      rooms: 1,
      guests: 1,
      guestInfo,
      payment: { paymentMethodId: 'pm_card_visa' },
    };
    const checkout = (body: unknown, key = 'bad-input-key') => ({ body, headers: { 'idempotency-key': key } });
    const withGuest = (patch: Record<string, string>) => checkout({ ...stay, guestInfo: { ...guestInfo, ...patch } });

    interface BadCase {
      route: RouteDefinition;
      event: Parameters<typeof httpEvent>[1];
      status: number;
      code: string;
      /** The field `details` must name, and what its message must contain. */
      field?: [string, string];
    }

    const cases: Record<string, BadCase> = {
      'an Idempotency-Key over 255 characters': {
        route: routes.checkout,
        event: checkout(stay, 'k'.repeat(256)),
        status: 422,
        code: 'VALIDATION_ERROR',
        field: ['headers.idempotency-key', 'must be at most 255 characters'],
      },
      'a missing Idempotency-Key': {
        route: routes.checkout,
        event: { body: stay },
        status: 422,
        code: 'VALIDATION_ERROR',
        field: ['headers.idempotency-key', 'is required'],
      },
      'a stay far beyond the selling horizon': {
        route: routes.checkout,
        event: checkout({ ...stay, checkIn: addDays(today, 700), checkOut: addDays(today, 702) }),
        status: 422,
        code: 'OUTSIDE_BOOKING_WINDOW',
        field: ['body.checkOut', 'the last night must be on or before'],
      },
      "a stay shorter than the arrival night's minimum": {
        route: routes.checkout,
        event: checkout({ ...stay, roomTypeId: 'rt_rules', checkIn: addDays(today, 10), checkOut: addDays(today, 12) }, 'bad-input-min_stay'),
        status: 422,
        code: 'MIN_STAY',
      },
      "a stay longer than the arrival night's maximum": {
        route: routes.checkout,
        event: checkout({ ...stay, roomTypeId: 'rt_rules', checkIn: addDays(today, 20), checkOut: addDays(today, 22) }, 'bad-input-max_stay'),
        status: 422,
        code: 'MAX_STAY',
      },
      'an arrival on a day closed to arrival': {
        route: routes.checkout,
        event: checkout({ ...stay, roomTypeId: 'rt_rules', checkIn: addDays(today, 30), checkOut: addDays(today, 32) }, 'bad-input-closed_to_arrival'),
        status: 422,
        code: 'CLOSED_TO_ARRIVAL',
      },
      'a departure on a day closed to departure': {
        route: routes.checkout,
        event: checkout({ ...stay, roomTypeId: 'rt_rules', checkIn: addDays(today, 40), checkOut: addDays(today, 42) }, 'bad-input-closed_to_departure'),
        status: 422,
        code: 'CLOSED_TO_DEPARTURE',
      },
      'a stay over a stop-sell night': {
        route: routes.checkout,
        event: checkout({ ...stay, roomTypeId: 'rt_rules', checkIn: addDays(today, 50), checkOut: addDays(today, 52) }, 'bad-input-stop_sell'),
        status: 422,
        code: 'STOP_SELL',
      },
      'a NUL in a guest name': {
        route: routes.checkout,
        event: withGuest({ firstName: 'Ji\u0000woo' }),
        status: 422,
        code: 'VALIDATION_ERROR',
        field: ['body.guestInfo.firstName', 'must not contain control or text-direction override characters (found U+0000)'],
      },
      'a bidi override in a guest name': {
        route: routes.checkout,
        event: withGuest({ lastName: 'Park\u202Egnp.exe' }),
        status: 422,
        code: 'VALIDATION_ERROR',
        field: ['body.guestInfo.lastName', 'must not contain control or text-direction override characters (found U+202E)'],
      },
      'a lone surrogate in a guest name': {
        route: routes.checkout,
        event: withGuest({ firstName: 'Ji\uD800' }),
        status: 422,
        code: 'VALIDATION_ERROR',
        field: ['body.guestInfo.firstName', 'is not valid Unicode text'],
      },
      'an escape sequence in special requests': {
        route: routes.checkout,
        event: checkout({ ...stay, specialRequests: 'late arrival \u001b[31m' }),
        status: 422,
        code: 'VALIDATION_ERROR',
        field: ['body.specialRequests', 'must not contain control or text-direction override characters (found U+001B)'],
      },
      'a bidi isolate in special requests': {
        route: routes.checkout,
        event: checkout({ ...stay, specialRequests: 'quiet room \u2066please' }),
        status: 422,
        code: 'VALIDATION_ERROR',
        field: ['body.specialRequests', 'found U+2066'],
      },
      'special requests over 1,000 characters': {
        route: routes.checkout,
        event: checkout({ ...stay, specialRequests: 'x'.repeat(1001) }),
        status: 422,
        code: 'VALIDATION_ERROR',
        field: ['body.specialRequests', 'must be at most 1000 characters'],
      },
      'a guest name over 100 characters': {
        route: routes.checkout,
        event: withGuest({ lastName: 'P'.repeat(101) }),
        status: 422,
        code: 'VALIDATION_ERROR',
        field: ['body.guestInfo.lastName', 'must be at most 100 characters'],
      },
      'admin bookings with from after to': {
        route: routes.adminListBookings,
        event: { query: { from: '2027-01-01', to: '2026-01-01' }, claims: admin },
        status: 422,
        code: 'VALIDATION_ERROR',
        field: ['query.to', 'must be on or after from'],
      },
      'a crafted cursor (the base64 of a table key)': {
        route: routes.adminListBookings,
        event: {
          query: { cursor: Buffer.from(JSON.stringify({ pk: 'BOOKING#x', sk: 'META', gsi2pk: 'BOOKINGS#ALL', gsi2sk: '2026#x' })).toString('base64url') },
          claims: admin,
        },
        status: 400,
        code: 'BAD_CURSOR',
        field: ['query.cursor', 'is not a cursor'],
      },
      'a forged cursor in the current format': {
        route: routes.adminListBookings,
        event: { query: { cursor: `c1.${Buffer.alloc(64, 7).toString('base64url')}` }, claims: admin },
        status: 400,
        code: 'BAD_CURSOR',
      },
      'limit=1e1': {
        route: routes.adminListBookings,
        event: { query: { limit: '1e1' }, claims: admin },
        status: 422,
        code: 'VALIDATION_ERROR',
        field: ['query.limit', 'must be a whole number written in decimal digits'],
      },
      'page=1e3': {
        route: routes.listHotels,
        event: { query: { page: '1e3' } },
        status: 422,
        code: 'VALIDATION_ERROR',
        field: ['query.page', 'must be a whole number written in decimal digits'],
      },
      'page=0x10': {
        route: routes.listHotels,
        event: { query: { page: '0x10' } },
        status: 422,
        code: 'VALIDATION_ERROR',
        field: ['query.page', 'must be a whole number written in decimal digits'],
      },
      'pageSize=2.5': {
        route: routes.listHotels,
        event: { query: { pageSize: '2.5' } },
        status: 422,
        code: 'VALIDATION_ERROR',
        field: ['query.pageSize', 'must be a whole number written in decimal digits'],
      },
      'a control character in the city filter': {
        route: routes.listHotels,
        event: { query: { city: 'Seoul\u0007' } },
        status: 422,
        code: 'VALIDATION_ERROR',
        field: ['query.city', 'found U+0007'],
      },
      'a bidi override in an imported hotel name': {
        route: routes.adminPmsSaveListing,
        event: {
          body: {
            vendor: 'generic',
            hotelId: 'pms-hotel-1',
            apiKey: 'key-0123456789',
            hotelName: 'Ocean \u202Eweiv',
            location: { city: 'Jeju', country: 'KR' },
            roomTypes: [{ pmsRoomTypeId: 'r1', roomTypeName: 'Twin', maxOccupancy: 2 }],
          },
          claims: admin,
        },
        status: 422,
        code: 'VALIDATION_ERROR',
        field: ['body.hotelName', 'found U+202E'],
      },
    };

    it.each(Object.entries(cases))('%s: its status and code, documented, and nothing written', async (_name, c) => {
      const before = await itemCount();
      const res = await invoke(await handlerOf(c.route), httpEvent(c.route, c.event));
      expect({ status: res.statusCode, code: res.body.error?.code }).toEqual({ status: c.status, code: c.code });
      expect(res.body.success).toBe(false);
      if (c.field) {
        const [field, message] = c.field;
        expect(res.body.error.details).toContainEqual({ field, message: expect.stringContaining(message) });
      }
      expect(undocumentedAnswer(c.route, res.statusCode, res.body)).toBeUndefined();
      expect(await itemCount()).toBe(before);
    });
  });
});

