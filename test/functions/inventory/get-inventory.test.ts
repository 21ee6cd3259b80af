import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as getInventory } from '../../../functions/inventory/get-inventory.ts';
import { addDays } from '../../../shared/domain/dates.ts';
import { newNight } from '../../../shared/domain/inventory.ts';
import { routes } from '../../../shared/http/route-table.ts';
import { SIM_PMS_HOTEL_IDS } from '../../../local/simulators/pms/pms-simulator.ts';
import { httpEvent, invoke } from '../../support/events.ts';
import { aHotel, aRoomType, nights } from '../../support/fixtures.ts';
import { startPmsSyncFixture, type PmsSyncFixture } from '../../shared/use-cases/pms/polling/pms-sync-fixture.ts';

/**
 * Inventory reads for hotels with a PMS: nights never synced are fetched live and written through;
 * a PMS that is down, slow or behind an open circuit never turns a read into a 5xx.
 */
describe('GET /api/inventory/{hotelId}/{roomTypeId} with a PMS behind it', () => {
  let f: PmsSyncFixture;

  beforeAll(async () => {
    f = await startPmsSyncFixture();
  });

  afterAll(async () => {
    await f.stop();
  });

  beforeEach(() => {
    f.faults.clear();
    f.metrics.length = 0;
  });

  const read = (hotelId: string, startDate: string, endDate: string, roomTypeId = 'rt_ocean_double') =>
    invoke(getInventory, httpEvent(routes.getInventory, { params: { hotelId, roomTypeId }, query: { startDate, endDate } }));

  /** The first `days` nights from today, as a poll would have stored them. */
  async function storeFirstNights(hotelId: string, days: number, total = 12, syncedAt?: string) {
    const stamp = f.now().toISOString();
    await f.container.inventory.createNights(
      Array.from({ length: days }, (_, i) =>
        newNight({ hotelId, roomTypeId: 'rt_ocean_double', date: addDays(f.today(), i), total, priceMinor: 100_000, currency: 'KRW', now: stamp, ...(syncedAt ? { syncedAt } : {}) }),
      ),
    );
  }

  it('fetches never-synced nights from the PMS, writes them through and serves them fresh', async () => {
    await f.addPmsHotel('htl_read_live');
    await storeFirstNights('htl_read_live', 3);
    const gap = addDays(f.today(), 5);
    await f.sim.setTotal(SIM_PMS_HOTEL_IDS.generic, 'ocean-double', gap, 4);
    const before = f.sim.requests({ vendor: 'generic', pathIncludes: '/nights' }).length;

    const res = await read('htl_read_live', f.today(), addDays(f.today(), 9));

    expect(res.statusCode).toBe(200);
    expect(res.body.data.map((n: { date: string }) => n.date)).toEqual(Array.from({ length: 10 }, (_, i) => addDays(f.today(), i)));
    expect(res.body.data.every((n: { stale: boolean }) => n.stale === false)).toBe(true);
    expect(res.body.data[5]).toMatchObject({ date: gap, total: 4, sellLimit: 4, available: 4 });
    const calls = f.sim.requests({ vendor: 'generic', pathIncludes: '/nights' }).slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.path).toContain('/nights');
    const stored = await f.container.inventory.getNights('htl_read_live', 'rt_ocean_double', gap, gap);
    expect(stored[0]).toMatchObject({ total: 4, syncedAt: expect.any(String) });
    expect(f.metrics).toContainEqual({ name: 'PmsLiveReadSucceeded', vendor: 'generic', value: 1 });
  });

  it('does not call the PMS when every night of the range is stored', async () => {
    await f.addPmsHotel('htl_read_complete');
    await storeFirstNights('htl_read_complete', 5);
    const before = f.nightRequests();

    const res = await read('htl_read_complete', f.today(), addDays(f.today(), 4));

    expect(res.statusCode).toBe(200);
    expect(res.body.data).toHaveLength(5);
    expect(f.nightRequests()).toBe(before);
  });

  it('PMS down: answers 200 with the nights it has, each stale, and counts the failure on the circuit', async () => {
    const config = await f.addPmsHotel('htl_read_down');
    await storeFirstNights('htl_read_down', 3);
    f.faults.arm({ point: 'pms.inventory', mode: 'error', times: 1 });

    const res = await read('htl_read_down', f.today(), addDays(f.today(), 9));

    expect(res.statusCode).toBe(200);
    expect(res.body.data).toHaveLength(3);
    expect(res.body.data.every((n: { stale: boolean }) => n.stale === true)).toBe(true);
    expect((await f.container.pmsConfigs.get(config.configId))!.circuit).toEqual({ state: 'CLOSED', failures: 1 });
    expect(f.metrics).toContainEqual({ name: 'PmsLiveReadFailed', vendor: 'generic', value: 1 });
    expect(f.metrics).toContainEqual({ name: 'PmsStaleInventoryServed', vendor: 'generic', value: 1 });
  });

  it('PMS slow: gives up after the read budget and serves stale nights', async () => {
    // Prepare: a PMS that holds the request for two minutes, far beyond this test's own timeout,
    // so the read can only answer by giving up on it.
    const config = await f.addPmsHotel('htl_read_slow');
    await storeFirstNights('htl_read_slow', 2);
    f.faults.arm({ point: 'pms.inventory', mode: 'timeout', times: 1, delayMs: 120_000 });

    // Act
    const res = await read('htl_read_slow', f.today(), addDays(f.today(), 4));

    // Assess: answered with what was stored, marked stale, and the slow call counted against the PMS.
    expect(res.statusCode).toBe(200);
    expect(res.body.data.map((n: { stale: boolean }) => n.stale)).toEqual([true, true]);
    expect((await f.container.pmsConfigs.get(config.configId))!.circuit).toEqual({ state: 'CLOSED', failures: 1 });
    expect(f.metrics).toContainEqual({ name: 'PmsLiveReadFailed', vendor: 'generic', value: 1 });
  });

  it('five failed reads open the circuit; then reads do not call the PMS at all and still answer', async () => {
    const config = await f.addPmsHotel('htl_read_trip');
    await storeFirstNights('htl_read_trip', 2);
    f.faults.arm({ point: 'pms.inventory', mode: 'error', times: 5 });
    for (let i = 0; i < 5; i++) await read('htl_read_trip', f.today(), addDays(f.today(), 4));
    const before = f.nightRequests();

    const res = await read('htl_read_trip', f.today(), addDays(f.today(), 4));

    expect((await f.container.pmsConfigs.get(config.configId))!.circuit).toMatchObject({ state: 'OPEN', failures: 5 });
    expect(f.metrics.filter((m) => m.name === 'PmsCircuitOpened')).toHaveLength(1);
    expect(res.statusCode).toBe(200);
    expect(res.body.data.map((n: { stale: boolean }) => n.stale)).toEqual([true, true]);
    expect(f.nightRequests()).toBe(before);
  });

  it('circuit open: no PMS call, stored nights served stale', async () => {
    await f.addPmsHotel('htl_read_open', { config: { circuit: { state: 'OPEN', failures: 5, openedAt: f.now().toISOString() } } });
    await storeFirstNights('htl_read_open', 3);
    const before = f.nightRequests();

    const res = await read('htl_read_open', f.today(), addDays(f.today(), 6));

    expect(res.statusCode).toBe(200);
    expect(res.body.data.map((n: { stale: boolean }) => n.stale)).toEqual([true, true, true]);
    expect(f.nightRequests()).toBe(before);
  });

  it('circuit half-open after 60 s: the read is the trial, and its success closes the circuit', async () => {
    const config = await f.addPmsHotel('htl_read_trial', { config: { circuit: { state: 'OPEN', failures: 5, openedAt: f.now().toISOString() } } });
    await storeFirstNights('htl_read_trial', 1);
    f.advance(61_000);

    const res = await read('htl_read_trial', f.today(), addDays(f.today(), 3));

    expect(res.body.data.map((n: { stale: boolean }) => n.stale)).toEqual([false, false, false, false]);
    expect((await f.container.pmsConfigs.get(config.configId))!.circuit).toEqual({ state: 'CLOSED', failures: 0 });
  });

  it('circuit open with nothing missing: only nights the PMS has not confirmed lately are stale', async () => {
    await f.addPmsHotel('htl_read_degraded', { config: { pollingIntervalSeconds: 300, circuit: { state: 'OPEN', failures: 5, openedAt: f.now().toISOString() } } });
    const recent = new Date(f.now().getTime() - 60_000).toISOString();
    const old = new Date(f.now().getTime() - 3_600_000).toISOString();
    await f.container.inventory.createNights([
      newNight({ hotelId: 'htl_read_degraded', roomTypeId: 'rt_ocean_double', date: f.today(), total: 5, priceMinor: 1, currency: 'KRW', now: recent, syncedAt: recent }),
      newNight({ hotelId: 'htl_read_degraded', roomTypeId: 'rt_ocean_double', date: addDays(f.today(), 1), total: 5, priceMinor: 1, currency: 'KRW', now: old, syncedAt: old }),
      newNight({ hotelId: 'htl_read_degraded', roomTypeId: 'rt_ocean_double', date: addDays(f.today(), 2), total: 5, priceMinor: 1, currency: 'KRW', now: old }),
    ]);

    const res = await read('htl_read_degraded', f.today(), addDays(f.today(), 2));

    expect(res.statusCode).toBe(200);
    expect(res.body.data.map((n: { stale: boolean }) => n.stale)).toEqual([false, true, true]);
  });

  it('a hotel without a PMS config reads as before: stored nights only, never stale', async () => {
    await f.container.catalog.putHotel(aHotel({ hotelId: 'htl_no_pms' }));
    await f.container.catalog.putRoomType(aRoomType({ hotelId: 'htl_no_pms', roomTypeId: 'rt_ocean_double' }));
    await f.container.inventory.createNights(nights('htl_no_pms', 'rt_ocean_double', f.today(), addDays(f.today(), 1)));
    const before = f.nightRequests();

    const res = await read('htl_no_pms', f.today(), addDays(f.today(), 5));

    expect(res.statusCode).toBe(200);
    expect(res.body.data.map((n: { stale: boolean }) => n.stale)).toEqual([false, false]);
    expect(f.nightRequests()).toBe(before);
  });

  it('does not ask the PMS for nights already in the past', async () => {
    await f.addPmsHotel('htl_read_past');
    const before = f.nightRequests();

    const res = await read('htl_read_past', addDays(f.today(), -10), addDays(f.today(), -1));

    expect(res.statusCode).toBe(200);
    expect(res.body.data).toEqual([]);
    expect(f.nightRequests()).toBe(before);
  });
});
