import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../../../../shared/domain/dates.ts';
import { simPriceFor } from '../../../../../local/simulators/pms/sim-hotels.ts';
import { SIM_PMS_HOTEL_IDS } from '../../../../../local/simulators/pms/pms-simulator.ts';
import { pollPmsConfig } from '../../../../../shared/use-cases/pms/polling/poll-pms-config.use-case.ts';
import { dispatchPmsPolls, type DispatchOptions } from '../../../../../shared/use-cases/pms/polling/dispatch-pms-polls.use-case.ts';
import { syncPmsConfigNow } from '../../../../../shared/use-cases/pms/polling/sync-pms-config-now.use-case.ts';
import { startPmsSyncFixture, type PmsSyncFixture } from './pms-sync-fixture.ts';

const plentyOfTime: DispatchOptions = { remainingMs: () => 60_000, minRemainingMs: 10_000 };

describe('PMS polling against DynamoDB Local and the PMS simulator', () => {
  let f: PmsSyncFixture;

  beforeAll(async () => {
    f = await startPmsSyncFixture();
  });

  afterAll(async () => {
    await f.stop();
  });

  beforeEach(async () => {
    f.faults.clear();
    f.events.length = 0;
    f.metrics.length = 0;
    await f.deactivateAll();
  });

  it('applies the totals and prices of the whole horizon and records the sync', async () => {
    const config = await f.addPmsHotel('htl_poll_apply', { config: { pollingHorizonDays: 10 } });
    const day = addDays(f.today(), 3);
    await f.sim.setTotal(SIM_PMS_HOTEL_IDS.generic, 'ocean-double', day, 7);
    await f.sim.setPrice(SIM_PMS_HOTEL_IDS.generic, 'ocean-double', day, 199_000);

    const outcome = await pollPmsConfig(f.deps(), config, { trigger: 'schedule' });

    expect(outcome).toMatchObject({ status: 'ok', nights: { created: 20, applied: 0, unmapped: 0 }, range: { from: f.today(), to: addDays(f.today(), 9) } });
    const nights = await f.container.inventory.getNights('htl_poll_apply', 'rt_ocean_double', f.today(), addDays(f.today(), 20));
    expect(nights.map((n) => n.date)).toEqual(Array.from({ length: 10 }, (_, i) => addDays(f.today(), i)));
    expect(nights.find((n) => n.date === day)).toMatchObject({ total: 7, sellLimit: 7, remaining: 7, priceMinor: 199_000, currency: 'KRW' });
    const villa = await f.container.inventory.getNights('htl_poll_apply', 'rt_family_villa', f.today(), f.today());
    expect(villa[0]).toMatchObject({ total: 5, priceMinor: simPriceFor(350_000, f.today()) });
    const stored = await f.container.pmsConfigs.get(config.configId);
    expect(stored).toMatchObject({ consecutiveFailures: 0, paused: false, circuit: { state: 'CLOSED', failures: 0 } });
    expect(stored!.lastSyncAt).toBeDefined();
    expect(stored!.lastPollAt).toBeDefined();
    expect(f.metrics).toContainEqual({ name: 'PmsPollSucceeded', vendor: 'generic', value: 1 });
    expect(f.metrics).toContainEqual({ name: 'PmsConsecutiveFailures', vendor: 'generic', value: 0 });
  });

  it('a later poll updates totals without touching rooms already reserved', async () => {
    const config = await f.addPmsHotel('htl_poll_reserved', { config: { pollingHorizonDays: 3 } });
    await pollPmsConfig(f.deps(), config, { trigger: 'schedule' });
    const day = f.today();
    await f.container.holds.place(
      { bookingId: 'b_poll_1', hotelId: 'htl_poll_reserved', roomTypeId: 'rt_ocean_double', nights: [day], rooms: 3, expiresAt: '2099-01-01T00:00:00.000Z' },
      new Date(),
    );
    await f.sim.setTotal(SIM_PMS_HOTEL_IDS.generic, 'ocean-double', day, 20);
    f.advance(1_000);

    const outcome = await pollPmsConfig(f.deps(), (await f.container.pmsConfigs.get(config.configId))!, { trigger: 'schedule' });

    expect(outcome.nights.applied).toBe(6);
    const [night] = await f.container.inventory.getNights('htl_poll_reserved', 'rt_ocean_double', day, day);
    // The PMS takes no reservations beyond its rooms, so neither do we: the limit is total.
    expect(night).toMatchObject({ total: 20, sellLimit: 20, external: 0, reserved: 3, remaining: 17 });
  });

  it('counts a rate-limited poll as a failure and keeps the last error without secrets', async () => {
    const config = await f.addPmsHotel('htl_poll_429');
    // Longer than a read waits out (5 s): the adapter gives the 429 back at once instead of retrying.
    f.sim.rateLimitNext(1, { vendor: 'generic', retryAfterSeconds: 30 });

    const outcome = await pollPmsConfig(f.deps(), config, { trigger: 'schedule' });

    expect(outcome).toMatchObject({ status: 'failed', consecutiveFailures: 1, circuit: 'CLOSED', paused: false });
    const stored = await f.container.pmsConfigs.get(config.configId);
    expect(stored).toMatchObject({ consecutiveFailures: 1, circuit: { state: 'CLOSED', failures: 1 } });
    expect(stored!.lastError).toMatch(/^PMS_RATE_LIMITED: /);
    expect(stored!.lastError).not.toContain('gpk_sim');
    expect(stored!.lastSyncAt).toBeUndefined();
    expect(f.metrics).toContainEqual({ name: 'PmsPollFailed', vendor: 'generic', value: 1 });
  });

  describe('the dispatcher', () => {
    it('polls due configs and leaves alone those not due, disabled, inactive or paused', async () => {
      const t = f.now().getTime();
      await f.addPmsHotel('htl_due_never', { config: { pollingHorizonDays: 2 } });
      await f.addPmsHotel('htl_due_old', { config: { pollingHorizonDays: 2, lastPollAt: new Date(t - 301_000).toISOString() } });
      await f.addPmsHotel('htl_not_due', { config: { lastPollAt: new Date(t - 100_000).toISOString() } });
      await f.addPmsHotel('htl_disabled', { config: { pollingEnabled: false } });
      await f.addPmsHotel('htl_inactive', { config: { isActive: false } });
      await f.addPmsHotel('htl_paused', { config: { paused: true, consecutiveFailures: 5 } });
      const before = f.nightRequests();

      const summary = await dispatchPmsPolls(f.deps(), plentyOfTime);

      expect(summary.polls.map((p) => p.configId).sort()).toEqual(['cfg_htl_due_never', 'cfg_htl_due_old']);
      expect(summary).toMatchObject({ due: 2, succeeded: 2, failed: 0, deferred: 0 });
      expect(summary.skipped).toMatchObject({ not_due: 1, polling_disabled: 1, paused: 1 });
      expect(f.nightRequests() - before).toBe(2);
    });

    it('respects the interval: not polled again until it has passed', async () => {
      const config = await f.addPmsHotel('htl_interval', { config: { pollingIntervalSeconds: 300, pollingHorizonDays: 2 } });
      await dispatchPmsPolls(f.deps(), plentyOfTime);
      const before = f.nightRequests();

      f.advance(120_000);
      const early = await dispatchPmsPolls(f.deps(), plentyOfTime);
      f.advance(180_000);
      const onTime = await dispatchPmsPolls(f.deps(), plentyOfTime);

      expect(early).toMatchObject({ due: 0, skipped: { not_due: 1 } });
      expect(onTime.polls.map((p) => p.configId)).toEqual([config.configId]);
      expect(f.nightRequests() - before).toBe(1);
    });

    it('one config failing does not stop the others', async () => {
      await f.addPmsHotel('htl_bad_key', { secret: 'gpk_wrong_key', config: { pollingHorizonDays: 2 } });
      await f.addPmsHotel('htl_good_cloudbeds', { vendor: 'cloudbeds', config: { pollingHorizonDays: 2 } });
      await f.addPmsHotel('htl_good_generic', { config: { pollingHorizonDays: 2 } });

      const summary = await dispatchPmsPolls(f.deps(), plentyOfTime);

      expect(summary).toMatchObject({ due: 3, succeeded: 2, failed: 1 });
      expect(summary.polls.find((p) => p.configId === 'cfg_htl_bad_key')).toMatchObject({ status: 'failed', error: expect.stringMatching(/^PMS_AUTH_FAILED/) });
      expect(await f.container.inventory.getNights('htl_good_cloudbeds', 'rt_deluxe_double', f.today(), f.today())).toHaveLength(1);
    });

    it('stops starting polls when the Lambda is short of time, leaving them due for the next run', async () => {
      const config = await f.addPmsHotel('htl_short_time');
      const before = f.nightRequests();

      const summary = await dispatchPmsPolls(f.deps(), { remainingMs: () => 5_000, minRemainingMs: 10_000 });

      expect(summary).toMatchObject({ due: 1, deferred: 1, succeeded: 0 });
      expect(f.nightRequests()).toBe(before);
      expect((await f.container.pmsConfigs.get(config.configId))!.lastPollAt).toBeUndefined();
      expect(f.metrics).toContainEqual({ name: 'PmsPollsDeferred', vendor: 'generic', value: 1 });
    });

    it('five failed polls open the circuit and pause the config, publish pms.polling.paused, then it is left alone', async () => {
      const config = await f.addPmsHotel('htl_outage', { config: { pollingIntervalSeconds: 60, pollingHorizonDays: 2 } });
      f.faults.arm({ point: 'pms.inventory', mode: 'error', times: 100 });
      const states = [];

      for (let run = 1; run <= 5; run++) {
        const summary = await dispatchPmsPolls(f.deps(), plentyOfTime);
        expect(summary.failed).toBe(1);
        const stored = (await f.container.pmsConfigs.get(config.configId))!;
        states.push({ failures: stored.consecutiveFailures, circuit: stored.circuit.state, paused: stored.paused, events: f.events.length });
        f.advance(61_000);
      }
      const before = f.nightRequests();
      const afterPause = await dispatchPmsPolls(f.deps(), plentyOfTime);

      expect(states).toEqual([
        { failures: 1, circuit: 'CLOSED', paused: false, events: 0 },
        { failures: 2, circuit: 'CLOSED', paused: false, events: 0 },
        { failures: 3, circuit: 'CLOSED', paused: false, events: 0 },
        { failures: 4, circuit: 'CLOSED', paused: false, events: 0 },
        { failures: 5, circuit: 'OPEN', paused: true, events: 1 },
      ]);
      expect(f.events).toEqual([
        {
          type: 'pms.polling.paused',
          detail: expect.objectContaining({ configId: config.configId, hotelId: 'htl_outage', vendor: 'generic', consecutiveFailures: 5, lastError: expect.stringMatching(/^PMS_UNAVAILABLE/) }),
        },
      ]);
      expect(afterPause).toMatchObject({ due: 0, skipped: { paused: 1 } });
      expect(f.nightRequests()).toBe(before);
      const named = (name: string) => f.metrics.filter((m) => m.name === name);
      expect(named('PmsPollFailed')).toHaveLength(5);
      expect(named('PmsConsecutiveFailures').map((m) => m.value)).toEqual([1, 2, 3, 4, 5]);
      expect(named('PmsCircuitOpened')).toEqual([{ name: 'PmsCircuitOpened', vendor: 'generic', value: 1 }]);
      expect(named('PmsPollingPaused')).toEqual([{ name: 'PmsPollingPaused', vendor: 'generic', value: 1 }]);
      expect(named('PmsCircuitState').map((m) => m.value)).toEqual([0, 0, 0, 0, 2]);
    });

    it('an open circuit is skipped for 60 s, then one trial closes it when the PMS is back', async () => {
      const openedAt = f.now().toISOString();
      const config = await f.addPmsHotel('htl_half_open', {
        config: { pollingHorizonDays: 2, consecutiveFailures: 0, circuit: { state: 'OPEN', failures: 5, openedAt } },
      });
      const before = f.nightRequests();

      f.advance(30_000);
      const cooling = await dispatchPmsPolls(f.deps(), plentyOfTime);
      f.advance(31_000);
      const trial = await dispatchPmsPolls(f.deps(), plentyOfTime);

      expect(cooling).toMatchObject({ due: 0, skipped: { circuit_open: 1 } });
      expect(trial).toMatchObject({ due: 1, succeeded: 1 });
      expect(f.nightRequests() - before).toBe(1);
      expect((await f.container.pmsConfigs.get(config.configId))!.circuit).toEqual({ state: 'CLOSED', failures: 0 });
    });

    it('a failed trial opens the circuit for another 60 s', async () => {
      const openedAt = f.now().toISOString();
      const config = await f.addPmsHotel('htl_trial_fails', {
        config: { pollingIntervalSeconds: 30, pollingHorizonDays: 2, circuit: { state: 'OPEN', failures: 5, openedAt } },
      });
      f.faults.arm({ point: 'pms.inventory', mode: 'error', times: 1 });

      f.advance(61_000);
      const trial = await dispatchPmsPolls(f.deps(), plentyOfTime);
      const reopened = (await f.container.pmsConfigs.get(config.configId))!;
      f.advance(30_000);
      const cooling = await dispatchPmsPolls(f.deps(), plentyOfTime);
      f.advance(31_000);
      const recovered = await dispatchPmsPolls(f.deps(), plentyOfTime);

      expect(trial).toMatchObject({ failed: 1 });
      expect(reopened.circuit).toMatchObject({ state: 'OPEN', failures: 6 });
      expect(Date.parse(reopened.circuit.openedAt!)).toBeGreaterThan(Date.parse(openedAt));
      expect(cooling.skipped.circuit_open).toBe(1);
      expect(recovered).toMatchObject({ succeeded: 1 });
      expect((await f.container.pmsConfigs.get(config.configId))!).toMatchObject({ consecutiveFailures: 0, circuit: { state: 'CLOSED' } });
    });
  });

  describe('sync now', () => {
    it('polls a paused config with an open circuit at once and, when it works, lifts the pause', async () => {
      const config = await f.addPmsHotel('htl_sync_now', {
        config: {
          pollingHorizonDays: 2,
          paused: true,
          consecutiveFailures: 5,
          lastPollAt: f.now().toISOString(),
          circuit: { state: 'OPEN', failures: 5, openedAt: f.now().toISOString() },
        },
      });

      const outcome = await syncPmsConfigNow(f.deps(), config.configId);
      const resumed = await dispatchPmsPolls(f.deps(), plentyOfTime);

      expect(outcome).toMatchObject({ status: 'ok', trigger: 'manual', paused: false, consecutiveFailures: 0, circuit: 'CLOSED', nights: { created: 4 } });
      expect((await f.container.pmsConfigs.get(config.configId))!).toMatchObject({ paused: false, consecutiveFailures: 0, circuit: { state: 'CLOSED', failures: 0 } });
      // Just polled, so not due yet, but no longer skipped as paused.
      expect(resumed.skipped).toMatchObject({ paused: 0, not_due: 1 });
    });

    it('a failed sync of a paused config stays paused and publishes nothing new', async () => {
      const config = await f.addPmsHotel('htl_sync_fails', { config: { paused: true, consecutiveFailures: 5 } });
      f.faults.arm({ point: 'pms.inventory', mode: 'error', times: 1 });

      const outcome = await syncPmsConfigNow(f.deps(), config.configId);

      expect(outcome).toMatchObject({ status: 'failed', paused: true, consecutiveFailures: 6, error: expect.stringMatching(/^PMS_UNAVAILABLE/) });
      expect(f.events).toEqual([]);
    });

    it('answers NOT_FOUND for an unknown config', async () => {
      await expect(syncPmsConfigNow(f.deps(), 'cfg_nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });
});
