import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { webhookOutboxDeps } from '#composition/webhook-outbox.deps.ts';
import { logger } from '#observability/logger.ts';
import { lambdaObservability } from '#observability/middleware.ts';
import { enqueueStoredWebhooks, type OutboxSweepReport } from '#use-cases/pms/webhooks/webhook-outbox.ts';

/**
 * Every minute: queues the PMS webhook events that were stored but never queued (the receiver
 * crashed, or the queue refused them), so a crash between store and enqueue loses nothing even
 * when the PMS does not deliver again. 60 s of grace: a receiver may be queueing one right now.
 */
export const handler = middy<ScheduledEvent, OutboxSweepReport, Error, Context>()
  .use(lambdaObservability())
  .handler(async function enqueueStored() {
    const report = await enqueueStoredWebhooks(webhookOutboxDeps(), { graceSeconds: 60, limit: 500 });
    if (report.queued + report.failed > 0) logger.info('Queued stored webhook events', { ...report });
    return report;
  });
