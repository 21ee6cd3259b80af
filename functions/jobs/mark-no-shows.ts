import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { lifecycleJobDeps } from '#composition/jobs.deps.ts';
import { logger } from '#observability/logger.ts';
import { lambdaObservability } from '#observability/middleware.ts';
import { markNoShows } from '#use-cases/bookings/lifecycle/lifecycle-jobs.use-case.ts';

/** Every 15 minutes: bookings past their hotel's no-show cut-off on the arrival day become no-shows. */
export const handler = middy<ScheduledEvent, { examined: number; marked: number }, Error, Context>()
  .use(lambdaObservability())
  .handler(async function markNoShowsJob() {
    const result = await markNoShows({ ...lifecycleJobDeps(), onError: (bookingId, error) => logger.error('No-show not marked', { bookingId, error: error as Error }) });
    if (result.marked > 0) logger.info('Marked no-shows', result);
    return result;
  });
