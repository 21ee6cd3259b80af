import { describe, expect, it } from 'vitest';
import { addDays } from '../../../../../shared/domain/dates.ts';
import { MAX_LIVE_READ_DAYS, readThroughMissingNights } from '../../../../../shared/use-cases/pms/polling/read-through.ts';
import { NOW, TODAY, pmsSyncWorld } from './pms-sync-world.ts';

describe('readThroughMissingNights', () => {
  it(`fetches at most ${MAX_LIVE_READ_DAYS} nights from the first gap, for the room type asked only`, async () => {
    // Prepare
    const w = pmsSyncWorld();
    const { pms } = await w.addPmsHotel('htl_1');
    const roomType = (await w.catalog.getRoomType('htl_1', 'rt_ocean'))!;

    // Act
    const outcome = await readThroughMissingNights(w.deps, { roomType, startDate: TODAY, endDate: addDays(TODAY, 200), stored: [] });

    // Assess
    expect(outcome).toEqual({ kind: 'fetched' });
    expect(pms.callsOf('getNights')).toEqual([[TODAY, addDays(TODAY, MAX_LIVE_READ_DAYS - 1)]]);
    expect(await w.inventory.getNights('htl_1', 'rt_ocean', TODAY, addDays(TODAY, 200))).toHaveLength(MAX_LIVE_READ_DAYS);
    expect(await w.inventory.getNights('htl_1', 'rt_villa', TODAY, addDays(TODAY, 200))).toEqual([]);
  });

  it('a custom budget is what the read waits, in the injected time', async () => {
    const w = pmsSyncWorld();
    const { pms } = await w.addPmsHotel('htl_1');
    pms.latencyMs = 2_000;
    const roomType = (await w.catalog.getRoomType('htl_1', 'rt_ocean'))!;

    const outcome = await readThroughMissingNights({ ...w.deps, liveReadTimeoutMs: 300 }, { roomType, startDate: TODAY, endDate: TODAY, stored: [] });

    expect(outcome).toEqual({ kind: 'unavailable', reason: 'pms_failed', vendor: 'generic' });
    expect(w.clock.nowMs() - Date.parse(NOW)).toBe(300);
  });

  it('an open circuit is not even tried', async () => {
    const w = pmsSyncWorld();
    const { pms } = await w.addPmsHotel('htl_1', { circuit: { state: 'OPEN', failures: 5, openedAt: NOW } });
    const roomType = (await w.catalog.getRoomType('htl_1', 'rt_ocean'))!;

    const outcome = await readThroughMissingNights(w.deps, { roomType, startDate: TODAY, endDate: TODAY, stored: [] });

    expect(outcome).toEqual({ kind: 'unavailable', reason: 'circuit_open', vendor: 'generic' });
    expect(pms.calls).toEqual([]);
  });

  it('an inactive config, or a room type the PMS does not map, needs nothing', async () => {
    const w = pmsSyncWorld();
    await w.addPmsHotel('htl_1', { isActive: false });
    const roomType = (await w.catalog.getRoomType('htl_1', 'rt_ocean'))!;

    const inactive = await readThroughMissingNights(w.deps, { roomType, startDate: TODAY, endDate: TODAY, stored: [] });
    const unmapped = await readThroughMissingNights(w.deps, { roomType: { ...roomType, pmsRoomTypeId: undefined }, startDate: TODAY, endDate: TODAY, stored: [] });

    expect([inactive, unmapped]).toEqual([{ kind: 'none' }, { kind: 'none' }]);
  });

  it('storage trouble on the way is served as unavailable, never thrown', async () => {
    const w = pmsSyncWorld();
    await w.addPmsHotel('htl_1');
    const roomType = (await w.catalog.getRoomType('htl_1', 'rt_ocean'))!;
    w.deps.configs.findByHotel = () => Promise.reject(new Error('DynamoDB throttled'));

    const outcome = await readThroughMissingNights(w.deps, { roomType, startDate: TODAY, endDate: TODAY, stored: [] });

    expect(outcome).toEqual({ kind: 'unavailable', reason: 'error' });
  });
});
