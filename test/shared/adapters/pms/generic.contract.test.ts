import { afterEach, describe, expect, it } from 'vitest';
import { GenericPmsClient } from '../../../../shared/adapters/pms/generic.adapter.ts';
import { PmsNotFoundError, PmsRejectedError, PmsUnavailableError } from '../../../../shared/domain/pms-errors.ts';
import type { PmsConnection } from '../../../../shared/ports/pms.port.ts';
import { startPmsSimulator, type PmsSimulator } from '../../../../local/simulators/pms/pms-simulator.ts';
import { aReservation, abortableFetch, describePmsContract, SimWaits, stayDates } from './pms-contract.ts';

type GenericConnection = Extract<PmsConnection, { vendor: 'generic' }>;

describePmsContract({
  vendor: 'generic',
  client: (conn, options) => new GenericPmsClient(conn as GenericConnection, options),
  badCredentials: (conn) => ({ ...(conn as GenericConnection), credentials: { kind: 'api_key', apiKey: 'gpk_wrong' } }),
  oversold: 'negative',
});

describe('generic adapter, holds', () => {
  let sim: PmsSimulator | undefined;
  // A controllable clock starting at the real now, so "today" matches the stay dates.
  let now = Date.now();

  async function setup() {
    now = Date.now();
    sim = await startPmsSimulator({ clock: () => new Date(now) });
    const conn = sim.connection('generic') as GenericConnection;
    const client = new GenericPmsClient(conn);
    const roomTypeId = sim.state.hotel(conn.pmsHotelId)!.roomTypes[0]!.pmsRoomTypeId;
    return { sim, conn, client, roomTypeId, hotelId: conn.pmsHotelId };
  }

  afterEach(async () => {
    await sim?.stop();
    sim = undefined;
  });

  it('holds rooms in the PMS, once per external id, until they are released', async () => {
    // Prepare
    const { sim, client, roomTypeId, hotelId } = await setup();
    const stay = stayDates(7);
    const before = sim.state.available(hotelId, roomTypeId, stay.checkIn);
    const request = { externalId: 'bk_hold_1', pmsRoomTypeId: roomTypeId, ...stay, rooms: 2, ttlSeconds: 180 };

    // Act
    const hold = await client.hold(request);
    const again = await client.hold(request);
    const during = sim.state.available(hotelId, roomTypeId, stay.checkIn);
    await client.release(hold.holdId);
    await client.release(hold.holdId);

    // Assess
    expect(client.capabilities).toEqual({ holds: true, webhooks: true });
    expect(again).toEqual(hold);
    expect(hold.expiresAt).toBe(new Date(now + 180_000).toISOString());
    expect(during).toBe(before - 2);
    expect(sim.state.available(hotelId, roomTypeId, stay.checkIn)).toBe(before);
  });

  it('turns a hold into a reservation without counting the rooms twice', async () => {
    const { sim, client, roomTypeId, hotelId } = await setup();
    const req = aReservation(roomTypeId, { externalId: 'bk_hold_2', ...stayDates(8) });
    const before = sim.state.available(hotelId, roomTypeId, req.checkIn);
    const hold = await client.hold({ externalId: req.externalId, pmsRoomTypeId: roomTypeId, checkIn: req.checkIn, checkOut: req.checkOut, rooms: 1 });

    const reservation = await client.createReservation({ ...req, holdId: hold.holdId });

    expect(reservation.status).toBe('confirmed');
    expect(sim.state.available(hotelId, roomTypeId, req.checkIn)).toBe(before - 1);
    expect(sim.state.hold(hotelId, hold.holdId)!.status).toBe('converted');
  });

  it('rejects a reservation on an expired hold', async () => {
    const { client, roomTypeId } = await setup();
    const req = aReservation(roomTypeId, { externalId: 'bk_hold_3', ...stayDates(9) });
    const hold = await client.hold({ externalId: req.externalId, pmsRoomTypeId: roomTypeId, checkIn: req.checkIn, checkOut: req.checkOut, rooms: 1, ttlSeconds: 180 });

    now += 181_000;
    const error = await client.createReservation({ ...req, holdId: hold.holdId }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PmsRejectedError);
    expect((error as PmsRejectedError).reason).toBe('hold_expired');
  });

  it('refuses a hold when the rooms are gone, and reports an unknown hold on release', async () => {
    const { sim, client, roomTypeId, hotelId } = await setup();
    const total = sim.state.hotel(hotelId)!.roomTypes[0]!.total;

    const soldOut = await client.hold({ externalId: 'bk_hold_4', pmsRoomTypeId: roomTypeId, ...stayDates(10), rooms: total + 1 }).catch((e: unknown) => e);

    expect(soldOut).toBeInstanceOf(PmsRejectedError);
    expect((soldOut as PmsRejectedError).reason).toBe('sold_out');
    await expect(client.release('hold_unknown')).rejects.toBeInstanceOf(PmsNotFoundError);
  });

  it('holds beyond availability only when the PMS accepts overbooking, and then reports availability below zero', async () => {
    // Prepare: one room left on the night.
    const { sim, client, roomTypeId, hotelId } = await setup();
    const stay = stayDates(12, 1);
    const total = sim.state.hotel(hotelId)!.roomTypes[0]!.total;
    await sim.createReservation(hotelId, { roomTypeId, ...stay, rooms: total - 1, channel: 'ota' }, { notify: false });
    const request = { externalId: 'bk_hold_over', pmsRoomTypeId: roomTypeId, ...stay, rooms: 3 };

    // Act
    const refused = await client.hold(request).catch((e: unknown) => e);
    sim.setSettings(hotelId, { acceptsOverbooking: true });
    const hold = await client.hold(request);
    const [night] = (await client.getNights(stay.checkIn, stay.checkIn)).filter((n) => n.pmsRoomTypeId === roomTypeId);

    // Assess
    expect(refused).toBeInstanceOf(PmsRejectedError);
    expect((refused as PmsRejectedError).reason).toBe('sold_out');
    expect(hold.holdId).toMatch(/^hold_/);
    expect(night).toMatchObject({ total, available: -2 });
  });

  it('waits out a late hold: the rooms are held at once, and holding again returns the same hold', async () => {
    // Prepare: a simulator whose waits the test holds, and a client that gives up when told.
    now = Date.now();
    const waits = new SimWaits();
    waits.hold = true;
    sim = await startPmsSimulator({ clock: () => new Date(now), delay: waits.delay });
    const conn = sim.connection('generic') as GenericConnection;
    const giveUp = new AbortController();
    const impatient = new GenericPmsClient(conn, { fetch: abortableFetch(giveUp.signal) });
    const roomTypeId = sim.state.hotel(conn.pmsHotelId)!.roomTypes[0]!.pmsRoomTypeId;
    sim.faults.arm({ point: 'pms.hold', mode: 'late', times: 1 });
    const request = { externalId: 'bk_hold_late', pmsRoomTypeId: roomTypeId, ...stayDates(13), rooms: 1 };

    // Act
    const pending = impatient.hold(request).catch((e: unknown) => e);
    await expect.poll(() => waits.holding, { timeout: 10_000 }).toBe(1);
    giveUp.abort();
    const error = await pending;
    waits.reset();
    const again = await new GenericPmsClient(conn).hold(request);

    // Assess
    expect(error).toBeInstanceOf(PmsUnavailableError);
    expect(sim.state.holds.filter((h) => h.externalId === 'bk_hold_late')).toHaveLength(1);
    expect(again.holdId).toBe(sim.state.holds.find((h) => h.externalId === 'bk_hold_late')!.holdId);
  });

  it('turns hold and release faults into PmsUnavailableError', async () => {
    const { sim, client, roomTypeId } = await setup();
    sim.faults.arm({ point: 'pms.hold', mode: 'error', times: 1 });
    sim.faults.arm({ point: 'pms.release', mode: 'error', times: 1 });

    await expect(client.hold({ externalId: 'bk_hold_5', pmsRoomTypeId: roomTypeId, ...stayDates(11), rooms: 1 })).rejects.toBeInstanceOf(PmsUnavailableError);
    const hold = await client.hold({ externalId: 'bk_hold_5', pmsRoomTypeId: roomTypeId, ...stayDates(11), rooms: 1 });
    await expect(client.release(hold.holdId)).rejects.toBeInstanceOf(PmsUnavailableError);

    expect(sim.state.hold(sim.connection('generic').pmsHotelId, hold.holdId)!.status).toBe('active');
  });
});
