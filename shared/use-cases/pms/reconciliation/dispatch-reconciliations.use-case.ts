import { canAttempt } from '#domain/circuit-breaker.ts';
import type { PmsConfig } from '#domain/pms-config.ts';
import { logger } from '#observability/logger.ts';
import { describeFailure } from '../polling/poll-pms-config.use-case.ts';
import { reconcilePmsConfig, type ReconcileDeps, type ReconciliationSummary } from './reconcile-pms-config.use-case.ts';

/** Each config is reconciled once a day. */
export const RECONCILE_EVERY_MS = 24 * 60 * 60_000;

/** A run that started but did not finish (failed, or cut off) is tried again after this long. */
export const RECONCILE_RETRY_AFTER_MS = 60 * 60_000;

/** Slack for a schedule that fires a few seconds early or late (as polling's `DUE_TOLERANCE_MS`). */
const DUE_TOLERANCE_MS = 60_000;

export type ReconcileSkipReason = 'inactive' | 'paused' | 'not_due' | 'circuit_open';

/** Why a config is not reconciled now, or `undefined` when it is due. */
export function reconcileSkipReason(config: PmsConfig, now: Date): ReconcileSkipReason | undefined {
  if (!config.isActive) return 'inactive';
  if (config.paused) return 'paused';
  const since = (at: string | undefined) => (at ? now.getTime() - Date.parse(at) : Number.POSITIVE_INFINITY);
  if (since(config.lastReconciledAt) < RECONCILE_EVERY_MS - DUE_TOLERANCE_MS) return 'not_due';
  if (since(config.lastReconcileAttemptAt) < RECONCILE_RETRY_AFTER_MS - DUE_TOLERANCE_MS) return 'not_due';
  if (!canAttempt(config.circuit, now)) return 'circuit_open';
  return undefined;
}

export interface ReconcileDispatchSummary {
  configs: number;
  due: number;
  succeeded: number;
  failed: number;
  /** Runs that threw: their outcome could not be recorded (storage trouble). */
  errors: number;
  /** Due, but not started because the Lambda was running out of time; the next run takes them. */
  deferred: number;
  skipped: Record<ReconcileSkipReason, number>;
  runs: Pick<ReconciliationSummary, 'configId' | 'vendor' | 'status' | 'found' | 'opened' | 'error'>[];
}

/**
 * The scheduled reconciliation (hourly): every active, un-paused config whose last finished run is
 * a day old and whose circuit lets a call through is reconciled, one at a time (a run lists a
 * whole horizon of reservations: the PMS's rate limit is better spent on polls), the longest
 * unreconciled first. A run that failed is tried again an hour later; one config's failure never
 * stops the others, and starting stops when the Lambda is short of time.
 */
export async function dispatchReconciliations(
  deps: ReconcileDeps,
  options: { remainingMs: () => number; minRemainingMs: number },
): Promise<ReconcileDispatchSummary> {
  const now = deps.clock();
  const configs = await deps.configs.list();
  const summary: ReconcileDispatchSummary = {
    configs: configs.length,
    due: 0,
    succeeded: 0,
    failed: 0,
    errors: 0,
    deferred: 0,
    skipped: { inactive: 0, paused: 0, not_due: 0, circuit_open: 0 },
    runs: [],
  };
  const due: PmsConfig[] = [];
  for (const config of configs) {
    const reason = reconcileSkipReason(config, now);
    if (reason) summary.skipped[reason] += 1;
    else due.push(config);
  }
  summary.due = due.length;
  due.sort((a, b) => (a.lastReconciledAt ?? '').localeCompare(b.lastReconciledAt ?? ''));
  for (const config of due) {
    if (options.remainingMs() < options.minRemainingMs) {
      summary.deferred += 1;
      continue;
    }
    try {
      const run = await reconcilePmsConfig(deps, config, { trigger: 'schedule' });
      summary[run.status === 'ok' ? 'succeeded' : 'failed'] += 1;
      summary.runs.push({ configId: run.configId, vendor: run.vendor, status: run.status, found: run.found, opened: run.opened, ...(run.error ? { error: run.error } : {}) });
    } catch (error) {
      summary.errors += 1;
      logger.error('PMS reconciliation could not be recorded', { configId: config.configId, vendor: config.vendor, error: error as Error });
      summary.runs.push({
        configId: config.configId,
        vendor: config.vendor,
        status: 'failed',
        found: { MISSING_IN_PMS: 0, UNKNOWN_PMS_RESERVATION: 0, DUPLICATE_PMS_RESERVATION: 0, OVERSOLD_NIGHT: 0, HOTEL_CANCELLED: 0 },
        opened: 0,
        error: describeFailure(error),
      });
    }
  }
  return summary;
}
