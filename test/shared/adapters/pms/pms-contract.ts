import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addDays, datesInclusive, todayIn } from '../../../../shared/domain/dates.ts';
import type { PmsReservation, PmsReservationChange, PmsReservationRequest, PmsVendor } from '../../../../shared/domain/pms.ts';
import { PmsAuthError, PmsNotFoundError, PmsRateLimitedError, PmsRejectedError, PmsUnavailableError } from '../../../../shared/domain/pms-errors.ts';
import type { PmsCallRecord, PmsClient, PmsConnection } from '../../../../shared/ports/pms.port.ts';
import type { PmsAdapterOptions } from '../../../../shared/adapters/pms/http.ts';
import { startPmsSimulator, type PmsSimulator, type PmsSimulatorOptions } from '../../../../local/simulators/pms/pms-simulator.ts';
import { simPriceFor } from '../../../../local/simulators/pms/sim-hotels.ts';
import { assignRoomsAsHotel } from '../../../../local/simulators/pms/hotel-actions.ts';

/**
 * The behaviour every `PmsClient` must show, run against the simulated PMS over real HTTP on a
 * loopback port. Each adapter's contract file calls this with a way to build its client, then
 * adds what only that vendor has (rate limits, tokens, windows, holds).
 *
 * Nothing here depends on timing: the simulator's waits (latency, timeout and late faults) go
 * through `SimWaits`, which records them and ends them at once unless a test holds them; a client
 * "gives up" when the test aborts its requests (`abortableFetch`), never when a clock runs out.
 */
export interface ContractSetup {
  vendor: PmsVendor;
  /** Builds the adapter under test for a connection. */
  client(conn: PmsConnection, options?: PmsAdapterOptions): PmsClient;
  /** The same connection with credentials the PMS refuses. */
  badCredentials(conn: PmsConnection): PmsConnection;
  /**
   * What `available` reads on a night sold one room beyond its total: the generic protocol reports
   * it as is (-1), Cloudbeds and OPERA never go below 0.
   */
  oversold: 'negative' | 'clamped';
  /** Simulator settings for this vendor's run (Cloudbeds: its rate limit is tested on its own). */
  simulator?: Pick<PmsSimulatorOptions, 'cloudbedsRequestsPerSecond'>;
}

export const HOTEL_ZONE = 'Asia/Seoul';

export function stayDates(offsetDays: number, nights = 2): { checkIn: string; checkOut: string } {
  const checkIn = addDays(todayIn(HOTEL_ZONE), offsetDays);
  return { checkIn, checkOut: addDays(checkIn, nights) };
}

export function aReservation(pmsRoomTypeId: string, overrides: Partial<PmsReservationRequest> = {}): PmsReservationRequest {
  return {
    externalId: `bk_${randomUUID()}`,
    pmsRoomTypeId,
    ...stayDates(10),
    rooms: 1,
    guests: 2,
    guest: { firstName: 'Minji', lastName: 'Kim', email: 'minji@example.com', phone: '+82-10-1234-5678' },
    totalMinor: 360_000,
    currency: 'KRW',
    ...overrides,
  };
}

/**
 * The simulator's waits: each is recorded; it ends at once, or, while `hold` is on, when the test
 * calls `release()` (or the simulator stops).
 */
export class SimWaits {
  readonly asked: number[] = [];
  hold = false;
  private readonly pending: (() => void)[] = [];

  readonly delay = (ms: number, signal: AbortSignal): Promise<void> => {
    this.asked.push(ms);
    if (!this.hold) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.pending.push(resolve);
      signal.addEventListener('abort', () => reject(signal.reason as Error));
    });
  };

  get holding(): number {
    return this.pending.length;
  }

  release(): void {
    for (const resolve of this.pending.splice(0)) resolve();
  }

  reset(): void {
    this.hold = false;
    this.release();
    this.asked.length = 0;
  }
}

/** A `fetch` whose requests end when `signal` aborts: the test decides when a client gives up. */
export function abortableFetch(signal: AbortSignal): typeof fetch {
  return (input, init) => fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal });
}

/** What every answer about a reservation carries, without the vendor-reported extras (channel). */
function core(r: PmsReservation | undefined) {
  if (!r) return r;
  const { reservationId, confirmationNumber, externalId, status, pmsRoomTypeId, checkIn, checkOut, rooms } = r;
  return { reservationId, confirmationNumber, externalId, status, pmsRoomTypeId, checkIn, checkOut, rooms };
}

export function describePmsContract(setup: ContractSetup): void {
  describe(`${setup.vendor} adapter contract (simulated PMS over HTTP)`, () => {
    let sim: PmsSimulator;
    let conn: PmsConnection;
    let client: PmsClient;
    let roomTypeId: string;
    let hotelId: string;
    const waits = new SimWaits();

    beforeAll(async () => {
      sim = await startPmsSimulator({ ...setup.simulator, delay: waits.delay });
      conn = sim.connection(setup.vendor);
      client = setup.client(conn, { timeoutMs: 10_000 });
      hotelId = conn.pmsHotelId;
      roomTypeId = [...sim.state.hotel(hotelId)!.roomTypes][0]!.pmsRoomTypeId;
    });

    afterEach(() => {
      waits.reset();
      sim.faults.clear();
      sim.setSettings(hotelId, { acceptsOverbooking: false });
    });

    afterAll(async () => {
      await sim.stop();
    });

    const total = () => sim.state.hotel(hotelId)!.roomTypes[0]!.total;

    it('reads the hotel details in neutral form', async () => {
      // Prepare: the simulator holds the demo hotel of this vendor.
      const expected = sim.state.hotel(hotelId)!;

      // Act
      const hotel = await client.getHotel();

      // Assess
      expect(hotel).toMatchObject({
        pmsHotelId: hotelId,
        name: expected.name,
        city: expected.city,
        country: 'KR',
        currency: 'KRW',
        timeZone: 'Asia/Seoul',
        checkInTime: '15:00',
        checkOutTime: '11:00',
        location: { latitude: expected.latitude, longitude: expected.longitude },
      });
      expect(hotel.amenities).toEqual(expected.amenities);
      expect(hotel.images).toEqual(expected.images);
    });

    it('lists room types with their photos', async () => {
      const expected = sim.state.hotel(hotelId)!.roomTypes;

      const roomTypes = await client.listRoomTypes();

      expect(roomTypes.map((r) => r.pmsRoomTypeId)).toEqual(expected.map((r) => r.pmsRoomTypeId));
      expect(roomTypes.map((r) => r.name)).toEqual(expected.map((r) => r.name));
      for (const [i, rt] of roomTypes.entries()) {
        expect(rt.maxOccupancy).toBe(expected[i]!.maxOccupancy);
        expect(rt.photos.map((p) => p.url)).toEqual(expected[i]!.photos.map((p) => p.url));
        expect(rt.photos.length).toBeGreaterThanOrEqual(1);
      }
    });

    it('returns every room type on every night of a range, end included, with totals, availability and prices', async () => {
      const start = addDays(todayIn(HOTEL_ZONE), 3);
      const end = addDays(start, 6);
      const rts = sim.state.hotel(hotelId)!.roomTypes;

      const nights = await client.getNights(start, end);

      expect(nights).toHaveLength(7 * rts.length);
      for (const rt of rts) {
        const mine = nights.filter((n) => n.pmsRoomTypeId === rt.pmsRoomTypeId);
        expect(mine.map((n) => n.date)).toEqual(datesInclusive(start, end));
        for (const n of mine) {
          expect(n).toMatchObject({ total: rt.total, available: sim.state.available(hotelId, rt.pmsRoomTypeId, n.date), priceMinor: simPriceFor(rt.priceMinor, n.date), currency: 'KRW' });
          expect(n.stopSell === true || n.closedToArrival === true || n.closedToDeparture === true || n.minStay !== undefined || n.maxStay !== undefined).toBe(false);
        }
      }
    });

    it('reports each night restriction, and what other channels sold, in its own fields', async () => {
      // Prepare: one night with every restriction and two rooms sold at the front desk, the next with a minimum stay only.
      const { checkIn: restricted } = stayDates(170);
      const next = addDays(restricted, 1);
      await sim.setNight(hotelId, roomTypeId, restricted, { minStay: 2, maxStay: 7, closedToArrival: true, closedToDeparture: true, stopSell: true }, { notify: false });
      await sim.setNight(hotelId, roomTypeId, next, { minStay: 3 }, { notify: false });
      await sim.createReservation(hotelId, { roomTypeId, checkIn: restricted, checkOut: next, rooms: 2, channel: 'front-desk' }, { notify: false });

      // Act
      const nights = (await client.getNights(restricted, next)).filter((n) => n.pmsRoomTypeId === roomTypeId);

      // Assess
      expect(nights).toHaveLength(2);
      expect(nights[0]).toMatchObject({ date: restricted, total: total(), available: total() - 2, minStay: 2, maxStay: 7, closedToArrival: true, closedToDeparture: true, stopSell: true });
      expect(nights[1]).toMatchObject({ date: next, total: total(), available: total(), minStay: 3 });
      expect(nights[1]!.maxStay).toBeUndefined();
      expect([nights[1]!.closedToArrival, nights[1]!.closedToDeparture, nights[1]!.stopSell].some((flag) => flag === true)).toBe(false);
    });

    it('creates a reservation once per external id, however often it is asked, and answers with its stay', async () => {
      const req = aReservation(roomTypeId);
      const before = sim.state.available(hotelId, roomTypeId, req.checkIn);

      const first = await client.createReservation(req);
      const retry = await client.createReservation(req);
      const [concurrentA, concurrentB] = await Promise.all([client.createReservation(req), client.createReservation(req)]);

      expect(first).toMatchObject({ externalId: req.externalId, status: 'confirmed', pmsRoomTypeId: roomTypeId, checkIn: req.checkIn, checkOut: req.checkOut, rooms: 1 });
      expect(first.reservationId).not.toBe('');
      expect(first.confirmationNumber).not.toBe('');
      expect(core(retry)).toEqual(core(first));
      expect(core(concurrentA)).toEqual(core(first));
      expect(core(concurrentB)).toEqual(core(first));
      expect(sim.state.reservations.filter((r) => r.externalId === req.externalId)).toHaveLength(1);
      expect(sim.state.available(hotelId, roomTypeId, req.checkIn)).toBe(before - 1);
    });

    it('finds a reservation by external id, and nothing for an unknown one', async () => {
      const req = aReservation(roomTypeId, stayDates(20));
      const created = await client.createReservation(req);

      const found = await client.findReservationByExternalId(req.externalId);
      const missing = await client.findReservationByExternalId(`bk_${randomUUID()}`);

      expect(core(found)).toEqual(core(created));
      expect(missing).toBeUndefined();
    });

    it('finds every reservation carrying our booking id, cancelled ones included, each with its stay', async () => {
      // Prepare: our reservation, cancelled; then a second one with the same id, as a create that
      // timed out and was retried leaves behind (planted in the PMS directly).
      const req = aReservation(roomTypeId, stayDates(22));
      const cancelled = await client.createReservation(req);
      await client.cancelReservation(cancelled.reservationId);
      const { reservation: duplicate } = await sim.createReservation(hotelId, { roomTypeId, checkIn: req.checkIn, checkOut: req.checkOut, externalId: req.externalId, channel: 'api' }, { notify: false });

      // Act
      const all = await client.findReservationsByExternalId(req.externalId);
      const one = await client.findReservationByExternalId(req.externalId);
      const none = await client.findReservationsByExternalId(`bk_${randomUUID()}`);

      // Assess
      expect(all.map((r) => [r.reservationId, r.status]).sort()).toEqual(
        [
          [cancelled.reservationId, 'cancelled'],
          [duplicate.reservationId, 'confirmed'],
        ].sort(),
      );
      for (const r of all) expect(r).toMatchObject({ externalId: req.externalId, pmsRoomTypeId: roomTypeId, checkIn: req.checkIn, checkOut: req.checkOut, rooms: 1 });
      expect(one?.reservationId).toBe(duplicate.reservationId);
      expect(none).toEqual([]);
    });

    it('reads one reservation by the PMS id, with its stay and our id, and nothing for an unknown id', async () => {
      const req = aReservation(roomTypeId, { ...stayDates(24), rooms: 2, guests: 3 });
      const created = await client.createReservation(req);

      const read = await client.getReservation(created.reservationId);
      const unknown = await client.getReservation('999999999');

      expect(read).toMatchObject({ reservationId: created.reservationId, externalId: req.externalId, status: 'confirmed', pmsRoomTypeId: roomTypeId, checkIn: req.checkIn, checkOut: req.checkOut, rooms: 2 });
      expect(unknown).toBeUndefined();
    });

    it('reports the rooms the hotel assigned in its PMS on a read of one reservation (generic, Cloudbeds; OPERA: not read)', async () => {
      const req = aReservation(roomTypeId, { ...stayDates(25), rooms: 2, guests: 2 });
      const created = await client.createReservation(req);
      expect((await client.getReservation(created.reservationId))?.roomNumbers).toBeUndefined();

      assignRoomsAsHotel(sim.state, hotelId, created.reservationId, ['1204']);
      const read = await client.getReservation(created.reservationId);

      expect(read?.roomNumbers).toEqual(setup.vendor === 'opera' ? undefined : ['1204']);
      expect(read?.rooms).toBe(2);
    });

    it('lists the reservations of every channel and status with a night in the range, and no others', async () => {
      // Prepare: a range of three nights, [d, d + 2].
      const d = stayDates(150).checkIn;
      const sell = async (checkIn: string, checkOut: string, channel: string) =>
        (await sim.createReservation(hotelId, { roomTypeId, checkIn, checkOut, channel }, { notify: false })).reservation;
      const ota = await sell(d, addDays(d, 2), 'ota');
      const frontDesk = await sell(addDays(d, 2), addDays(d, 3), 'front-desk');
      await sim.cancelReservation(hotelId, frontDesk.reservationId, { notify: false });
      await sell(addDays(d, -2), d, 'ota'); // leaves on the range's first day: no night in it
      await sell(addDays(d, 3), addDays(d, 4), 'ota'); // arrives the day after the range
      const ours = await client.createReservation(aReservation(roomTypeId, { checkIn: addDays(d, 1), checkOut: addDays(d, 2) }));

      // Act
      const listed = await client.listReservations(d, addDays(d, 2));

      // Assess
      expect(listed.map((r) => r.reservationId).sort()).toEqual([ota.reservationId, frontDesk.reservationId, ours.reservationId].sort());
      const byId = new Map(listed.map((r) => [r.reservationId, r]));
      expect(byId.get(ota.reservationId)).toMatchObject({ externalId: '', status: 'confirmed', channel: 'ota', pmsRoomTypeId: roomTypeId, checkIn: d, checkOut: addDays(d, 2), rooms: 1 });
      expect(byId.get(frontDesk.reservationId)).toMatchObject({ externalId: '', status: 'cancelled', channel: 'front-desk' });
      expect(byId.get(ours.reservationId)).toMatchObject({ externalId: ours.externalId, status: 'confirmed' });
    });

    it('cancels idempotently and gives the rooms back', async () => {
      const req = aReservation(roomTypeId, stayDates(30));
      const created = await client.createReservation(req);
      const during = sim.state.available(hotelId, roomTypeId, req.checkIn);

      await client.cancelReservation(created.reservationId);
      await client.cancelReservation(created.reservationId);

      expect(await client.findReservationByExternalId(req.externalId)).toMatchObject({ reservationId: created.reservationId, status: 'cancelled' });
      expect(sim.state.available(hotelId, roomTypeId, req.checkIn)).toBe(during + 1);
    });

    describe('modifying a reservation (issue 8)', () => {
      const otherType = () => [...sim.state.hotel(hotelId)!.roomTypes][1]!.pmsRoomTypeId;
      const change = (req: PmsReservationRequest, overrides: Partial<PmsReservationChange> = {}): PmsReservationChange => ({
        pmsRoomTypeId: req.pmsRoomTypeId,
        checkIn: req.checkIn,
        checkOut: req.checkOut,
        rooms: req.rooms,
        guests: req.guests,
        totalMinor: req.totalMinor,
        currency: req.currency,
        ...overrides,
      });
      const stored = (externalId: string) => sim.state.reservations.find((r) => r.externalId === externalId)!;

      it('moves the dates, grows the rooms and changes the room type; the rooms follow in the PMS', async () => {
        const req = aReservation(roomTypeId, stayDates(260));
        const created = await client.createReservation(req);
        const moved = stayDates(261, 3);
        const before = sim.state.available(hotelId, roomTypeId, req.checkIn);

        const answer = await client.modifyReservation(created.reservationId, change(req, { ...moved, rooms: 2, guests: 3, totalMinor: 900_000 }));

        expect(answer).toMatchObject({ reservationId: created.reservationId, pmsRoomTypeId: roomTypeId, ...moved, rooms: 2 });
        expect(core(await client.findReservationByExternalId(req.externalId))).toMatchObject({ reservationId: created.reservationId, status: 'confirmed', ...moved, rooms: 2 });
        expect(sim.state.available(hotelId, roomTypeId, req.checkIn)).toBe(before + 1);
        expect(stored(req.externalId)).toMatchObject({ checkIn: moved.checkIn, checkOut: moved.checkOut, rooms: 2, guests: 3 });

        await client.modifyReservation(created.reservationId, change(req, { ...moved, pmsRoomTypeId: otherType(), rooms: 1, guests: 2, totalMinor: 700_000 }));
        expect(core(await client.getReservation(created.reservationId))).toMatchObject({ pmsRoomTypeId: otherType(), ...moved, rooms: 1 });
        expect(sim.state.available(hotelId, roomTypeId, moved.checkIn)).toBe(total());
      });

      it('is idempotent: asking again for the stay it has changes nothing', async () => {
        const req = aReservation(roomTypeId, stayDates(270));
        const created = await client.createReservation(req);
        const wanted = change(req, stayDates(271));
        await client.modifyReservation(created.reservationId, wanted);
        const updatedAt = stored(req.externalId).updatedAt;
        await client.modifyReservation(created.reservationId, wanted);
        expect(stored(req.externalId).updatedAt).toBe(updatedAt);
        expect(stored(req.externalId)).toMatchObject(stayDates(271));
      });

      it('is refused as sold out when the new stay does not fit, and keeps the old stay', async () => {
        const req = aReservation(roomTypeId, stayDates(280, 1));
        const created = await client.createReservation(req);
        const error = await client.modifyReservation(created.reservationId, change(req, { rooms: total() + 1 })).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(PmsRejectedError);
        expect((error as PmsRejectedError).reason).toBe('sold_out');
        expect(stored(req.externalId)).toMatchObject({ checkIn: req.checkIn, checkOut: req.checkOut, rooms: 1 });
      });

      it('refuses to modify a cancelled reservation, and an unknown one is not found', async () => {
        const req = aReservation(roomTypeId, stayDates(285));
        const created = await client.createReservation(req);
        await client.cancelReservation(created.reservationId);
        const error = await client.modifyReservation(created.reservationId, change(req, stayDates(286))).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(PmsRejectedError);
        expect((error as PmsRejectedError).reason).toBe('invalid_request');
        await expect(client.modifyReservation('999999999', change(req))).rejects.toBeInstanceOf(PmsNotFoundError);
      });

      it('turns an injected error at pms.modify into PmsUnavailableError and changes nothing', async () => {
        const req = aReservation(roomTypeId, stayDates(290));
        const created = await client.createReservation(req);
        sim.faults.arm({ point: 'pms.modify', mode: 'error', times: 1 });
        await expect(client.modifyReservation(created.reservationId, change(req, stayDates(291)))).rejects.toBeInstanceOf(PmsUnavailableError);
        expect(stored(req.externalId)).toMatchObject({ checkIn: req.checkIn });
        expect(sim.faults.list()).toEqual([]);
      });

      it('modifies under a late fault: the client gives up, a look-up finds the new stay', async () => {
        const req = aReservation(roomTypeId, stayDates(295));
        const created = await client.createReservation(req);
        waits.hold = true;
        const giveUp = new AbortController();
        const late = setup.client(conn, { timeoutMs: 10_000, fetch: abortableFetch(giveUp.signal) });
        sim.faults.arm({ point: 'pms.modify', mode: 'late', times: 1 });
        const attempt = late.modifyReservation(created.reservationId, change(req, stayDates(296))).catch((e: unknown) => e);
        await expect.poll(() => waits.holding, { timeout: 10_000 }).toBe(1);
        giveUp.abort();
        expect(await attempt).toBeInstanceOf(PmsUnavailableError);
        waits.reset();
        expect(core(await client.findReservationByExternalId(req.externalId))).toMatchObject(stayDates(296));
      });
    });

    it('reports an unknown reservation as not found when cancelling', async () => {
      await expect(client.cancelReservation('999999999')).rejects.toBeInstanceOf(PmsNotFoundError);
    });

    it('turns a sold-out night into a rejection', async () => {
      const req = aReservation(roomTypeId, { ...stayDates(40), rooms: total() + 1, guests: 1 });

      const error = await client.createReservation(req).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(PmsRejectedError);
      expect((error as PmsRejectedError).reason).toBe('sold_out');
      expect(sim.state.reservations.filter((r) => r.externalId === req.externalId)).toHaveLength(0);
    });

    it('is refused as sold out beyond availability unless the PMS accepts overbooking, then reports the night as its vendor does', async () => {
      // Prepare: other channels leave one room on the night.
      const stay = stayDates(180, 1);
      await sim.createReservation(hotelId, { roomTypeId, ...stay, rooms: total() - 1, channel: 'ota' }, { notify: false });
      const req = aReservation(roomTypeId, { ...stay, rooms: 2, guests: 2 });

      // Act
      const refused = await client.createReservation(req).catch((e: unknown) => e);
      sim.setSettings(hotelId, { acceptsOverbooking: true });
      const accepted = await client.createReservation(req);
      const [night] = (await client.getNights(stay.checkIn, stay.checkIn)).filter((n) => n.pmsRoomTypeId === roomTypeId);

      // Assess
      expect(refused).toBeInstanceOf(PmsRejectedError);
      expect((refused as PmsRejectedError).reason).toBe('sold_out');
      expect(accepted).toMatchObject({ externalId: req.externalId, status: 'confirmed', rooms: 2 });
      expect(sim.state.reservations.filter((r) => r.externalId === req.externalId)).toHaveLength(1);
      expect(night).toMatchObject({ total: total(), available: setup.oversold === 'negative' ? -1 : 0 });
    });

    it('turns refused credentials into PmsAuthError', async () => {
      const bad = setup.client(setup.badCredentials(conn), { timeoutMs: 10_000 });

      await expect(bad.getHotel()).rejects.toBeInstanceOf(PmsAuthError);
      await expect(bad.getNights(stayDates(1).checkIn, stayDates(2).checkIn)).rejects.toBeInstanceOf(PmsAuthError);
    });

    it('turns an injected PMS error into PmsUnavailableError without booking anything', async () => {
      sim.faults.arm({ point: 'pms.details', mode: 'error', times: 1 });
      sim.faults.arm({ point: 'pms.confirm', mode: 'error', times: 1 });
      const req = aReservation(roomTypeId, stayDates(50));

      await expect(client.listRoomTypes()).rejects.toBeInstanceOf(PmsUnavailableError);
      await expect(client.createReservation(req)).rejects.toBeInstanceOf(PmsUnavailableError);

      expect(sim.state.reservations.filter((r) => r.externalId === req.externalId)).toHaveLength(0);
      expect(sim.faults.list()).toEqual([]);
    });

    it('gives up on a hanging PMS, and a retry finds the booking the PMS made after all', async () => {
      // Prepare: the PMS sits on the create (timeout fault, held), and the client gives up when told.
      waits.hold = true;
      const giveUp = new AbortController();
      const calls: PmsCallRecord[] = [];
      const impatient = setup.client(conn, { timeoutMs: 10_000, fetch: abortableFetch(giveUp.signal), onCall: (c) => calls.push(c) });
      sim.faults.arm({ point: 'pms.confirm', mode: 'timeout', times: 1 });
      const req = aReservation(roomTypeId, stayDates(60));

      // Act: the create hangs; the client gives up; then the PMS carries it out.
      const pending = impatient.createReservation(req).catch((e: unknown) => e);
      await expect.poll(() => waits.holding, { timeout: 10_000 }).toBe(1);
      const bookedWhileHanging = sim.state.reservations.filter((r) => r.externalId === req.externalId).length;
      giveUp.abort();
      const error = await pending;
      waits.release();
      await expect.poll(() => sim.state.reservations.filter((r) => r.externalId === req.externalId).length, { timeout: 10_000 }).toBe(1);
      const retried = await client.createReservation(req);

      // Assess
      expect(bookedWhileHanging).toBe(0);
      expect(error).toBeInstanceOf(PmsUnavailableError);
      expect(calls.filter((c) => !c.ok && c.status === undefined).map((c) => c.operation)).toEqual(['createReservation']);
      expect(retried.externalId).toBe(req.externalId);
      expect(sim.state.reservations.filter((r) => r.externalId === req.externalId)).toHaveLength(1);
    });

    it('books at once under a late fault while the answer waits: the client gives up, a look-up and a retry find the booking', async () => {
      // Prepare: `late` holds the answer (for the default two minutes); the client gives up when told.
      waits.hold = true;
      const giveUp = new AbortController();
      const impatient = setup.client(conn, { timeoutMs: 10_000, fetch: abortableFetch(giveUp.signal) });
      sim.faults.arm({ point: 'pms.confirm', mode: 'late', times: 1 });
      const req = aReservation(roomTypeId, stayDates(62));

      // Act
      const pending = impatient.createReservation(req).catch((e: unknown) => e);
      await expect.poll(() => waits.holding, { timeout: 10_000 }).toBe(1);
      const bookedBeforeAnswer = sim.state.reservations.filter((r) => r.externalId === req.externalId).length;
      giveUp.abort();
      const error = await pending;
      const found = await client.findReservationsByExternalId(req.externalId);
      const retried = await client.createReservation(req);

      // Assess
      expect(waits.asked).toContain(120_000);
      expect(bookedBeforeAnswer).toBe(1);
      expect(error).toBeInstanceOf(PmsUnavailableError);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ externalId: req.externalId, status: 'confirmed' });
      expect(retried.reservationId).toBe(found[0]!.reservationId);
      expect(sim.state.reservations.filter((r) => r.externalId === req.externalId)).toHaveLength(1);
      // One late create (the modification's late fault is a PUT of its own test).
      expect(sim.requests({ vendor: setup.vendor, method: 'POST' }).filter((r) => r.fault === 'late')).toHaveLength(1);
    });

    it('cancels under a late fault: the client gives up, the reservation is cancelled anyway, and cancelling again succeeds', async () => {
      const created = await client.createReservation(aReservation(roomTypeId, stayDates(64)));
      waits.hold = true;
      const giveUp = new AbortController();
      const impatient = setup.client(conn, { timeoutMs: 10_000, fetch: abortableFetch(giveUp.signal) });
      sim.faults.arm({ point: 'pms.cancel', mode: 'late', times: 1 });

      const pending = impatient.cancelReservation(created.reservationId).catch((e: unknown) => e);
      await expect.poll(() => waits.holding, { timeout: 10_000 }).toBe(1);
      giveUp.abort();
      const error = await pending;
      waits.reset();
      await client.cancelReservation(created.reservationId);

      expect(error).toBeInstanceOf(PmsUnavailableError);
      expect(sim.state.reservation(hotelId, created.reservationId)?.status).toBe('cancelled');
    });

    it('waits out injected latency and reports each call', async () => {
      const calls: PmsCallRecord[] = [];
      const observed = setup.client(conn, { timeoutMs: 10_000, onCall: (c) => calls.push(c) });
      sim.faults.arm({ point: 'pms.inventory', mode: 'latency', times: 1, delayMs: 300 });
      const date = stayDates(5).checkIn;

      const nights = await observed.getNights(date, date);

      // Assess: the delayed answer was waited for (the fault was used, the call succeeded) and
      // every HTTP call was reported with its outcome and a response time (how long is the
      // benchmark's business; the arithmetic is unit-tested in http.unit.test.ts).
      expect(nights.length).toBeGreaterThan(0);
      expect(waits.asked).toEqual([300]);
      expect(calls.filter((c) => c.operation === 'getNights' && c.ok).length).toBeGreaterThan(0);
      expect(calls.every((c) => c.vendor === setup.vendor && c.status === 200 && c.durationMs >= 0)).toBe(true);
    });

    it('waits out a 429 on reads as Retry-After asks, at most twice, and never longer than it allows', async () => {
      // Prepare: a client whose sleeps are recorded, not waited.
      const slept: number[] = [];
      const patient = setup.client(conn, { timeoutMs: 10_000, sleep: async (ms) => void slept.push(ms) });

      // Act
      sim.rateLimitNext(2, { retryAfterSeconds: 2, vendor: setup.vendor });
      const roomTypes = await patient.listRoomTypes();
      const sleptAfterSuccess = [...slept];
      sim.rateLimitNext(3, { retryAfterSeconds: 1, vendor: setup.vendor });
      const exhausted = await patient.listRoomTypes().catch((e: unknown) => e);
      sim.rateLimitNext(1, { retryAfterSeconds: 30, vendor: setup.vendor });
      const tooLong = await patient.findReservationsByExternalId('bk_any').catch((e: unknown) => e);
      sim.rateLimitNext(0);

      // Assess
      expect(roomTypes.length).toBeGreaterThan(0);
      expect(sleptAfterSuccess).toEqual([2_000, 2_000]);
      expect(exhausted).toBeInstanceOf(PmsRateLimitedError);
      expect((exhausted as PmsRateLimitedError).retryAfterMs).toBe(1_000);
      expect(tooLong).toBeInstanceOf(PmsRateLimitedError);
      expect((tooLong as PmsRateLimitedError).retryAfterMs).toBe(30_000);
      expect(slept).toEqual([2_000, 2_000, 1_000, 1_000]);
    });

    it('answers a 429 on a state-changing call with PmsRateLimitedError at once, and changes nothing', async () => {
      const slept: number[] = [];
      const patient = setup.client(conn, { timeoutMs: 10_000, sleep: async (ms) => void slept.push(ms) });
      const created = await patient.createReservation(aReservation(roomTypeId, stayDates(66)));

      sim.rateLimitNext(1, { retryAfterSeconds: 2, vendor: setup.vendor });
      const error = await patient.cancelReservation(created.reservationId).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(PmsRateLimitedError);
      expect((error as PmsRateLimitedError).code).toBe('PMS_RATE_LIMITED');
      expect((error as PmsRateLimitedError).retryAfterMs).toBe(2_000);
      expect(slept).toEqual([]);
      expect(sim.state.reservation(hotelId, created.reservationId)?.status).toBe('confirmed');
    });
  });
}
