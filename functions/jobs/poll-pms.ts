import type { Context, ScheduledEvent } from 'aws-lambda';
import { container, pmsSyncDeps } from '#composition/container.ts';
import { logger } from '#observability/logger.ts';
import { dispatchPmsPolls, type DispatchSummary } from '#use-cases/pms/polling/dispatch-pms-polls.use-case.ts';

/** The most a started poll is given to finish and record itself (a few PMS calls plus writes). */
const MAX_POLL_RESERVE_MS = 30_000;

/**
 * Every minute: polls the PMS configs that are due (`dispatchPmsPolls`). It returns normally even
 * when polls fail, since each failure is already recorded on its config and counted in metrics;
 * only a failure to list the configs throws, so EventBridge retries that run.
 */
export async function handler(_event: ScheduledEvent, context?: Context): Promise<DispatchSummary> {
  const c = container();
  const minRemainingMs = Math.min(3 * c.config.pmsTimeoutMs + 2_000, MAX_POLL_RESERVE_MS);
  const summary = await dispatchPmsPolls(pmsSyncDeps(c), {
    remainingMs: () => context?.getRemainingTimeInMillis?.() ?? Number.POSITIVE_INFINITY,
    minRemainingMs,
  });
  if (summary.due > 0 || summary.deferred > 0) {
    const { polls: _polls, ...counts } = summary;
    logger.info('PMS polls dispatched', counts);
  }
  return summary;
}
