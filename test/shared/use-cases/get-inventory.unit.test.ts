import { describe, expect, it } from 'vitest';
import { CIRCUIT_COOL_DOWN_MS } from '../../../shared/domain/circuit-breaker.ts';
import { addDays } from '../../../shared/domain/dates.ts';
import { NotFoundError, ValidationError } from '../../../shared/domain/errors.ts';
import { newNight } from '../../../shared/domain/inventory.ts';
import { PmsUnavailableError } from '../../../shared/domain/pms-errors.ts';
import { getInventory } from '../../../shared/use-cases/get-inventory.use-case.ts';
import { DEFAULT_LIVE_READ_TIMEOUT_MS } from '../../../shared/use-cases/pms/polling/read-through.ts';
import { aHotel, aRoomType } from '../../support/fixtures.ts';
import { NOW, TODAY, pmsSyncWorld, type PmsSyncWorld } from './pms/polling/pms-sync-world.ts';

const day = (n: number) => addDays(TODAY, n);

/** The first `days` nights of `rt_ocean` from today, as a poll stored them `syncedAt`. */
function storeNights(w: PmsSyncWorld, hotelId: string, days: number, syncedAt = NOW) {
  w.inventory.seed(
    Array.from({ length: days }, (_, i) =>
      newNight({ hotelId, roomTypeId: 'rt_ocean', date: day(i), total: 12, priceMinor: 100_000, currency: 'KRW', now: NOW, syncedAt }),
    ),
  );
}

const read = (w: PmsSyncWorld, hotelId: string, from: string, to: string, live = true) =>
  getInventory({ catalog: w.catalog, inventory: w.inventory, ...(live ? { live: w.deps } : {}) }, { hotelId, roomTypeId: 'rt_ocean', startDate: from, endDate: to });

describe('getInventory', () => {
  it.each([
    ['an end before the start', day(5), day(4)],
    ['more than 366 days', day(0), day(366)],
  ])('refuses %s with a ValidationError on query.endDate', async (_what, from, to) => {
    const w = pmsSyncWorld();
    await w.addPmsHotel('htl_1');

    const error = await read(w, 'htl_1', from, to).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details).toEqual([expect.objectContaining({ field: 'query.endDate' })]);
  });

  it('answers 404 for a room type that does not exist', async () => {
    const w = pmsSyncWorld();

    await expect(read(w, 'htl_none', day(0), day(1))).rejects.toBeInstanceOf(NotFoundError);
  });

  it('answers 404 for a deactivated room type, as its checkout does, even with nights stored', async () => {
    const w = pmsSyncWorld();
    await w.addPmsHotel('htl_1');
    storeNights(w, 'htl_1', 2);
    await w.catalog.putRoomType(aRoomType({ hotelId: 'htl_1', roomTypeId: 'rt_ocean', pmsRoomTypeId: 'ocean-double', isActive: false }));

    await expect(read(w, 'htl_1', day(0), day(1))).rejects.toBeInstanceOf(NotFoundError);
  });

  it('without live reads serves what is stored, fresh, and leaves unknown nights out', async () => {
    const w = pmsSyncWorld();
    await w.addPmsHotel('htl_1');
    storeNights(w, 'htl_1', 2);

    const served = await read(w, 'htl_1', day(0), day(4), false);

    expect(served.map((n) => [n.date, n.stale])).toEqual([[day(0), false], [day(1), false]]);
  });

  it('for a hotel without a PMS serves what is stored and calls nothing', async () => {
    const w = pmsSyncWorld();
    w.catalog.seed({ hotel: aHotel({ hotelId: 'htl_plain' }), roomTypes: [aRoomType({ hotelId: 'htl_plain', roomTypeId: 'rt_ocean' })] });

    const served = await read(w, 'htl_plain', day(0), day(4));

    expect(served).toEqual([]);
    expect(w.configs.patches).toEqual([]);
  });

  it('does not call the PMS when every night is stored and the circuit is closed', async () => {
    const w = pmsSyncWorld();
    const { pms } = await w.addPmsHotel('htl_1');
    storeNights(w, 'htl_1', 5);

    const served = await read(w, 'htl_1', day(0), day(4));

    expect(served.every((n) => !n.stale)).toBe(true);
    expect(pms.calls).toEqual([]);
  });

  it('fetches never-synced nights from the PMS, writes them through and serves them fresh', async () => {
    // Prepare: three nights stored; the PMS knows 7 rooms at 120,000 for every night.
    const w = pmsSyncWorld();
    const { pms } = await w.addPmsHotel('htl_1');
    storeNights(w, 'htl_1', 3);

    // Act
    const served = await read(w, 'htl_1', day(0), day(9));

    // Assess: one PMS call from the first gap; the gaps are now stored for the room type asked only.
    expect(pms.callsOf('getNights')).toEqual([[day(3), day(9)]]);
    expect(served.map((n) => n.date)).toEqual(Array.from({ length: 10 }, (_, i) => day(i)));
    expect(served.every((n) => !n.stale)).toBe(true);
    expect(served[5]).toMatchObject({ total: 7, sellLimit: 7, priceMinor: 120_000, syncedAt: NOW });
    expect(served[0]).toMatchObject({ total: 12 });
    expect(await w.inventory.getNights('htl_1', 'rt_villa', day(0), day(9))).toEqual([]);
    expect(w.metrics.of('PmsLiveReadSucceeded')).toEqual([{ name: 'PmsLiveReadSucceeded', vendor: 'generic', value: 1 }]);
  });

  it('does not fetch nights already past in the hotel\'s calendar', async () => {
    const w = pmsSyncWorld();
    const { pms } = await w.addPmsHotel('htl_1');

    await read(w, 'htl_1', day(-5), day(-1));

    expect(pms.callsOf('getNights')).toEqual([]);
  });

  it('PMS down: serves the nights it has, each stale, and counts the failure on the circuit', async () => {
    // Prepare
    const w = pmsSyncWorld();
    const { pms, config } = await w.addPmsHotel('htl_1');
    storeNights(w, 'htl_1', 3);
    pms.failures.arm('getNights', new PmsUnavailableError('down', { vendor: 'generic' }));

    // Act
    const served = await read(w, 'htl_1', day(0), day(9));

    // Assess
    expect(served.map((n) => n.stale)).toEqual([true, true, true]);
    expect((await w.configs.get(config.configId))!.circuit).toEqual({ state: 'CLOSED', failures: 1 });
    expect(w.metrics.of('PmsLiveReadFailed')).toHaveLength(1);
    expect(w.metrics.of('PmsStaleInventoryServed')).toEqual([{ name: 'PmsStaleInventoryServed', vendor: 'generic', value: 1 }]);
  });

  it('PMS slower than the read budget: gives up when the budget runs out and serves stale', async () => {
    // Prepare: the PMS would answer after 10 s of (virtual) time.
    const w = pmsSyncWorld();
    const { pms, config } = await w.addPmsHotel('htl_1');
    storeNights(w, 'htl_1', 2);
    pms.latencyMs = 10_000;

    // Act
    const served = await read(w, 'htl_1', day(0), day(4));

    // Assess: the read returned at the budget, before the PMS answered, and counted a failure.
    expect(w.clock.nowMs() - Date.parse(NOW)).toBe(DEFAULT_LIVE_READ_TIMEOUT_MS);
    expect(served.map((n) => n.stale)).toEqual([true, true]);
    expect((await w.configs.get(config.configId))!.circuit.failures).toBe(1);
    expect(await w.inventory.getNights('htl_1', 'rt_ocean', day(2), day(4))).toEqual([]);
  });

  it('a PMS that answers within the budget is waited for', async () => {
    const w = pmsSyncWorld();
    const { pms } = await w.addPmsHotel('htl_1');
    pms.latencyMs = DEFAULT_LIVE_READ_TIMEOUT_MS - 1;

    const served = await read(w, 'htl_1', day(0), day(1));

    expect(served.map((n) => [n.total, n.stale])).toEqual([[7, false], [7, false]]);
  });

  it('five failed reads open the circuit; then reads do not call the PMS at all and still answer', async () => {
    // Prepare
    const w = pmsSyncWorld();
    const { pms, config } = await w.addPmsHotel('htl_1');
    storeNights(w, 'htl_1', 2);
    pms.failures.arm('getNights', () => new PmsUnavailableError('down', { vendor: 'generic' }), { times: 5 });
    for (let i = 0; i < 5; i++) await read(w, 'htl_1', day(0), day(4));
    const callsBefore = pms.calls.length;

    // Act
    const served = await read(w, 'htl_1', day(0), day(4));

    // Assess
    expect((await w.configs.get(config.configId))!.circuit).toMatchObject({ state: 'OPEN', failures: 5, openedAt: NOW });
    expect(w.metrics.of('PmsCircuitOpened')).toHaveLength(1);
    expect(served.map((n) => n.stale)).toEqual([true, true]);
    expect(pms.calls.length).toBe(callsBefore);
  });

  it('after the cool-down one trial read goes through and closes the circuit', async () => {
    // Prepare
    const w = pmsSyncWorld();
    const { pms, config } = await w.addPmsHotel('htl_1', { circuit: { state: 'OPEN', failures: 5, openedAt: NOW } });
    w.clock.advance(CIRCUIT_COOL_DOWN_MS);

    // Act
    const served = await read(w, 'htl_1', day(0), day(1));

    // Assess
    expect(pms.callsOf('getNights')).toHaveLength(1);
    expect(served.every((n) => !n.stale)).toBe(true);
    expect((await w.configs.get(config.configId))!.circuit).toEqual({ state: 'CLOSED', failures: 0 });
  });

  it('circuit not closed but nothing missing: only nights the PMS has not confirmed lately are stale', async () => {
    // Prepare: polled every 300 s; one night synced just now, one 11 minutes ago.
    const w = pmsSyncWorld();
    await w.addPmsHotel('htl_1', { circuit: { state: 'OPEN', failures: 5, openedAt: NOW }, pollingIntervalSeconds: 300 });
    storeNights(w, 'htl_1', 1, NOW);
    w.inventory.seed([newNight({ hotelId: 'htl_1', roomTypeId: 'rt_ocean', date: day(1), total: 12, priceMinor: 100_000, currency: 'KRW', now: NOW, syncedAt: '2026-02-28T23:49:00.000Z' })]);

    // Act
    const served = await read(w, 'htl_1', day(0), day(1));

    // Assess
    expect(served.map((n) => [n.date, n.stale])).toEqual([[day(0), false], [day(1), true]]);
    expect(w.metrics.of('PmsStaleInventoryServed')).toHaveLength(1);
  });

  it('credentials that no longer open: serves what it has, stale, instead of failing', async () => {
    const w = pmsSyncWorld();
    await w.addPmsHotel('htl_1');
    storeNights(w, 'htl_1', 1);
    w.pmsClients.failures.arm('forConfig', new Error('Unsupported state or unable to authenticate data'));

    const served = await read(w, 'htl_1', day(0), day(3));

    expect(served.map((n) => n.stale)).toEqual([true]);
  });
});
