import { describe, expect, it } from 'vitest';
import { StorageUnavailableError } from '../../../../shared/domain/booking-errors.ts';
import { checkHealth } from '../../../../shared/use-cases/system/check-health.use-case.ts';
import { fakeClock } from '../../../support/fakes/clock.fake.ts';

const probe = (name: string, check: () => Promise<void>) => ({ name, check });

describe('checkHealth', () => {
  it('reports every dependency with its latency when all answer', async () => {
    const clock = fakeClock('2026-03-01T00:00:00Z');
    const deps = { probes: [probe('storage', () => clock.sleep(12))], monotonicNow: () => clock.nowMs(), sleep: (ms: number) => clock.sleep(ms), probeTimeoutMs: 2_000 };

    const report = await checkHealth(deps);

    expect(report).toEqual({ status: 'ok', dependencies: { storage: { status: 'ok', latencyMs: 12 } } });
  });

  it('a dependency that does not answer in time is unavailable: 503 STORAGE_UNAVAILABLE naming it, never ok', async () => {
    const clock = fakeClock('2026-03-01T00:00:00Z');
    const stalled = probe('storage', () => new Promise<void>(() => undefined));
    const deps = { probes: [stalled], monotonicNow: () => clock.nowMs(), sleep: (ms: number) => clock.sleep(ms), probeTimeoutMs: 2_000 };

    const error = await checkHealth(deps).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(StorageUnavailableError);
    expect((error as StorageUnavailableError).details).toEqual({ status: 'unavailable', dependencies: { storage: { status: 'unavailable', reason: 'timeout' } } });
  });

  it('a dependency that fails is unavailable with the error kind, and nothing secret', async () => {
    const clock = fakeClock('2026-03-01T00:00:00Z');
    const failing = probe('storage', async () => {
      throw Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443 with key sk_live_x'), { name: 'StorageUnavailableError' });
    });
    const deps = { probes: [failing], monotonicNow: () => clock.nowMs(), sleep: (ms: number) => clock.sleep(ms), probeTimeoutMs: 2_000 };

    const error = (await checkHealth(deps).catch((e: unknown) => e)) as StorageUnavailableError;

    expect(error.details).toEqual({ status: 'unavailable', dependencies: { storage: { status: 'unavailable', reason: 'StorageUnavailableError' } } });
    expect(JSON.stringify(error.details)).not.toContain('sk_live');
  });
});
