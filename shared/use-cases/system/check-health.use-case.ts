import { StorageUnavailableError } from '#domain/booking-errors.ts';
import type { DependencyProbe } from '#ports/dependency-probe.port.ts';

export interface HealthDeps {
  probes: readonly DependencyProbe[];
  /** Milliseconds since an arbitrary origin, for the latencies reported. */
  monotonicNow: () => number;
  /** Resolves after `ms`: a probe that has not answered by then counts as down. */
  sleep: (ms: number) => Promise<void>;
  /** How long a probe may take. */
  probeTimeoutMs: number;
}

export type DependencyStatus = { status: 'ok'; latencyMs: number } | { status: 'unavailable'; reason: string };

/**
 * Asks every dependency at once, each within `probeTimeoutMs`, and reports each. All answering:
 * the report. Any not answering: `StorageUnavailableError` (503 STORAGE_UNAVAILABLE) carrying the
 * same report in `details`, so a monitor sees which one, and never an `ok` while a dependency is down.
 */
export async function checkHealth(deps: HealthDeps): Promise<{ status: 'ok'; dependencies: Record<string, DependencyStatus> }> {
  const results = await Promise.all(
    deps.probes.map(async (probe): Promise<[string, DependencyStatus]> => {
      const started = deps.monotonicNow();
      const outcome = await Promise.race([
        probe.check().then(
          () => 'ok' as const,
          (error: unknown) => (error instanceof Error ? error.name : 'error'),
        ),
        deps.sleep(deps.probeTimeoutMs).then(() => 'timeout' as const),
      ]);
      return [probe.name, outcome === 'ok' ? { status: 'ok', latencyMs: Math.round(deps.monotonicNow() - started) } : { status: 'unavailable', reason: outcome }];
    }),
  );
  const dependencies = Object.fromEntries(results);
  const down = results.filter(([, r]) => r.status !== 'ok').map(([name]) => name);
  if (down.length > 0) {
    throw new StorageUnavailableError(`Not answering: ${down.join(', ')}.`, { details: { status: 'unavailable', dependencies } });
  }
  return { status: 'ok', dependencies };
}
