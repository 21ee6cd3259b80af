import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as adminListBookings } from '../../../../functions/admin/list-bookings.ts';
import { handler as bookingMeasures } from '../../../../functions/admin/metrics/booking-measures.ts';
import type { Booking } from '../../../../shared/domain/booking.ts';
import { routes } from '../../../../shared/http/route-table.ts';
import { resetTestConfig, useTestConfig } from '../../../support/composition.ts';
import { createTestTable, testConfig } from '../../../support/dynamodb.ts';
import { httpEvent, invoke } from '../../../support/events.ts';
import { aBooking, aHotel } from '../../../support/fixtures.ts';

const admin = { sub: 'admin-1', 'cognito:groups': '[admin]' };
const managerB = { sub: 'hm_b', 'cognito:groups': '[hotel_manager]', 'custom:hotel_ids': 'htl_b' };

/** Bookings at two Seoul hotels; checkouts started on 2026-07-01 Seoul time unless said. */
const specs: Array<Partial<Booking> & { bookingId: string }> = [
  { bookingId: 'bk_a1', hotelId: 'htl_a', status: 'CONFIRMED', confirmationNumber: 'A1', holdExpiresAt: 'x', guestInfo: { firstName: 'Zoë', lastName: 'Ålund', email: 'Zoe@Example.com', phone: '+82 10 1' } },
  { bookingId: 'bk_a2', hotelId: 'htl_a', status: 'FAILED', failureCode: 'HOLD_EXPIRED', holdExpiresAt: 'x', guestInfo: { firstName: 'Min', lastName: 'Kim', email: 'min@example.com', phone: '+82 10 2' } },
  { bookingId: 'bk_a3', hotelId: 'htl_a', status: 'CHECKED_IN', checkIn: '2026-06-30', checkOut: '2026-07-02', confirmationNumber: 'A3', createdAt: '2026-06-01T00:00:00.000Z', guestInfo: { firstName: 'Zoe', lastName: 'Lee', email: 'zoe@example.com', phone: '+82 10 3' } },
  { bookingId: 'bk_b1', hotelId: 'htl_b', status: 'CONFIRMED', confirmationNumber: 'B1', holdExpiresAt: 'x', guestInfo: { firstName: 'Zoey', lastName: 'Park', email: 'zoey@example.com', phone: '+82 10 4' } },
];

describe('booking search and measures through the admin routes', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;

  beforeAll(async () => {
    table = await createTestTable();
    const c = useTestConfig(testConfig(table.tableName, table.endpoint));
    await c.catalog.putHotel(aHotel({ hotelId: 'htl_a', name: 'A', timeZone: 'Asia/Seoul' }));
    await c.catalog.putHotel(aHotel({ hotelId: 'htl_b', name: 'B', timeZone: 'Asia/Seoul' }));
    for (const spec of specs) {
      const booking = aBooking({ checkIn: '2026-07-01', checkOut: '2026-07-03', createdAt: '2026-07-01T03:00:00.000Z', idempotencyKey: `k-${spec.bookingId}`, ...spec });
      await c.bookings.createPending(booking, { keyHash: `h-${booking.bookingId}`, requestHash: 'r', bookingId: booking.bookingId, createdAt: booking.createdAt });
    }
  });

  afterAll(async () => {
    resetTestConfig();
    await table.drop();
  });

  const search = (claims: Record<string, unknown>, query: Record<string, string>) => invoke(adminListBookings, httpEvent(routes.adminListBookings, { claims, query }));
  const ids = (res: { body: { data: Array<{ bookingId: string }> } }) => res.body.data.map((b) => b.bookingId);

  describe('GET /api/admin/bookings?q=', () => {
    it('finds by name prefix, e-mail and id, with the filters', async () => {
      expect(ids(await search(admin, { q: 'zoe' }))).toEqual(['bk_a1', 'bk_a3', 'bk_b1']);
      expect(ids(await search(admin, { q: 'ZOE@example.com' }))).toEqual(['bk_a1', 'bk_a3']); // newest booked first
      expect(ids(await search(admin, { q: 'zoe', status: 'CHECKED_IN' }))).toEqual(['bk_a3']);
      expect(ids(await search(admin, { q: 'bk_a1' }))).toEqual([]); // not a booking id shape: a name search
    });

    it('pages a search with cursors bound to it', async () => {
      const first = await search(admin, { q: 'zo', limit: '2' });
      expect(ids(first)).toEqual(['bk_a1', 'bk_a3']);
      const second = await search(admin, { q: 'zo', limit: '2', cursor: first.body.nextCursor });
      expect(ids(second)).toEqual(['bk_b1']);
      expect(second.body.nextCursor).toBeUndefined();
      expect((await search(admin, { q: 'zoe', limit: '2', cursor: first.body.nextCursor })).body.error.code).toBe('BAD_CURSOR');
      expect((await search(admin, { limit: '2', cursor: first.body.nextCursor })).body.error.code).toBe('BAD_CURSOR');
    });

    it("gives a manager only their hotels' bookings, and refuses another hotel", async () => {
      expect(ids(await search(managerB, { q: 'zoe' }))).toEqual(['bk_b1']);
      expect((await search(managerB, { q: 'zoe', hotelId: 'htl_a' })).statusCode).toBe(403);
    });

    it('refuses bad search text with 422 and a code', async () => {
      for (const q of ['x'.repeat(101), 'a\u202Eb', '...', '   ']) {
        const res = await search(admin, { q });
        expect(res.statusCode).toBe(422);
        expect(res.body.error.code).toBe('VALIDATION_ERROR');
      }
    });
  });

  describe('GET /api/admin/metrics/bookings', () => {
    const measures = (claims: Record<string, unknown>, query: Record<string, string> = {}) =>
      invoke(bookingMeasures, httpEvent(routes.adminBookingMeasures, { claims, query }));

    it("measures each hotel's day from its bookings", async () => {
      const res = await measures(admin, { date: '2026-07-01' });
      expect(res.statusCode).toBe(200);
      const a = res.body.data.find((h: { hotelId: string }) => h.hotelId === 'htl_a');
      expect(a).toMatchObject({
        date: '2026-07-01',
        arrivals: 1,
        inHouse: 1,
        departures: 0,
        bookingsMade: 1,
        checkouts: { started: 2, confirmed: 1, failed: 1, running: 0 },
        successRate: 0.5,
        holds: { placed: 2, expired: 1 },
        holdExpiryRate: 0.5,
        needsAttention: 0,
        complete: true,
      });
    });

    it('gives a manager their hotels only, and refuses another hotel', async () => {
      const res = await measures(managerB, { date: '2026-07-01' });
      expect(res.body.data.map((h: { hotelId: string }) => h.hotelId)).toEqual(['htl_b']);
      expect((await measures(managerB, { hotelId: 'htl_a' })).statusCode).toBe(403);
    });

    it('refuses a date that is not one with 422', async () => {
      const res = await measures(admin, { date: '2026-02-30' });
      expect(res.statusCode).toBe(422);
      expect(res.body.error.code).toBe('VALIDATION_ERROR');
    });
  });
});
