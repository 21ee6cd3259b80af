import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { recoveryDeps } from '#composition/recovery.deps.ts';
import { logger } from '#observability/logger.ts';
import { lambdaObservability } from '#observability/middleware.ts';
import { recoverStaleBookings, type RecoveryReport } from '#use-cases/checkout/recover-stale-bookings.use-case.ts';

/**
 * Every minute: brings every booking left PENDING past the grace time to a terminal state (its saga
 * died, ran out of its budget, or was never started) by starting its saga, or a recovery execution
 * that resumes or compensates it from the payment gateway and the PMS themselves.
 */
export const handler = middy<ScheduledEvent, RecoveryReport, Error, Context>()
  .use(lambdaObservability())
  .handler(async function recoverBookings() {
    const report = await recoverStaleBookings(recoveryDeps());
    if (report.examined > 0) logger.info('Recovered stale bookings', { ...report });
    return report;
  });
