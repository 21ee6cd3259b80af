import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, datesInclusive, todayIn } from '../../../../shared/domain/dates.ts';
import type { PmsReservationRequest, PmsVendor } from '../../../../shared/domain/pms.ts';
import { PmsAuthError, PmsNotFoundError, PmsRateLimitedError, PmsRejectedError, PmsUnavailableError } from '../../../../shared/domain/pms-errors.ts';
import type { PmsCallRecord, PmsClient, PmsConnection } from '../../../../shared/ports/pms.port.ts';
import type { PmsAdapterOptions } from '../../../../shared/adapters/pms/http.ts';
import { startPmsSimulator, type PmsSimulator } from '../../../../local/simulators/pms/pms-simulator.ts';
import { simPriceFor } from '../../../../local/simulators/pms/sim-hotels.ts';

/**
 * The behaviour every `PmsClient` must show, run against the simulated PMS over real HTTP on a
 * loopback port. Each adapter's contract file calls this with a way to build its client, then
 * adds what only that vendor has (rate limits, tokens, windows, holds).
 */
export interface ContractSetup {
  vendor: PmsVendor;
  /** Builds the adapter under test for a connection. */
  client(conn: PmsConnection, options?: PmsAdapterOptions): PmsClient;
  /** The same connection with credentials the PMS refuses. */
  badCredentials(conn: PmsConnection): PmsConnection;
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

export function describePmsContract(setup: ContractSetup): void {
  describe(`${setup.vendor} adapter contract (simulated PMS over HTTP)`, () => {
    let sim: PmsSimulator;
    let conn: PmsConnection;
    let client: PmsClient;
    let roomTypeId: string;
    let hotelId: string;

    beforeAll(async () => {
      sim = await startPmsSimulator();
      conn = sim.connection(setup.vendor);
      client = setup.client(conn, { timeoutMs: 5_000 });
      hotelId = conn.pmsHotelId;
      roomTypeId = [...sim.state.hotel(hotelId)!.roomTypes][0]!.pmsRoomTypeId;
    });

    afterAll(async () => {
      await sim.stop();
    });

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

    it('returns every room type on every night of a range, end included, with totals and prices', async () => {
      const start = addDays(todayIn(HOTEL_ZONE), 3);
      const end = addDays(start, 6);
      const rts = sim.state.hotel(hotelId)!.roomTypes;

      const nights = await client.getNights(start, end);

      expect(nights).toHaveLength(7 * rts.length);
      for (const rt of rts) {
        const mine = nights.filter((n) => n.pmsRoomTypeId === rt.pmsRoomTypeId);
        expect(mine.map((n) => n.date)).toEqual(datesInclusive(start, end));
        for (const n of mine) {
          expect(n).toMatchObject({ total: rt.total, priceMinor: simPriceFor(rt.priceMinor, n.date), currency: 'KRW' });
        }
      }
    });

    it('creates a reservation once per external id, however often it is asked', async () => {
      const req = aReservation(roomTypeId);
      const before = sim.state.available(hotelId, roomTypeId, req.checkIn);

      const first = await client.createReservation(req);
      const retry = await client.createReservation(req);
      const [concurrentA, concurrentB] = await Promise.all([client.createReservation(req), client.createReservation(req)]);

      expect(first).toMatchObject({ externalId: req.externalId, status: 'confirmed' });
      expect(first.reservationId).not.toBe('');
      expect(first.confirmationNumber).not.toBe('');
      expect(retry).toEqual(first);
      expect(concurrentA).toEqual(first);
      expect(concurrentB).toEqual(first);
      expect(sim.state.reservations.filter((r) => r.externalId === req.externalId)).toHaveLength(1);
      expect(sim.state.available(hotelId, roomTypeId, req.checkIn)).toBe(before - 1);
    });

    it('finds a reservation by external id, and nothing for an unknown one', async () => {
      const req = aReservation(roomTypeId, stayDates(20));
      const created = await client.createReservation(req);

      const found = await client.findReservationByExternalId(req.externalId);
      const missing = await client.findReservationByExternalId(`bk_${randomUUID()}`);

      expect(found).toEqual(created);
      expect(missing).toBeUndefined();
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

    it('reports an unknown reservation as not found when cancelling', async () => {
      await expect(client.cancelReservation('999999999')).rejects.toBeInstanceOf(PmsNotFoundError);
    });

    it('turns a sold-out night into a rejection', async () => {
      const total = sim.state.hotel(hotelId)!.roomTypes[0]!.total;
      const req = aReservation(roomTypeId, { ...stayDates(40), rooms: total + 1, guests: 1 });

      const error = await client.createReservation(req).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(PmsRejectedError);
      expect((error as PmsRejectedError).reason).toBe('sold_out');
      expect(sim.state.reservations.filter((r) => r.externalId === req.externalId)).toHaveLength(0);
    });

    it('turns refused credentials into PmsAuthError', async () => {
      const bad = setup.client(setup.badCredentials(conn), { timeoutMs: 5_000 });

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

    it('times out a hanging PMS, and a retry finds the booking the PMS made anyway', async () => {
      // Prepare: the PMS will sit on the create for 800 ms, the adapter waits 250 ms.
      const calls: PmsCallRecord[] = [];
      const impatient = setup.client(conn, { timeoutMs: 250, onCall: (c) => calls.push(c) });
      sim.faults.arm({ point: 'pms.confirm', mode: 'timeout', times: 1, delayMs: 800 });
      const req = aReservation(roomTypeId, stayDates(60));

      // Act
      const error = await impatient.createReservation(req).catch((e: unknown) => e);
      await expect.poll(() => sim.state.reservations.filter((r) => r.externalId === req.externalId).length, { timeout: 10_000 }).toBe(1);
      const retried = await impatient.createReservation(req);

      // Assess: the create was abandoned by our 250 ms timeout (not refused, not answered); the
      // retry found the booking the PMS made anyway.
      expect(error).toBeInstanceOf(PmsUnavailableError);
      expect((error as PmsUnavailableError).message).toMatch(/did not answer .* within 250 ms$/);
      expect(((error as PmsUnavailableError).cause as Error).name).toBe('TimeoutError');
      const abandoned = calls.filter((c) => !c.ok && c.status === undefined);
      expect(abandoned).toHaveLength(1);
      expect(abandoned[0]!.operation).toBe('createReservation');
      expect(retried.externalId).toBe(req.externalId);
      expect(sim.state.reservations.filter((r) => r.externalId === req.externalId)).toHaveLength(1);
    });

    it('waits out injected latency and reports the response time of each call', async () => {
      const calls: PmsCallRecord[] = [];
      const observed = setup.client(conn, { timeoutMs: 5_000, onCall: (c) => calls.push(c) });
      sim.faults.arm({ point: 'pms.inventory', mode: 'latency', times: 1, delayMs: 300 });
      const date = stayDates(5).checkIn;

      const nights = await observed.getNights(date, date);

      // Assess: the delayed answer was waited for (the fault was used, the call succeeded) and
      // every HTTP call was reported with its outcome and a response time (how long is the
      // benchmark's business; the arithmetic is unit-tested in http.unit.test.ts).
      expect(nights.length).toBeGreaterThan(0);
      expect(sim.faults.list()).toEqual([]);
      const inventoryCalls = calls.filter((c) => c.operation === 'getNights' && c.ok);
      expect(inventoryCalls.length).toBeGreaterThan(0);
      expect(calls.every((c) => c.vendor === setup.vendor && c.status === 200 && Number.isFinite(c.durationMs) && c.durationMs >= 0)).toBe(true);
    });

    it('turns HTTP 429 into PmsRateLimitedError with the Retry-After delay', async () => {
      sim.rateLimitNext(1, { retryAfterSeconds: 2, vendor: setup.vendor });

      const error = await client.listRoomTypes().catch((e: unknown) => e);

      expect(error).toBeInstanceOf(PmsRateLimitedError);
      expect((error as PmsRateLimitedError).retryAfterMs).toBe(2_000);
      expect((error as PmsRateLimitedError).code).toBe('PMS_RATE_LIMITED');
    });
  });
}
