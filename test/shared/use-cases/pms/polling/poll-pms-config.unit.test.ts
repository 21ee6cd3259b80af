import { describe, expect, it } from 'vitest';
import { addDays } from '../../../../../shared/domain/dates.ts';
import { PmsAuthError, PmsUnavailableError } from '../../../../../shared/domain/pms-errors.ts';
import { PAUSE_AFTER_FAILED_POLLS, POLLING_PAUSED_EVENT, pollPmsConfig } from '../../../../../shared/use-cases/pms/polling/poll-pms-config.use-case.ts';
import { NOW, TODAY, pmsSyncWorld } from './pms-sync-world.ts';

describe('pollPmsConfig', () => {
  it('reads the polling horizon from the PMS, writes it through and records the success', async () => {
    // Prepare: a 10-day horizon; the PMS answers after 1.5 s (virtual).
    const w = pmsSyncWorld();
    const { config, pms } = await w.addPmsHotel('htl_1', { pollingHorizonDays: 10, consecutiveFailures: 2, circuit: { state: 'CLOSED', failures: 2 } });
    pms.latencyMs = 1_500;

    // Act
    const outcome = await pollPmsConfig(w.deps, config, { trigger: 'schedule' });

    // Assess
    expect(pms.callsOf('getNights')).toEqual([[TODAY, addDays(TODAY, 9)]]);
    expect(outcome).toMatchObject({
      status: 'ok',
      trigger: 'schedule',
      range: { from: TODAY, to: addDays(TODAY, 9) },
      nights: { applied: 0, created: 20, stale: 0, unmapped: 0 },
      durationMs: 1_500,
      consecutiveFailures: 0,
      paused: false,
      circuit: 'CLOSED',
    });
    expect(await w.configs.get(config.configId)).toMatchObject({
      lastPollAt: NOW,
      lastSyncAt: '2026-03-01T00:00:01.500Z',
      consecutiveFailures: 0,
      circuit: { state: 'CLOSED', failures: 0 },
      updatedAt: config.updatedAt,
    });
    expect(w.inventory.night('htl_1', 'rt_villa', addDays(TODAY, 9))).toMatchObject({ total: 2, syncedAt: '2026-03-01T00:00:01.500Z' });
    expect(w.metrics.of('PmsPollSucceeded')).toHaveLength(1);
  });

  it('claims the poll (lastPollAt) before calling the PMS, with the dispatcher\'s tick when given', async () => {
    const w = pmsSyncWorld();
    const { config, pms } = await w.addPmsHotel('htl_1');
    pms.failures.arm('getNights', new PmsUnavailableError('down'));

    await pollPmsConfig(w.deps, config, { trigger: 'schedule', dispatchedAt: new Date('2026-02-28T23:59:58.000Z') });

    expect(w.configs.patches[0]).toEqual({ configId: config.configId, fields: { lastPollAt: '2026-02-28T23:59:58.000Z' } });
  });

  it('a failed poll counts on the config and the circuit, and returns our message, not the vendor\'s', async () => {
    const w = pmsSyncWorld();
    const { config, pms } = await w.addPmsHotel('htl_1');
    pms.failures.arm('getNights', new PmsAuthError('generic refused our credentials (read nights)', { cause: new Error('key gpk_secret revoked') }));

    const outcome = await pollPmsConfig(w.deps, config, { trigger: 'schedule' });

    expect(outcome).toMatchObject({ status: 'failed', consecutiveFailures: 1, paused: false, circuit: 'CLOSED', error: 'PMS_AUTH_FAILED: generic refused our credentials (read nights)' });
    expect(await w.configs.get(config.configId)).toMatchObject({ consecutiveFailures: 1, lastError: outcome.error, circuit: { state: 'CLOSED', failures: 1 } });
    expect(JSON.stringify(await w.configs.get(config.configId))).not.toContain('gpk_secret');
    expect(w.metrics.of('PmsPollFailed')).toHaveLength(1);
  });

  it(`pauses the config on the ${PAUSE_AFTER_FAILED_POLLS}th failure in a row, opens the circuit and tells operations`, async () => {
    // Prepare: four failures already.
    const w = pmsSyncWorld();
    const { config, pms } = await w.addPmsHotel('htl_1', { consecutiveFailures: 4, circuit: { state: 'CLOSED', failures: 4 } });
    pms.failures.arm('getNights', new PmsUnavailableError('down'));

    // Act
    const outcome = await pollPmsConfig(w.deps, config, { trigger: 'schedule' });

    // Assess
    expect(outcome).toMatchObject({ paused: true, consecutiveFailures: 5, circuit: 'OPEN' });
    expect(await w.configs.get(config.configId)).toMatchObject({ paused: true, circuit: { state: 'OPEN', failures: 5, openedAt: NOW } });
    expect(w.events.ofType(POLLING_PAUSED_EVENT)).toEqual([
      {
        type: POLLING_PAUSED_EVENT,
        detail: expect.objectContaining({ eventId: `${config.configId}:paused:${NOW}`, configId: config.configId, consecutiveFailures: 5, pausedAt: NOW }),
      },
    ]);
    expect(w.metrics.of('PmsPollingPaused')).toHaveLength(1);
    expect(w.metrics.of('PmsCircuitOpened')).toHaveLength(1);
  });

  it('a pause event that cannot be published does not undo the pause', async () => {
    const w = pmsSyncWorld();
    const { config, pms } = await w.addPmsHotel('htl_1', { consecutiveFailures: 4 });
    pms.failures.arm('getNights', new PmsUnavailableError('down'));
    w.events.failures.arm('publish', new Error('EventBridge down'));

    const outcome = await pollPmsConfig(w.deps, config, { trigger: 'schedule' });

    expect(outcome.paused).toBe(true);
    expect((await w.configs.get(config.configId))?.paused).toBe(true);
  });

  it('a hotel missing from the catalog fails the poll without blaming the PMS (the breaker does not count it)', async () => {
    const w = pmsSyncWorld();
    const { config, pms } = await w.addPmsHotel('htl_1');

    const outcome = await pollPmsConfig(w.deps, { ...config, hotelId: 'htl_gone' }, { trigger: 'manual' });

    expect(outcome).toMatchObject({ status: 'failed', error: expect.stringContaining('PMS_POLL_SETUP'), circuit: 'CLOSED' });
    expect((await w.configs.get(config.configId))?.circuit).toEqual({ state: 'CLOSED', failures: 0 });
    expect(pms.calls).toEqual([]);
  });

  it('a poll whose outcome cannot be stored throws (the dispatcher counts it as an error)', async () => {
    const w = pmsSyncWorld();
    const { config } = await w.addPmsHotel('htl_1');
    w.configs.patch = () => Promise.reject(new Error('DynamoDB down'));

    await expect(pollPmsConfig(w.deps, config, { trigger: 'schedule' })).rejects.toThrow('DynamoDB down');
  });
});
