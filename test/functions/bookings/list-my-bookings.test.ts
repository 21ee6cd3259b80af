import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as getBooking } from '../../../functions/bookings/get-booking.ts';
import { handler as listMyBookings } from '../../../functions/bookings/list-my-bookings.ts';
import { clock } from '../../../shared/composition/runtime.ts';
import type { Booking } from '../../../shared/domain/booking.ts';
import { routes } from '../../../shared/http/route-table.ts';
import { resetTestConfig, useTestConfig, type TestAdapters } from '../../support/composition.ts';
import { createTestTable, testConfig } from '../../support/dynamodb.ts';
import { httpEvent, invoke } from '../../support/events.ts';
import { aBooking } from '../../support/fixtures.ts';

const TODAY = '2026-06-15';
const contact = (email: string) => ({ firstName: 'Ana', lastName: 'Lee', email, phone: '+82 10 1111 2222' });

/**
 * Ownership on real storage: a booking made signed in belongs to its owner's `sub`; one made without
 * an account is claimed by the verified e-mail it was made with, never by an unverified one.
 */
const bookings: Array<Partial<Booking> & { bookingId: string }> = [
  // Ana's account (sub g_ana, verified ana@example.com)
  { bookingId: 'bk_own_1', ownerSub: 'g_ana', guestInfo: contact('ana@example.com'), createdAt: '2026-06-01T00:00:00.000Z', checkIn: '2026-07-01', checkOut: '2026-07-03', status: 'CONFIRMED' },
  { bookingId: 'bk_own_2', ownerSub: 'g_ana', guestInfo: contact('work@corp.example'), createdAt: '2026-06-03T00:00:00.000Z', checkIn: '2026-05-01', checkOut: '2026-05-02', status: 'CONFIRMED' },
  // Made without an account with Ana's e-mail (any case): claimable by her verified e-mail
  { bookingId: 'bk_anon_1', guestInfo: contact('ANA@example.com'), createdAt: '2026-06-02T00:00:00.000Z', checkIn: '2026-08-01', checkOut: '2026-08-02', status: 'PENDING' },
  { bookingId: 'bk_anon_2', guestInfo: contact('ana@example.com'), createdAt: '2026-06-04T00:00:00.000Z', checkIn: '2026-06-10', checkOut: '2026-06-15', status: 'CONFIRMED' },
  // Someone else's account, booked with Ana's e-mail: theirs alone
  { bookingId: 'bk_other', ownerSub: 'g_bob', guestInfo: contact('ana@example.com'), createdAt: '2026-06-05T00:00:00.000Z', checkIn: '2026-09-01', checkOut: '2026-09-02', status: 'CONFIRMED' },
];

const ana = { sub: 'g_ana', 'cognito:groups': '[guest]', email: 'ana@example.com', email_verified: 'true' };
// Self sign-up puts nobody in a group: such a guest is still a guest.
const anaNoGroup = { sub: 'g_ana', email: 'ana@example.com', email_verified: 'true' };
const anaUnverified = { ...ana, email_verified: 'false' };
const mallory = { sub: 'g_mallory', 'cognito:groups': '[guest]', email: 'ana@example.com', email_verified: 'false' };

describe('guest bookings: ownership by sub and by verified e-mail', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;
  let c: TestAdapters;

  beforeAll(async () => {
    table = await createTestTable();
    c = useTestConfig(testConfig(table.tableName, table.endpoint));
    clock.override(() => new Date(`${TODAY}T09:00:00.000Z`));
    for (const spec of bookings) {
      const booking = aBooking(spec);
      await c.bookings.createPending(booking, { keyHash: `h-${booking.bookingId}`, requestHash: 'r', bookingId: booking.bookingId, createdAt: booking.createdAt });
    }
  });

  afterAll(async () => {
    resetTestConfig();
    await table.drop();
  });

  const ids = (res: { body: { data: Array<{ bookingId: string }> } }) => res.body.data.map((b) => b.bookingId);
  const list = (claims: Record<string, unknown>, query: Record<string, string> = {}) =>
    invoke(listMyBookings, httpEvent(routes.myBookings, { claims, query }));
  const get = (claims: Record<string, unknown>, bookingId: string) => invoke(getBooking, httpEvent(routes.getBooking, { claims, params: { bookingId } }));

  it('lists my bookings newest booked first: owned ones and those my verified e-mail claims, not another account\'s', async () => {
    const res = await list(ana);

    expect(res.statusCode).toBe(200);
    expect(ids(res)).toEqual(['bk_anon_2', 'bk_own_2', 'bk_anon_1', 'bk_own_1']);
    expect(res.body.nextCursor).toBeUndefined();
    // My own bookings: contact details as booked, not masked.
    expect(res.body.data[0].guestInfo.email).toBe('ana@example.com');
  });

  it('lists only owned bookings when the token\'s e-mail is not verified', async () => {
    expect(ids(await list(anaUnverified))).toEqual(['bk_own_2', 'bk_own_1']);
    expect(ids(await list(mallory))).toEqual([]);
  });

  it('treats a signed-in user without any group (self sign-up) as a guest', async () => {
    expect(ids(await list(anaNoGroup))).toEqual(['bk_anon_2', 'bk_own_2', 'bk_anon_1', 'bk_own_1']);
  });

  it('filters by status and by upcoming (stay not ended) or past', async () => {
    expect(ids(await list(ana, { status: 'PENDING' }))).toEqual(['bk_anon_1']);
    expect(ids(await list(ana, { when: 'upcoming' }))).toEqual(['bk_anon_1', 'bk_own_1']);
    // bk_anon_2 ends today: past.
    expect(ids(await list(ana, { when: 'past' }))).toEqual(['bk_anon_2', 'bk_own_2']);
    expect(ids(await list(ana, { when: 'upcoming', status: 'CONFIRMED' }))).toEqual(['bk_own_1']);
  });

  it('paginates across both partitions with a cursor, and the cursor is bound to the guest and the filters', async () => {
    const first = await list(ana, { limit: '3' });
    expect(ids(first)).toEqual(['bk_anon_2', 'bk_own_2', 'bk_anon_1']);
    const second = await list(ana, { limit: '3', cursor: first.body.nextCursor });
    expect(ids(second)).toEqual(['bk_own_1']);
    expect(second.body.nextCursor).toBeUndefined();

    const replayed = await list({ sub: 'g_bob', email: 'bob@example.com', email_verified: 'true' }, { limit: '3', cursor: first.body.nextCursor });
    expect(replayed.statusCode).toBe(400);
    expect(replayed.body.error.code).toBe('BAD_CURSOR');
    expect((await list(ana, { limit: '3', status: 'CONFIRMED', cursor: first.body.nextCursor })).statusCode).toBe(400);
  });

  it('pages one booking at a time without skipping or repeating any', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const res = await list(ana, { limit: '1', ...(cursor ? { cursor } : {}) });
      seen.push(...ids(res));
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(['bk_anon_2', 'bk_own_2', 'bk_anon_1', 'bk_own_1']);
  });

  it('answers 422 for an unknown filter value or parameter, and 401 without a token', async () => {
    expect((await list(ana, { when: 'tomorrow' })).statusCode).toBe(422);
    expect((await list(ana, { hotelId: 'htl_a' })).statusCode).toBe(422);
    expect((await invoke(listMyBookings, httpEvent(routes.myBookings))).statusCode).toBe(401);
  });

  it('shows one booking to its owner, to the verified e-mail of an anonymous booking, and 404 to everyone else', async () => {
    expect((await get(ana, 'bk_own_2')).statusCode).toBe(200);
    expect((await get(ana, 'bk_anon_1')).statusCode).toBe(200);
    // Booked with Ana's e-mail, but signed in as Bob: Bob's alone.
    expect((await get(ana, 'bk_other')).statusCode).toBe(404);
    // An unverified e-mail never grants access.
    expect((await get(anaUnverified, 'bk_anon_1')).statusCode).toBe(404);
    expect((await get(mallory, 'bk_anon_1')).statusCode).toBe(404);
    expect((await get({ sub: 'g_bob', email: 'bob@example.com', email_verified: 'true' }, 'bk_other')).statusCode).toBe(200);
  });
});
