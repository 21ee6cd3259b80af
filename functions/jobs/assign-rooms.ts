import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { assignArrivalsDeps } from '#composition/rooms.deps.ts';
import { logger } from '#observability/logger.ts';
import { lambdaObservability } from '#observability/middleware.ts';
import { assignArrivals, type AssignArrivalsSummary } from '#use-cases/rooms/assign-arrivals.use-case.ts';

/**
 * Every 15 minutes: rooms for the arrivals of the next 24 hours (VIPs first, requests honoured);
 * an arrival no room can take becomes a `ROOM_UNASSIGNED` finding for the admins.
 */
export const handler = middy<ScheduledEvent, AssignArrivalsSummary, Error, Context>()
  .use(lambdaObservability())
  .handler(async function assignRoomsToArrivals() {
    const summary = await assignArrivals({
      ...assignArrivalsDeps(),
      onError: (bookingId, error) => logger.warn('Room assignment of one arrival failed; the next run tries again', { bookingId, error: error as Error }),
    });
    const log = summary.unplaceable.length > 0 || summary.failed > 0 ? logger.warn.bind(logger) : logger.info.bind(logger);
    log('Room assignment run', { ...summary });
    return summary;
  });
