import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../../../../shared/domain/dates.ts';
import { getInventory } from '../../../../../shared/use-cases/get-inventory.use-case.ts';
import { MAX_LIVE_READ_DAYS, readThroughMissingNights } from '../../../../../shared/use-cases/pms/polling/read-through.ts';
import { startPmsSyncFixture, type PmsSyncFixture } from './pms-sync-fixture.ts';

describe('live reads of never-synced nights (use case) against DynamoDB Local and the PMS simulator', () => {
  let f: PmsSyncFixture;

  beforeAll(async () => {
    f = await startPmsSyncFixture();
  });

  afterAll(async () => {
    await f.stop();
  });

  beforeEach(() => {
    f.faults.clear();
  });

  const inventoryDeps = (liveReadTimeoutMs?: number) => ({
    catalog: f.container.catalog,
    inventory: f.container.inventory,
    live: { ...f.deps(), ...(liveReadTimeoutMs ? { liveReadTimeoutMs } : {}) },
  });

  it('gives up on a PMS slower than the read budget, well before the adapter would', async () => {
    // Prepare: the PMS answers after 1.8 s, inside the adapter's 2 s timeout (the fixture's
    // PMS_TIMEOUT_MS), so only the read's 300 ms budget can make the read serve nothing.
    const config = await f.addPmsHotel('htl_uc_slow');
    f.faults.arm({ point: 'pms.inventory', mode: 'latency', times: 1, delayMs: 1_800 });

    // Act
    const served = await getInventory(inventoryDeps(300), { hotelId: 'htl_uc_slow', roomTypeId: 'rt_ocean_double', startDate: f.today(), endDate: addDays(f.today(), 2) });

    // Assess: nothing fetched (the adapter alone would have returned 3 fresh nights) and one failure counted.
    expect(served).toEqual([]);
    expect((await f.container.pmsConfigs.get(config.configId))!.circuit).toEqual({ state: 'CLOSED', failures: 1 });
    expect(f.metrics).toContainEqual({ name: 'PmsLiveReadFailed', vendor: 'generic', value: 1 });
  });

  it(`fetches at most ${MAX_LIVE_READ_DAYS} nights from the first gap`, async () => {
    await f.addPmsHotel('htl_uc_bounded');
    const roomType = (await f.container.catalog.getRoomType('htl_uc_bounded', 'rt_ocean_double'))!;
    const before = f.sim.requests({ vendor: 'generic', pathIncludes: '/nights' }).length;

    const outcome = await readThroughMissingNights(f.deps(), { roomType, startDate: f.today(), endDate: addDays(f.today(), 200), stored: [] });

    expect(outcome).toEqual({ kind: 'fetched' });
    const [call] = f.sim.requests({ vendor: 'generic', pathIncludes: '/nights' }).slice(before);
    const nights = await f.container.inventory.getNights('htl_uc_bounded', 'rt_ocean_double', f.today(), addDays(f.today(), 200));
    expect(nights).toHaveLength(MAX_LIVE_READ_DAYS);
    expect(nights.at(-1)!.date).toBe(addDays(f.today(), MAX_LIVE_READ_DAYS - 1));
    expect(call).toBeDefined();
    // Only the room type asked for is written through.
    expect(await f.container.inventory.getNights('htl_uc_bounded', 'rt_family_villa', f.today(), addDays(f.today(), 200))).toEqual([]);
  });

  it('serves stale instead of failing when the credentials cannot be opened', async () => {
    const config = await f.addPmsHotel('htl_uc_corrupt');
    await f.container.pmsConfigs.patch(config.configId, { credentials: { ...config.credentials, ciphertext: Buffer.from('garbage').toString('base64') }, updatedAt: new Date().toISOString() });
    const roomType = (await f.container.catalog.getRoomType('htl_uc_corrupt', 'rt_ocean_double'))!;

    const outcome = await readThroughMissingNights(f.deps(), { roomType, startDate: f.today(), endDate: addDays(f.today(), 2), stored: [] });

    expect(outcome).toMatchObject({ kind: 'unavailable', reason: 'error', vendor: 'generic' });
  });
});
