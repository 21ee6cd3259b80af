import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestAdapters, resetTestConfig, useTestConfig } from '../support/composition.ts';
import type { Booking } from '../../shared/domain/booking.ts';
import { routes } from '../../shared/http/route-table.ts';
import { handler as getBooking } from '../../functions/bookings/get-booking.ts';
import { handler as adminListBookings } from '../../functions/admin/list-bookings.ts';
import { handler as adminGetBooking } from '../../functions/admin/get-booking.ts';
import { createTestTable, testConfig } from '../support/dynamodb.ts';
import { httpEvent, invoke } from '../support/events.ts';

function aBooking(id: string, overrides: Partial<Booking> = {}): Booking {
  return {
    bookingId: id,
    idempotencyKey: `key-${id}`,
    hotelId: 'htl_a',
    roomTypeId: 'rt_a',
    checkIn: '2026-12-10',
    checkOut: '2026-12-12',
    nights: ['2026-12-10', '2026-12-11'],
    rooms: 1,
    guests: 2,
    guestInfo: { firstName: 'Ana', lastName: 'Lee', email: 'Ana@Example.com', phone: '+82 10 1111 2222' },
    paymentMethodId: 'pm_card_visa',
    totalMinor: 300_000,
    currency: 'KRW',
    status: 'PENDING',
    steps: [],
    payment: { status: 'NONE', amountMinor: 300_000, currency: 'KRW' },
    pms: { status: 'NONE' },
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  };
}

const admin = { sub: 'admin-1', 'cognito:groups': '[admin]' };
const owner = { sub: 'guest-1', 'cognito:groups': '[guest]', email: 'ana@example.com', email_verified: 'true' };
const stranger = { sub: 'guest-2', 'cognito:groups': '[guest]', email: 'bob@example.com', email_verified: 'true' };

describe('booking read routes', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;
  let c: TestAdapters;

  beforeAll(async () => {
    table = await createTestTable();
    c = useTestConfig(testConfig(table.tableName, table.endpoint));
    const specs: Array<[string, Partial<Booking>]> = [
      ['bk_1', { checkIn: '2026-12-01', status: 'CONFIRMED' }],
      ['bk_2', { checkIn: '2026-12-05' }],
      ['bk_3', { checkIn: '2026-12-09', hotelId: 'htl_b' }],
      ['bk_4', { checkIn: '2027-01-03', status: 'CONFIRMED' }],
    ];
    for (const [id, overrides] of specs) {
      const booking = aBooking(id, overrides);
      await c.bookings.createPending({ ...booking, status: 'PENDING' }, { keyHash: `h-${id}`, requestHash: 'r', bookingId: id, createdAt: booking.createdAt });
      if (booking.status !== 'PENDING') {
        await c.bookings.recordStep(id, { name: 'finalize', status: 'SUCCEEDED', at: '2026-11-01T00:00:05.000Z' }, { status: booking.status }, new Date());
      }
    }
  });

  afterAll(async () => {
    resetTestConfig();
    await table.drop();
  });

  describe('GET /api/bookings/{bookingId}', () => {
    it('shows the booking and its timeline to the guest who booked (e-mail match, any case)', async () => {
      const res = await invoke(getBooking, httpEvent(routes.getBooking, { params: { bookingId: 'bk_1' }, claims: owner }));
      expect(res.statusCode).toBe(200);
      expect(res.body.data).toMatchObject({ bookingId: 'bk_1', status: 'CONFIRMED', totalPrice: 300_000 });
      expect(res.body.data.steps).toEqual([{ name: 'finalize', status: 'SUCCEEDED', at: '2026-11-01T00:00:05.000Z' }]);
      // Their own booking: their contact details as booked.
      expect(res.body.data.guestInfo).toEqual({ firstName: 'Ana', lastName: 'Lee', email: 'Ana@Example.com', phone: '+82 10 1111 2222' });
    });

    it('answers 404, not 403, to another guest', async () => {
      const res = await invoke(getBooking, httpEvent(routes.getBooking, { params: { bookingId: 'bk_1' }, claims: stranger }));
      expect(res.statusCode).toBe(404);
    });

    it('shows any booking to an admin and refuses anonymous callers', async () => {
      const asAdmin = await invoke(getBooking, httpEvent(routes.getBooking, { params: { bookingId: 'bk_2' }, claims: admin }));
      expect(asAdmin.statusCode).toBe(200);
      const anonymous = await invoke(getBooking, httpEvent(routes.getBooking, { params: { bookingId: 'bk_2' } }));
      expect(anonymous.statusCode).toBe(401);
    });
  });

  describe('GET /api/admin/bookings', () => {
    const list = (query: Record<string, string>, claims: Record<string, unknown> = admin) =>
      invoke(adminListBookings, httpEvent(routes.adminListBookings, { query, claims }));

    it('lists newest check-in first, filtered by status, hotel and date range', async () => {
      expect((await list({})).body.data.map((b: { bookingId: string }) => b.bookingId)).toEqual(['bk_4', 'bk_3', 'bk_2', 'bk_1']);
      expect((await list({ status: 'CONFIRMED' })).body.data.map((b: { bookingId: string }) => b.bookingId)).toEqual(['bk_4', 'bk_1']);
      expect((await list({ hotelId: 'htl_b' })).body.data.map((b: { bookingId: string }) => b.bookingId)).toEqual(['bk_3']);
      expect((await list({ from: '2026-12-02', to: '2026-12-31' })).body.data.map((b: { bookingId: string }) => b.bookingId)).toEqual(['bk_3', 'bk_2']);
    });

    it('paginates with a cursor, and the last page carries none', async () => {
      const first = await list({ limit: '3' });
      expect(first.body.data).toHaveLength(3);
      const second = await list({ limit: '3', cursor: first.body.nextCursor });
      expect(second.body.data.map((b: { bookingId: string }) => b.bookingId)).toEqual(['bk_1']);
      expect(second.body.nextCursor).toBeUndefined();
    });

    it('ends on a full page without handing out a cursor to an empty one', async () => {
      const all = await list({ limit: '4' });
      expect(all.body.data).toHaveLength(4);
      expect(all.body.nextCursor).toBeUndefined();
    });

    it('fills filtered pages up to the limit instead of returning short or empty pages with a cursor', async () => {
      const first = await list({ status: 'CONFIRMED', limit: '1' });
      expect(first.body.data.map((b: { bookingId: string }) => b.bookingId)).toEqual(['bk_4']);
      const second = await list({ status: 'CONFIRMED', limit: '1', cursor: first.body.nextCursor });
      expect(second.body.data.map((b: { bookingId: string }) => b.bookingId)).toEqual(['bk_1']);
      expect(second.body.nextCursor).toBeUndefined();
    });

    it('hands out cursors that do not show the table key', async () => {
      const { nextCursor } = (await list({ limit: '1' })).body;
      expect(nextCursor).toMatch(/^c1\.[A-Za-z0-9_-]+$/);
      const decoded = Buffer.from(nextCursor.slice(3), 'base64url').toString('latin1');
      expect(decoded).not.toMatch(/bk_4|BOOKING|gsi2|2027-01-03/);
    });

    it.each([
      ['a made-up cursor', () => 'not-a-cursor'],
      ['the base64 of a table key', () => Buffer.from(JSON.stringify({ pk: 'BOOKING#bk_1', sk: 'META' })).toString('base64url')],
      ['a cursor with one character changed', (cursor: string) => cursor.slice(0, -2) + (cursor.at(-2) === 'A' ? 'B' : 'A') + cursor.at(-1)],
    ])('answers 400 BAD_CURSOR for %s', async (_name, craft) => {
      const { nextCursor } = (await list({ limit: '1' })).body;
      const res = await list({ limit: '1', cursor: craft(nextCursor) });
      expect(res.statusCode).toBe(400);
      expect(res.body.error.code).toBe('BAD_CURSOR');
      expect(res.body.error.details).toEqual([{ field: 'query.cursor', message: expect.any(String) }]);
    });

    it('answers 400 BAD_CURSOR for a cursor used with other filters', async () => {
      const { nextCursor } = (await list({ limit: '1' })).body;
      const res = await list({ limit: '1', status: 'CONFIRMED', cursor: nextCursor });
      expect(res.statusCode).toBe(400);
      expect(res.body.error.code).toBe('BAD_CURSOR');
      expect((await list({ limit: '2', cursor: nextCursor })).statusCode).toBe(200);
    });

    it('answers 422 with a clear message when from is after to', async () => {
      const res = await list({ from: '2027-01-01', to: '2026-01-01' });
      expect(res.statusCode).toBe(422);
      expect(res.body.error.code).toBe('VALIDATION_ERROR');
      expect(res.body.error.details).toEqual([{ field: 'query.to', message: 'must be on or after from: the date range is empty' }]);
    });

    it('shows guest details, payment and PMS state to admins only', async () => {
      const res = await invoke(adminGetBooking, httpEvent(routes.adminGetBooking, { params: { bookingId: 'bk_1' }, claims: admin }));
      expect(res.body.data).toMatchObject({ guestInfo: { lastName: 'Lee' }, payment: { status: 'NONE' }, pms: { status: 'NONE' } });
      expect((await list({}, owner)).statusCode).toBe(403);
    });

    it.each([
      [{ status: 'DONE' }, 'query.status'],
      [{ limit: '0' }, 'query.limit'],
      [{ from: '2026-13-01' }, 'query.from'],
      [{ limit: '1e1' }, 'query.limit'],
      [{ limit: '0x10' }, 'query.limit'],
    ])('answers 422 for %j', async (query, field) => {
      const res = await list(query as Record<string, string>);
      expect(res.statusCode).toBe(422);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    });

    it('answers 404 for an unknown booking', async () => {
      const res = await invoke(adminGetBooking, httpEvent(routes.adminGetBooking, { params: { bookingId: 'bk_none' }, claims: admin }));
      expect(res.statusCode).toBe(404);
    });
  });
});
