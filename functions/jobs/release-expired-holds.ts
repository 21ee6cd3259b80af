import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { releaseExpiredHoldsDeps } from '#composition/jobs.deps.ts';
import { logger } from '#observability/logger.ts';
import { lambdaObservability } from '#observability/middleware.ts';
import { releaseExpiredHolds } from '#use-cases/checkout/release-expired-holds.use-case.ts';

/**
 * Every minute: gives back rooms held by checkouts that never finished (the saga died, or the guest
 * walked away mid-payment). Idempotent with the saga: a hold is released at most once.
 */
export const handler = middy<ScheduledEvent, { released: number }, Error, Context>()
  .use(lambdaObservability())
  .handler(async function releaseHolds() {
    const { holds, clock } = releaseExpiredHoldsDeps();
    const released = await releaseExpiredHolds(holds, clock());
    if (released > 0) logger.info('Released expired holds', { released });
    return { released };
  });
