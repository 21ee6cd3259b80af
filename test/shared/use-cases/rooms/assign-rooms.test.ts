import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbBookingRepository } from '../../../../shared/adapters/dynamodb/booking.dynamodb.ts';
import { DynamoDbFindingRepository } from '../../../../shared/adapters/dynamodb/finding.dynamodb.ts';
import { DynamoDbHotelCatalog } from '../../../../shared/adapters/dynamodb/hotel-catalog.dynamodb.ts';
import { DynamoDbRoomAssignmentStore } from '../../../../shared/adapters/dynamodb/room-assignment.dynamodb.ts';
import { DynamoDbRoomRepository } from '../../../../shared/adapters/dynamodb/room.dynamodb.ts';
import type { Booking } from '../../../../shared/domain/booking.ts';
import { addDays } from '../../../../shared/domain/dates.ts';
import type { Room } from '../../../../shared/domain/room.ts';
import { RoomUnavailableError } from '../../../../shared/domain/room-errors.ts';
import type { PmsClients } from '../../../../shared/ports/pms-clients.port.ts';
import { instantIn } from '../../../../shared/domain/zoned-time.ts';
import { GuestEventSchemas } from '../../../../shared/use-cases/notifications/guest-event-schemas.ts';
import { assignArrivals } from '../../../../shared/use-cases/rooms/assign-arrivals.use-case.ts';
import { assignRooms, JOURNAL_LEASE_MS, unassignedFindingId } from '../../../../shared/use-cases/rooms/assign-rooms.use-case.ts';
import { releaseRoomAssignment } from '../../../../shared/use-cases/rooms/release-rooms.use-case.ts';
import { createTestTable } from '../../../support/dynamodb.ts';
import { FakeEventPublisher } from '../../../support/fakes/event-publisher.fake.ts';
import { aBooking, aHotel, aRoomType } from '../../../support/fixtures.ts';

/** 10:00 in Seoul on 1 June; arrivals tomorrow at 15:00 are 29 h away, today's at 15:00 are 5 h away. */
const NOW = new Date('2026-06-01T01:00:00.000Z');
const TODAY = '2026-06-01';
const HOTEL = 'htl_rooms';
const TYPE = 'rt_double';

/**
 * Room assignment on real storage: the per room x night conditional writes are the only guard, so
 * these tests race real writers against DynamoDB Local and check that no room ever holds two stays.
 */
describe('room assignment', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;
  let bookings: DynamoDbBookingRepository;
  let rooms: DynamoDbRoomRepository;
  let store: DynamoDbRoomAssignmentStore;
  let findings: DynamoDbFindingRepository;
  let catalog: DynamoDbHotelCatalog;
  let events: FakeEventPublisher;
  let now: Date;
  let seq = 0;
  const deps = () => ({ bookings, rooms, store, findings, events, clock: () => now });
  const noPms: Pick<PmsClients, 'forHotel'> = { forHotel: async () => undefined };

  async function confirmed(overrides: Partial<Booking> = {}): Promise<Booking> {
    const bookingId = overrides.bookingId ?? `bk_r${String(++seq).padStart(4, '0')}`;
    const booking = aBooking({ hotelId: HOTEL, roomTypeId: TYPE, checkIn: TODAY, createdAt: `2026-05-01T00:00:${String(seq % 60).padStart(2, '0')}.000Z`, ...overrides, bookingId });
    await bookings.createPending({ ...booking, status: 'PENDING' }, { keyHash: `k-${bookingId}`, requestHash: 'r', bookingId, createdAt: booking.createdAt });
    await bookings.recordStep(bookingId, undefined, { status: 'CONFIRMED' }, now);
    return (await bookings.get(bookingId))!;
  }

  async function room(number: string, overrides: Partial<Room> = {}): Promise<Room> {
    const r: Room = {
      hotelId: HOTEL,
      roomId: `rm_${number}`,
      roomTypeId: TYPE,
      number,
      floor: Number(number.slice(0, -2)) || 1,
      features: [],
      status: 'available',
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
      ...overrides,
    };
    await rooms.create(r);
    return r;
  }

  /** Every room night of the hotel on `nights`, as room -> date -> booking: the ground truth. */
  async function nightMap(nights: string[]): Promise<Map<string, Map<string, string>>> {
    const held = await store.heldOn(HOTEL, nights);
    const byRoom = new Map<string, Map<string, string>>();
    for (const [date, holders] of held) {
      for (const [roomId, bookingId] of holders) {
        if (!byRoom.has(roomId)) byRoom.set(roomId, new Map());
        byRoom.get(roomId)!.set(date, bookingId);
      }
    }
    return byRoom;
  }

  beforeAll(async () => {
    table = await createTestTable();
    bookings = new DynamoDbBookingRepository(table.doc, table.tableName);
    rooms = new DynamoDbRoomRepository(table.doc, table.tableName);
    store = new DynamoDbRoomAssignmentStore(table.doc, table.tableName);
    findings = new DynamoDbFindingRepository(table.doc, table.tableName);
    catalog = new DynamoDbHotelCatalog(table.doc, table.tableName);
    await catalog.putHotel(aHotel({ hotelId: HOTEL, timeZone: 'Asia/Seoul' }));
    await catalog.putRoomType(aRoomType({ hotelId: HOTEL, roomTypeId: TYPE }));
  });

  afterAll(async () => {
    await table.drop();
  });

  beforeEach(() => {
    now = NOW;
    events = new FakeEventPublisher();
  });

  it('places more arrivals than rooms: VIPs first with their wishes, the rest become admin tasks naming the booking', async () => {
    // Prepare: three rooms, five arrivals this afternoon (its own hotel so other tests do not interfere).
    const hotel = 'htl_overflow';
    await catalog.putHotel(aHotel({ hotelId: hotel, timeZone: 'Asia/Seoul' }));
    await catalog.putRoomType(aRoomType({ hotelId: hotel, roomTypeId: TYPE }));
    const mk = (number: string, floor: number, features: string[]) =>
      rooms.create({ hotelId: hotel, roomId: `rm_${number}`, roomTypeId: TYPE, number, floor, features, status: 'available', createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() });
    await mk('1201', 12, ['high-floor', 'quiet']);
    await mk('301', 3, ['near-elevator']);
    await mk('102', 1, ['accessible']);
    await mk('103', 1, []);
    await rooms.update(
      (await rooms.get(hotel, 'rm_103'))!,
      { ...(await rooms.get(hotel, 'rm_103'))!, status: 'maintenance', updatedAt: new Date(NOW.getTime() + 1).toISOString() },
    );
    const regular1 = await confirmed({ hotelId: hotel, specialRequests: 'Quiet room on a high floor please', createdAt: '2026-05-01T00:00:01.000Z' });
    const wheelchair = await confirmed({ hotelId: hotel, specialRequests: '휠체어 접근 가능한 객실', createdAt: '2026-05-01T00:00:02.000Z' });
    const vip = await confirmed({ hotelId: hotel, vipLevel: 1, specialRequests: '高層階の静かな部屋', createdAt: '2026-05-01T00:00:05.000Z' });
    const late1 = await confirmed({ hotelId: hotel, createdAt: '2026-05-01T00:00:06.000Z' });
    const late2 = await confirmed({ hotelId: hotel, createdAt: '2026-05-01T00:00:07.000Z' });

    // Act
    const summary = await assignArrivals({ ...deps(), catalog, pms: noPms });

    // Assess: the VIP took the quiet high floor although booked later; accessibility went to who asked.
    expect(summary).toMatchObject({ considered: 5, assigned: 3, failed: 0 });
    expect(summary.unplaceable.sort()).toEqual([late1.bookingId, late2.bookingId].sort());
    const numbersOf = async (b: Booking) => (await bookings.get(b.bookingId))!.roomAssignment?.rooms.map((r) => r.number);
    expect(await numbersOf(vip)).toEqual(['1201']);
    expect(await numbersOf(wheelchair)).toEqual(['102']);
    expect(await numbersOf(regular1)).toEqual(['301']);
    for (const overflow of [late1, late2]) {
      const finding = await findings.get(unassignedFindingId(overflow.bookingId));
      expect(finding).toMatchObject({ type: 'ROOM_UNASSIGNED', status: 'open', bookingId: overflow.bookingId, hotelId: hotel });
      expect(finding!.detail).toContain(overflow.bookingId);
    }
    expect(events.ofType('room.assigned').map((e) => e.detail.bookingId).sort()).toEqual([regular1, wheelchair, vip].map((b) => b.bookingId).sort());
    expect(events.ofType('room.assigned')[0]!.detail).toMatchObject({ version: 1, revision: 1, source: 'auto' });
    for (const e of events.ofType('room.assigned')) expect(GuestEventSchemas['room.assigned'].strict().safeParse(e.detail).error).toBeUndefined();

    // A second run repeats nothing and keeps the tasks open.
    events = new FakeEventPublisher();
    const again = await assignArrivals({ ...deps(), catalog, pms: noPms });
    expect(again.assigned).toBe(0);
    expect(events.events).toEqual([]);
  });

  it('never puts two overlapping stays in one room, however many assign at once', async () => {
    // Prepare: 3 rooms, 8 overlapping stays (tomorrow for two nights), all assigned concurrently.
    const checkIn = addDays(TODAY, 1);
    const ids = await Promise.all(['401', '402', '403'].map((n) => room(n)));
    const stays = await Promise.all(Array.from({ length: 8 }, () => confirmed({ checkIn, checkOut: addDays(checkIn, 2) })));

    // Act
    const outcomes = await Promise.all(stays.map((b) => assignRooms(deps(), { bookingId: b.bookingId, source: 'auto', by: 'job' })));

    // Assess: exactly three won, each room holds one stay on every night, no stay is in two rooms.
    expect(outcomes.filter((o) => o.status === 'assigned')).toHaveLength(3);
    expect(outcomes.filter((o) => o.status === 'unplaceable')).toHaveLength(5);
    const held = await nightMap([checkIn, addDays(checkIn, 1)]);
    const holders = ids.map((r) => held.get(r.roomId));
    for (const nights of holders) {
      expect(nights?.size).toBe(2);
      expect(new Set(nights!.values()).size).toBe(1);
    }
    const winners = holders.map((nights) => [...nights!.values()][0]);
    expect(new Set(winners).size).toBe(3);
    for (const winner of winners) expect((await bookings.get(winner!))!.roomAssignment?.rooms).toHaveLength(1);
  });

  it('lets staff reassign with the same guard: a taken room is refused, a free one replaces the old room', async () => {
    // Prepare
    const checkIn = addDays(TODAY, 3);
    await room('501');
    await room('502');
    await room('503');
    const a = await confirmed({ checkIn });
    const b = await confirmed({ checkIn });
    await assignRooms(deps(), { bookingId: a.bookingId, source: 'admin', by: 'staff-1', roomIds: ['rm_501'] });
    await assignRooms(deps(), { bookingId: b.bookingId, source: 'admin', by: 'staff-1', roomIds: ['rm_502'] });

    // Act + Assess: moving A into B's room is refused and changes nothing.
    const refused = await assignRooms(deps(), { bookingId: a.bookingId, source: 'admin', by: 'staff-1', roomIds: ['rm_502'] }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RoomUnavailableError);
    expect((await bookings.get(a.bookingId))!.roomAssignment).toMatchObject({ revision: 1, rooms: [{ number: '501' }] });

    // Moving A to a free room claims it and gives 501 back.
    const moved = await assignRooms(deps(), { bookingId: a.bookingId, source: 'admin', by: 'staff-2', roomIds: ['rm_503'] });
    expect(moved).toMatchObject({ status: 'assigned', assignment: { revision: 2, source: 'admin', by: 'staff-2', rooms: [{ roomId: 'rm_503' }] } });
    const held = await nightMap(a.nights);
    expect(held.get('rm_501')).toBeUndefined();
    expect([...held.get('rm_503')!.values()]).toEqual(a.nights.map(() => a.bookingId));
    expect((await bookings.get(a.bookingId))!.roomClaim).toBeUndefined();
    expect(events.ofType('room.assigned').at(-1)!.detail).toMatchObject({ bookingId: a.bookingId, revision: 2, roomNumbers: ['503'] });
  });

  it('undoes the claims of a run that died half-way, once its lease has run out', async () => {
    // Prepare: a run opened the journal and claimed 601, then died.
    const checkIn = addDays(TODAY, 5);
    await room('601');
    const booking = await confirmed({ checkIn });
    await store.openJournal(booking.bookingId, { phase: 'claiming', revision: 1, roomIds: [], nights: booking.nights, startedAt: NOW.toISOString() }, 0);
    await store.claim({ bookingId: booking.bookingId, hotelId: HOTEL, room: { roomId: 'rm_601', number: '601', floor: 6 }, nights: booking.nights, revision: 1 });

    // Act: within the lease the booking is busy; after it, a new run recovers and assigns.
    expect(await assignRooms(deps(), { bookingId: booking.bookingId, source: 'auto', by: 'job' })).toEqual({ status: 'busy' });
    now = new Date(NOW.getTime() + JOURNAL_LEASE_MS + 1000);
    const outcome = await assignRooms(deps(), { bookingId: booking.bookingId, source: 'auto', by: 'job' });

    // Assess
    expect(outcome.status).toBe('assigned');
    const stored = (await bookings.get(booking.bookingId))!;
    expect(stored.roomClaim).toBeUndefined();
    const held = await nightMap(booking.nights);
    const mine = [...held.entries()].filter(([, nights]) => [...nights.values()].includes(booking.bookingId));
    expect(mine).toHaveLength(1);
  });

  it('gives the rooms back when the booking stops holding them, and a cancelled booking is never assigned', async () => {
    const checkIn = addDays(TODAY, 7);
    await room('701');
    const booking = await confirmed({ checkIn });
    await assignRooms(deps(), { bookingId: booking.bookingId, source: 'admin', by: 'staff', roomIds: ['rm_701'] });
    await bookings.transition(booking.bookingId, { from: ['CONFIRMED'], to: 'CANCELLED_BY_HOTEL' }, now);

    expect(await releaseRoomAssignment(deps(), booking.bookingId)).toBe('released');

    expect((await nightMap(booking.nights)).get('rm_701')).toBeUndefined();
    expect((await bookings.get(booking.bookingId))!.roomAssignment).toBeUndefined();
    expect(await assignRooms(deps(), { bookingId: booking.bookingId, source: 'auto', by: 'job' })).toEqual({ status: 'not_assignable' });
    // The room is free for the next stay.
    const next = await confirmed({ checkIn });
    expect((await assignRooms(deps(), { bookingId: next.bookingId, source: 'admin', by: 'staff', roomIds: ['rm_701'] })).status).toBe('assigned');
  });

  it('resolves the admin task once staff free a room and assign it', async () => {
    const hotel = 'htl_task';
    await catalog.putHotel(aHotel({ hotelId: hotel, timeZone: 'Asia/Seoul' }));
    await rooms.create({ hotelId: hotel, roomId: 'rm_t1', roomTypeId: TYPE, number: 'T1', floor: 1, features: [], status: 'maintenance', createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() });
    const booking = await confirmed({ hotelId: hotel });
    expect((await assignRooms(deps(), { bookingId: booking.bookingId, source: 'auto', by: 'job' })).status).toBe('unplaceable');
    const t1 = (await rooms.get(hotel, 'rm_t1'))!;
    await rooms.update(t1, { ...t1, status: 'available', updatedAt: new Date(NOW.getTime() + 5).toISOString() });

    await assignRooms(deps(), { bookingId: booking.bookingId, source: 'admin', by: 'staff', roomIds: ['rm_t1'] });

    expect(await findings.get(unassignedFindingId(booking.bookingId))).toMatchObject({ status: 'resolved' });
  });

  it("records and announces the PMS's room numbers instead of assigning ours, where the PMS assigned", async () => {
    const hotel = 'htl_pms_rooms';
    await catalog.putHotel(aHotel({ hotelId: hotel, timeZone: 'Asia/Seoul', pms: { vendor: 'generic', pmsHotelId: 'p1' } }));
    await rooms.create({ hotelId: hotel, roomId: 'rm_p1', roomTypeId: TYPE, number: 'P1', floor: 1, features: [], status: 'available', createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() });
    const booking = await confirmed({ hotelId: hotel, pms: { status: 'CONFIRMED', vendor: 'generic', reservationId: 'res-9' } });
    const pms = {
      forHotel: async () =>
        ({ client: { getReservation: async (id: string) => (id === 'res-9' ? { reservationId: id, confirmationNumber: id, externalId: booking.bookingId, status: 'confirmed', roomNumbers: ['1208'] } : undefined) } }) as never,
    };

    const summary = await assignArrivals({ ...deps(), catalog, pms });

    expect(summary.fromPms).toBe(1);
    const stored = (await bookings.get(booking.bookingId))!;
    expect(stored.pmsRoomNumbers).toEqual(['1208']);
    expect(stored.roomAssignment).toBeUndefined();
    expect(events.ofType('room.assigned').find((e) => e.detail.bookingId === booking.bookingId)!.detail).toMatchObject({ source: 'pms', roomNumbers: ['1208'] });
    expect(GuestEventSchemas['room.assigned'].strict().safeParse(events.ofType('room.assigned').find((e) => e.detail.bookingId === booking.bookingId)!.detail).error).toBeUndefined();
  });
});

describe('instantIn', () => {
  it("turns a hotel's local check-in time into an instant", () => {
    expect(instantIn('2026-06-02', '15:00', 'Asia/Seoul').toISOString()).toBe('2026-06-02T06:00:00.000Z');
    expect(instantIn('2026-03-08', '15:00', 'America/New_York').toISOString()).toBe('2026-03-08T19:00:00.000Z');
    expect(instantIn('2026-01-08', '15:00', 'America/New_York').toISOString()).toBe('2026-01-08T20:00:00.000Z');
  });
});
