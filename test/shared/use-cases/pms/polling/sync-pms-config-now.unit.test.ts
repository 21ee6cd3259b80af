import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../../../shared/domain/errors.ts';
import { PmsUnavailableError } from '../../../../../shared/domain/pms-errors.ts';
import { syncPmsConfigNow } from '../../../../../shared/use-cases/pms/polling/sync-pms-config-now.use-case.ts';
import { NOW, pmsSyncWorld } from './pms-sync-world.ts';

describe('syncPmsConfigNow', () => {
  it('polls a paused config behind an open circuit at once, and a success lifts the pause and closes the circuit', async () => {
    // Prepare: paused after five failures, circuit opened a second ago.
    const w = pmsSyncWorld();
    const { config, pms } = await w.addPmsHotel('htl_1', {
      paused: true,
      consecutiveFailures: 5,
      circuit: { state: 'OPEN', failures: 5, openedAt: NOW },
      lastPollAt: NOW,
    });
    w.clock.advance(1_000);

    // Act
    const outcome = await syncPmsConfigNow(w.deps, config.configId);

    // Assess
    expect(outcome).toMatchObject({ trigger: 'manual', status: 'ok', paused: false, circuit: 'CLOSED' });
    expect(pms.callsOf('getNights')).toHaveLength(1);
    expect(await w.configs.get(config.configId)).toMatchObject({ paused: false, consecutiveFailures: 0, circuit: { state: 'CLOSED', failures: 0 } });
  });

  it('records a failed manual poll like any other, and the config stays paused', async () => {
    const w = pmsSyncWorld();
    const { config, pms } = await w.addPmsHotel('htl_1', { paused: true, consecutiveFailures: 5 });
    pms.failures.arm('getNights', new PmsUnavailableError('still down'));

    const outcome = await syncPmsConfigNow(w.deps, config.configId);

    expect(outcome).toMatchObject({ status: 'failed', paused: true, consecutiveFailures: 6 });
    expect(await w.configs.get(config.configId)).toMatchObject({ paused: true, consecutiveFailures: 6 });
    expect(w.events.events).toEqual([]);
  });

  it('answers 404 for an unknown config', async () => {
    const w = pmsSyncWorld();

    await expect(syncPmsConfigNow(w.deps, 'cfg_none')).rejects.toBeInstanceOf(NotFoundError);
  });
});
