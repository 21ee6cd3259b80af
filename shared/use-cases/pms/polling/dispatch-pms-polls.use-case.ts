import { canAttempt } from '#domain/circuit-breaker.ts';
import type { PmsConfig } from '#domain/pms-config.ts';
import { logger } from '#observability/logger.ts';
import { describeFailure, pollPmsConfig, type PmsSyncDeps, type PollOutcome } from './poll-pms-config.use-case.ts';
import { PMS_METRIC } from './pms-sync-metrics.ts';

/** Polls of one vendor in flight at once: well inside Cloudbeds' 5 requests/s per property. */
export const DEFAULT_POLLS_PER_VENDOR = 2;

/**
 * A config counts as due this much before its interval is complete: the schedule fires "every
 * minute" give or take a few seconds, and without slack a 300 s interval would drift to 360 s.
 */
export const DUE_TOLERANCE_MS = 10_000;

export type SkipReason = 'inactive' | 'polling_disabled' | 'paused' | 'not_due' | 'circuit_open';

/** Why a config is not polled now, or `undefined` when it is due. */
export function skipReason(config: PmsConfig, now: Date): SkipReason | undefined {
  if (!config.isActive) return 'inactive';
  if (!config.pollingEnabled) return 'polling_disabled';
  if (config.paused) return 'paused';
  if (config.lastPollAt) {
    const next = Date.parse(config.lastPollAt) + config.pollingIntervalSeconds * 1000 - DUE_TOLERANCE_MS;
    if (now.getTime() < next) return 'not_due';
  }
  if (!canAttempt(config.circuit, now)) return 'circuit_open';
  return undefined;
}

export interface DispatchSummary {
  configs: number;
  due: number;
  succeeded: number;
  failed: number;
  /** Polls that threw: their outcome could not even be recorded (storage trouble). */
  errors: number;
  /** Due, but not started because the run was running out of time; the next run takes them first. */
  deferred: number;
  skipped: Record<SkipReason, number>;
  polls: Pick<PollOutcome, 'configId' | 'vendor' | 'status' | 'durationMs' | 'error'>[];
}

export interface DispatchOptions {
  /** Milliseconds left before the Lambda is cut off (`context.getRemainingTimeInMillis`). */
  remainingMs: () => number;
  /** No new poll starts with less than this left: a started poll must have time to record its outcome. */
  minRemainingMs: number;
  perVendorConcurrency?: number;
}

/**
 * The scheduled dispatcher: every minute, polls each active, enabled, un-paused config whose
 * interval has passed and whose circuit lets a call through. Vendors run in parallel, each with a
 * small pool (`perVendorConcurrency`), oldest poll first; one config's failure never stops the
 * others. Starting stops when the run is short of time, so the Lambda always finishes cleanly and
 * the remaining configs are simply due on the next tick.
 */
export async function dispatchPmsPolls(deps: PmsSyncDeps, options: DispatchOptions): Promise<DispatchSummary> {
  const now = deps.clock();
  const configs = await deps.configs.list();
  const summary: DispatchSummary = {
    configs: configs.length,
    due: 0,
    succeeded: 0,
    failed: 0,
    errors: 0,
    deferred: 0,
    skipped: { inactive: 0, polling_disabled: 0, paused: 0, not_due: 0, circuit_open: 0 },
    polls: [],
  };
  const queues = new Map<string, PmsConfig[]>();
  for (const config of configs) {
    const reason = skipReason(config, now);
    if (reason) {
      summary.skipped[reason] += 1;
      continue;
    }
    summary.due += 1;
    const queue = queues.get(config.vendor);
    if (queue) queue.push(config);
    else queues.set(config.vendor, [config]);
  }
  const perVendor = Math.max(1, options.perVendorConcurrency ?? DEFAULT_POLLS_PER_VENDOR);

  async function worker(queue: PmsConfig[]): Promise<void> {
    for (let config = queue.shift(); config; config = queue.shift()) {
      if (options.remainingMs() < options.minRemainingMs) {
        summary.deferred += 1;
        deps.metrics.record(PMS_METRIC.pollsDeferred, config.vendor);
        continue;
      }
      try {
        const outcome = await pollPmsConfig(deps, config, { trigger: 'schedule', dispatchedAt: now });
        summary[outcome.status === 'ok' ? 'succeeded' : 'failed'] += 1;
        summary.polls.push({
          configId: outcome.configId,
          vendor: outcome.vendor,
          status: outcome.status,
          durationMs: outcome.durationMs,
          ...(outcome.error ? { error: outcome.error } : {}),
        });
      } catch (error) {
        summary.errors += 1;
        logger.error('PMS poll could not be recorded', { configId: config.configId, vendor: config.vendor, error: error as Error });
        summary.polls.push({ configId: config.configId, vendor: config.vendor, status: 'failed', durationMs: 0, error: describeFailure(error) });
      }
    }
  }

  const workers: Promise<void>[] = [];
  for (const queue of queues.values()) {
    queue.sort((a, b) => (a.lastPollAt ?? '').localeCompare(b.lastPollAt ?? ''));
    for (let i = 0; i < Math.min(perVendor, queue.length); i++) workers.push(worker(queue));
  }
  await Promise.all(workers);
  return summary;
}
