import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { arrivalRemindersDeps } from '#composition/notifications.deps.ts';
import { logger } from '#observability/logger.ts';
import { lambdaObservability } from '#observability/middleware.ts';
import { publishArrivalReminders } from '#use-cases/notifications/arrival-reminders.use-case.ts';

/** Every hour: one `booking.arrival_reminder` per confirmed booking arriving within 48 hours. */
export const handler = middy<ScheduledEvent, { published: number }, Error, Context>()
  .use(lambdaObservability())
  .handler(async function remindArrivals() {
    const result = await publishArrivalReminders(arrivalRemindersDeps());
    if (result.published > 0) logger.info('Arrival reminders published', result);
    return result;
  });
