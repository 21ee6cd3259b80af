import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { lifecycleJobDeps } from '#composition/jobs.deps.ts';
import { logger } from '#observability/logger.ts';
import { lambdaObservability } from '#observability/middleware.ts';
import { refundOwed } from '#use-cases/bookings/lifecycle/lifecycle-jobs.use-case.ts';

/** Every 5 minutes: refunds what hotel-side cancellations and PMS-reported no-shows left owed. */
export const handler = middy<ScheduledEvent, { started: number; resolved: number }, Error, Context>()
  .use(lambdaObservability())
  .handler(async function refundOwedJob() {
    const result = await refundOwed({ ...lifecycleJobDeps(), onError: (bookingId, error) => logger.error('Refund owed not started', { bookingId, error: error as Error }) });
    if (result.started > 0 || result.resolved > 0) logger.info('Refunds owed', result);
    return result;
  });
