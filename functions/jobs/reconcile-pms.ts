import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { reconciliationDeps } from '#composition/pms-operations.deps.ts';
import { logger } from '#observability/logger.ts';
import { lambdaObservability } from '#observability/middleware.ts';
import { dispatchReconciliations, type ReconcileDispatchSummary } from '#use-cases/pms/reconciliation/dispatch-reconciliations.use-case.ts';

/** No run starts with less than this left: a run lists the horizon's reservations and must record its outcome. */
const MIN_REMAINING_MS = 60_000;

/**
 * Hourly: reconciles each PMS config whose last run is a day old (`dispatchReconciliations`). It
 * returns normally when runs fail (each failure is in its summary and the log); only a failure to
 * list the configs throws, so EventBridge retries that invocation.
 */
export const handler = middy<ScheduledEvent, ReconcileDispatchSummary, Error, Context>()
  .use(lambdaObservability())
  .handler(async function reconcilePms(_event, context) {
    const summary = await dispatchReconciliations(reconciliationDeps(), {
      remainingMs: () => context?.getRemainingTimeInMillis?.() ?? Number.POSITIVE_INFINITY,
      minRemainingMs: MIN_REMAINING_MS,
    });
    if (summary.due > 0 || summary.deferred > 0) {
      const { runs: _runs, ...counts } = summary;
      logger.info('PMS reconciliations dispatched', counts);
    }
    return summary;
  });
