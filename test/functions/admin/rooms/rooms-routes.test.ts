import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as assignRoom } from '../../../../functions/admin/rooms/assign-room.ts';
import { handler as createRoom } from '../../../../functions/admin/rooms/create-room.ts';
import { handler as deleteRoom } from '../../../../functions/admin/rooms/delete-room.ts';
import { handler as getRoom } from '../../../../functions/admin/rooms/get-room.ts';
import { handler as listRooms } from '../../../../functions/admin/rooms/list-rooms.ts';
import { handler as updateRoom } from '../../../../functions/admin/rooms/update-room.ts';
import { eventPublisher } from '../../../../shared/composition/messaging.ts';
import { addDays, todayIn } from '../../../../shared/domain/dates.ts';
import { routes } from '../../../../shared/http/route-table.ts';
import { resetTestConfig, useTestConfig, type TestAdapters } from '../../../support/composition.ts';
import { createTestTable, testConfig } from '../../../support/dynamodb.ts';
import { httpEvent, invoke } from '../../../support/events.ts';
import { FakeEventPublisher } from '../../../support/fakes/event-publisher.fake.ts';
import { aBooking, aHotel, aRoomType } from '../../../support/fixtures.ts';
import { undocumentedAnswer } from '../../../support/openapi.ts';

const admin = { sub: 'admin-1', 'cognito:groups': '[admin]' };
const managerA = { sub: 'hm_a', 'cognito:groups': '[hotel_manager]', 'custom:hotel_ids': 'htl_a' };
const managerB = { sub: 'hm_b', 'cognito:groups': '[hotel_manager]', 'custom:hotel_ids': 'htl_b' };
const guest = { sub: 'g_1', email: 'g@example.com', email_verified: 'true' };

/** The rooms routes through their handlers: admins everywhere, managers in their hotels only, guests nowhere. */
describe('rooms routes (admin, and hotel managers of the hotel)', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;
  let c: TestAdapters;
  const events = new FakeEventPublisher();
  const checkIn = addDays(todayIn('Asia/Seoul'), 3);

  beforeAll(async () => {
    table = await createTestTable();
    c = useTestConfig(testConfig(table.tableName, table.endpoint));
    eventPublisher.override(events);
    for (const hotelId of ['htl_a', 'htl_b']) {
      await c.catalog.putHotel(aHotel({ hotelId, timeZone: 'Asia/Seoul' }));
      await c.catalog.putRoomType(aRoomType({ hotelId, roomTypeId: 'rt_1' }));
    }
    for (const [bookingId, hotelId] of [['bk_a', 'htl_a'], ['bk_a2', 'htl_a'], ['bk_b', 'htl_b']] as const) {
      const booking = aBooking({ bookingId, hotelId, roomTypeId: 'rt_1', checkIn, status: 'PENDING' });
      await c.bookings.createPending(booking, { keyHash: `k-${bookingId}`, requestHash: 'r', bookingId, createdAt: booking.createdAt });
      await c.bookings.recordStep(bookingId, undefined, { status: 'CONFIRMED' }, new Date());
    }
  });

  afterAll(async () => {
    resetTestConfig();
    await table.drop();
  });

  const create = (claims: object, hotelId: string, body: object) =>
    invoke(createRoom, httpEvent(routes.adminCreateRoom, { claims: claims as Record<string, unknown>, params: { hotelId }, body }));

  it('lets an admin and the hotel manager create rooms; another hotel\'s manager and guests are refused', async () => {
    const byAdmin = await create(admin, 'htl_a', { roomId: 'rm_101', roomTypeId: 'rt_1', number: '101', floor: 1, features: ['Quiet', 'quiet'] });
    expect(byAdmin.statusCode).toBe(201);
    expect(byAdmin.body.data).toMatchObject({ roomId: 'rm_101', number: '101', features: ['quiet'], status: 'available' });
    expect((await create(managerA, 'htl_a', { roomId: 'rm_102', roomTypeId: 'rt_1', number: '102', floor: 1 })).statusCode).toBe(201);

    const otherManager = await create(managerB, 'htl_a', { roomTypeId: 'rt_1', number: '103', floor: 1 });
    expect(otherManager.statusCode).toBe(403);
    expect(otherManager.body.error.code).toBe('FORBIDDEN');
    expect((await create(guest, 'htl_a', { roomTypeId: 'rt_1', number: '103', floor: 1 })).statusCode).toBe(403);
  });

  it('refuses a taken number (409), an unknown room type and a bad body (422), writing nothing', async () => {
    const taken = await create(admin, 'htl_a', { roomTypeId: 'rt_1', number: '101', floor: 1 });
    expect(taken.statusCode).toBe(409);
    expect(taken.body.error.code).toBe('ROOM_NUMBER_TAKEN');
    expect(undocumentedAnswer(routes.adminCreateRoom, taken.statusCode, taken.body)).toBeUndefined();
    expect((await create(admin, 'htl_a', { roomTypeId: 'rt_nope', number: '109', floor: 1 })).statusCode).toBe(422);
    expect((await create(admin, 'htl_a', { roomTypeId: 'rt_1', number: '', floor: 1 })).statusCode).toBe(422);
    expect((await create(admin, 'htl_a', { roomTypeId: 'rt_1', number: '110', floor: 1, status: 'gone' })).statusCode).toBe(422);
    const list = await invoke(listRooms, httpEvent(routes.adminListRooms, { claims: admin, params: { hotelId: 'htl_a' } }));
    expect(list.body.data.map((r: { number: string }) => r.number)).toEqual(['101', '102']);
  });

  it('reads, lists, changes and deletes for the hotel manager; 403 for another hotel on every room route', async () => {
    const params = { hotelId: 'htl_a', roomId: 'rm_102' };
    expect((await invoke(getRoom, httpEvent(routes.adminGetRoom, { claims: managerA, params }))).body.data.number).toBe('102');
    expect((await invoke(listRooms, httpEvent(routes.adminListRooms, { claims: managerA, params: { hotelId: 'htl_a' }, query: { roomTypeId: 'rt_1' } }))).body.data).toHaveLength(2);
    const patched = await invoke(updateRoom, httpEvent(routes.adminUpdateRoom, { claims: managerA, params, body: { number: '102A', status: 'cleaning' } }));
    expect(patched.body.data).toMatchObject({ number: '102A', status: 'cleaning' });
    // The old number is free again.
    expect((await create(admin, 'htl_a', { roomId: 'rm_new102', roomTypeId: 'rt_1', number: '102', floor: 1 })).statusCode).toBe(201);

    for (const [handler, route, extra] of [
      [getRoom, routes.adminGetRoom, {}],
      [listRooms, routes.adminListRooms, {}],
      [updateRoom, routes.adminUpdateRoom, { body: { floor: 2 } }],
      [deleteRoom, routes.adminDeleteRoom, {}],
    ] as const) {
      const res = await invoke(handler, httpEvent(route, { claims: managerB, params, ...extra }));
      expect(res.statusCode, route.path).toBe(403);
    }
    const deleted = await invoke(deleteRoom, httpEvent(routes.adminDeleteRoom, { claims: managerA, params: { hotelId: 'htl_a', roomId: 'rm_new102' } }));
    expect(deleted.body.data).toEqual({ roomId: 'rm_new102', deleted: true });
  });

  it('assigns a room to a booking of the manager\'s hotel, refuses another hotel\'s booking with 404 and a taken room with 409', async () => {
    const assign = (claims: object, bookingId: string, body: object) =>
      invoke(assignRoom, httpEvent(routes.adminAssignRoom, { claims: claims as Record<string, unknown>, params: { bookingId }, body }));

    const ok = await assign(managerA, 'bk_a', { roomId: 'rm_101' });
    expect(ok.statusCode).toBe(200);
    expect(ok.body.data).toMatchObject({ bookingId: 'bk_a', room: { numbers: ['101'], source: 'admin' }, assignedRooms: [{ roomId: 'rm_101', number: '101' }] });
    expect(events.ofType('room.assigned').at(-1)!.detail).toMatchObject({ bookingId: 'bk_a', roomNumbers: ['101'] });

    const taken = await assign(managerA, 'bk_a2', { roomId: 'rm_101' });
    expect(taken.statusCode).toBe(409);
    expect(taken.body.error.code).toBe('ROOM_UNAVAILABLE');
    expect(undocumentedAnswer(routes.adminAssignRoom, taken.statusCode, taken.body)).toBeUndefined();

    expect((await assign(managerA, 'bk_b', { roomId: 'rm_101' })).statusCode).toBe(404);
    expect((await assign(managerB, 'bk_a', { roomId: 'rm_101' })).statusCode).toBe(404);
    expect((await assign(guest, 'bk_a', { roomId: 'rm_101' })).statusCode).toBe(403);
    expect((await assign(admin, 'bk_a2', { roomId: 'rm_101', roomIds: ['rm_101'] })).statusCode).toBe(422);
    expect((await assign(admin, 'bk_a2', { roomId: 'rm_unknown' })).statusCode).toBe(404);
  });

  it('refuses to delete a room that holds a stay (409 ROOM_IN_USE)', async () => {
    const res = await invoke(deleteRoom, httpEvent(routes.adminDeleteRoom, { claims: admin, params: { hotelId: 'htl_a', roomId: 'rm_101' } }));
    expect(res.statusCode).toBe(409);
    expect(res.body.error.code).toBe('ROOM_IN_USE');
  });
});
