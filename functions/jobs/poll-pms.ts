import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { pmsPollDeps } from '#composition/pms-sync.deps.ts';
import { config } from '#composition/runtime.ts';
import { logger } from '#observability/logger.ts';
import { lambdaObservability } from '#observability/middleware.ts';
import { dispatchPmsPolls, type DispatchSummary } from '#use-cases/pms/polling/dispatch-pms-polls.use-case.ts';

/** The most a started poll is given to finish and record itself (a few PMS calls plus writes). */
const MAX_POLL_RESERVE_MS = 30_000;

/**
 * Every minute: polls the PMS configs that are due (`dispatchPmsPolls`). It returns normally even
 * when polls fail, since each failure is already recorded on its config and counted in metrics;
 * only a failure to list the configs throws, so EventBridge retries that run.
 */
export const handler = middy<ScheduledEvent, DispatchSummary, Error, Context>()
  .use(lambdaObservability())
  .handler(async function pollPms(_event, context) {
    const minRemainingMs = Math.min(3 * config().pmsTimeoutMs + 2_000, MAX_POLL_RESERVE_MS);
    const summary = await dispatchPmsPolls(pmsPollDeps(), {
      remainingMs: () => context?.getRemainingTimeInMillis?.() ?? Number.POSITIVE_INFINITY,
      minRemainingMs,
    });
    if (summary.due > 0 || summary.deferred > 0) {
      const { polls: _polls, ...counts } = summary;
      logger.info('PMS polls dispatched', counts);
    }
    return summary;
  });
