import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as adminGetBooking } from '../../../functions/admin/get-booking.ts';
import { handler as adminListBookings } from '../../../functions/admin/list-bookings.ts';
import type { Booking } from '../../../shared/domain/booking.ts';
import { routes } from '../../../shared/http/route-table.ts';
import { resetTestConfig, useTestConfig } from '../../support/composition.ts';
import { createTestTable, testConfig } from '../../support/dynamodb.ts';
import { httpEvent, invoke } from '../../support/events.ts';
import { aBooking } from '../../support/fixtures.ts';

const specs: Array<Partial<Booking> & { bookingId: string }> = [
  { bookingId: 'bk_a1', hotelId: 'htl_a', checkIn: '2026-07-01', status: 'CONFIRMED' },
  { bookingId: 'bk_b1', hotelId: 'htl_b', checkIn: '2026-07-02', status: 'CONFIRMED' },
  { bookingId: 'bk_c1', hotelId: 'htl_c', checkIn: '2026-07-03', status: 'CONFIRMED' },
  { bookingId: 'bk_a2', hotelId: 'htl_a', checkIn: '2026-07-04', status: 'PENDING' },
  { bookingId: 'bk_b2', hotelId: 'htl_b', checkIn: '2026-07-05', status: 'CONFIRMED' },
];

const admin = { sub: 'admin-1', 'cognito:groups': '[admin]' };
const managerAB = { sub: 'hm_ab', 'cognito:groups': '[hotel_manager]', 'custom:hotel_ids': 'htl_a,htl_b' };
const managerC = { sub: 'hm_c', 'cognito:groups': '[hotel_manager]', 'custom:hotel_ids': 'htl_c' };
const guest = { sub: 'g_1', 'cognito:groups': '[guest]', email: 'ana@example.com', email_verified: 'true' };
const claimOnly = { sub: 'g_2', 'custom:hotel_ids': 'htl_a' };

describe('admin booking routes for hotel managers (RBAC enforced by the API)', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;

  beforeAll(async () => {
    table = await createTestTable();
    const c = useTestConfig(testConfig(table.tableName, table.endpoint));
    for (const spec of specs) {
      const booking = aBooking({
        ...spec,
        guestInfo: { firstName: 'Ana', lastName: 'Lee', email: 'ana.lee@example.com', phone: '+82 10 1234 5678' },
      });
      await c.bookings.createPending(booking, { keyHash: `h-${booking.bookingId}`, requestHash: 'r', bookingId: booking.bookingId, createdAt: booking.createdAt });
    }
  });

  afterAll(async () => {
    resetTestConfig();
    await table.drop();
  });

  const list = (claims: Record<string, unknown>, query: Record<string, string> = {}) =>
    invoke(adminListBookings, httpEvent(routes.adminListBookings, { claims, query }));
  const get = (claims: Record<string, unknown>, bookingId: string) =>
    invoke(adminGetBooking, httpEvent(routes.adminGetBooking, { claims, params: { bookingId } }));
  const ids = (res: { body: { data: Array<{ bookingId: string }> } }) => res.body.data.map((b) => b.bookingId);

  describe('GET /api/admin/bookings', () => {
    it('shows an admin every hotel, contact details as booked', async () => {
      const res = await list(admin);
      expect(ids(res)).toEqual(['bk_b2', 'bk_a2', 'bk_c1', 'bk_b1', 'bk_a1']);
      expect(res.body.data[0].guestInfo).toMatchObject({ email: 'ana.lee@example.com', phone: '+82 10 1234 5678' });
    });

    it('shows a manager their hotels only, merged newest check-in first, with e-mail and phone masked', async () => {
      const res = await list(managerAB);
      expect(res.statusCode).toBe(200);
      expect(ids(res)).toEqual(['bk_b2', 'bk_a2', 'bk_b1', 'bk_a1']);
      expect(res.body.data[0].guestInfo).toEqual({ firstName: 'Ana', lastName: 'Lee', email: 'a***e@example.com', phone: '***5678' });
      expect(ids(await list(managerC))).toEqual(['bk_c1']);
    });

    it('filters a manager\'s merged list by status and date range, and pages it with a cursor', async () => {
      expect(ids(await list(managerAB, { status: 'CONFIRMED' }))).toEqual(['bk_b2', 'bk_b1', 'bk_a1']);
      expect(ids(await list(managerAB, { from: '2026-07-02', to: '2026-07-04' }))).toEqual(['bk_a2', 'bk_b1']);
      const first = await list(managerAB, { limit: '3' });
      expect(ids(first)).toEqual(['bk_b2', 'bk_a2', 'bk_b1']);
      const second = await list(managerAB, { limit: '3', cursor: first.body.nextCursor });
      expect(ids(second)).toEqual(['bk_a1']);
      expect(second.body.nextCursor).toBeUndefined();
      // Another manager cannot continue that list.
      expect((await list(managerC, { limit: '3', cursor: first.body.nextCursor })).body.error.code).toBe('BAD_CURSOR');
    });

    it('lets a manager filter by one of their hotels and refuses another hotel with 403', async () => {
      expect(ids(await list(managerAB, { hotelId: 'htl_b' }))).toEqual(['bk_b2', 'bk_b1']);
      const refused = await list(managerAB, { hotelId: 'htl_c' });
      expect(refused.statusCode).toBe(403);
      expect(refused.body.error.code).toBe('FORBIDDEN');
    });

    it('refuses guests, and a hotel claim without the hotel_manager group', async () => {
      expect((await list(guest)).statusCode).toBe(403);
      expect((await list(claimOnly)).statusCode).toBe(403);
      expect((await list({ sub: 'hm_none', 'cognito:groups': '[hotel_manager]' })).statusCode).toBe(403);
    });
  });

  describe('GET /api/admin/bookings/{bookingId}', () => {
    it('shows a manager a booking of their hotel (masked) and answers 404 for another hotel\'s', async () => {
      const own = await get(managerAB, 'bk_a1');
      expect(own.statusCode).toBe(200);
      expect(own.body.data.guestInfo.email).toBe('a***e@example.com');
      const other = await get(managerAB, 'bk_c1');
      expect(other.statusCode).toBe(404);
      expect(other.body.error.code).toBe('NOT_FOUND');
    });

    it('shows an admin any booking unmasked, and refuses a guest', async () => {
      expect((await get(admin, 'bk_c1')).body.data.guestInfo.email).toBe('ana.lee@example.com');
      expect((await get(guest, 'bk_c1')).statusCode).toBe(403);
    });
  });
});
