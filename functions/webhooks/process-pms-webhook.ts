import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { processWebhookDeps } from '#composition/pms-webhooks.deps.ts';
import { isWebhookVendor, type WebhookQueueMessage } from '#domain/webhook.ts';
import { logger } from '#observability/logger.ts';
import { metrics, MetricUnit } from '#observability/metrics.ts';
import { lambdaObservability } from '#observability/middleware.ts';
import { processPmsWebhook } from '#use-cases/pms/webhooks/process-pms-webhook.use-case.ts';

function readMessage(body: string): WebhookQueueMessage | undefined {
  try {
    const m = JSON.parse(body) as Partial<WebhookQueueMessage>;
    if (typeof m.vendor === 'string' && isWebhookVendor(m.vendor) && typeof m.eventId === 'string' && m.eventId) {
      return { vendor: m.vendor, eventId: m.eventId };
    }
  } catch {
    // Falls through: an unreadable message is dropped below, retrying cannot fix it.
  }
  return undefined;
}

function count(name: string, vendor: string): void {
  const metric = metrics.singleMetric();
  metric.addDimension('vendor', vendor);
  metric.addMetric(name, MetricUnit.Count, 1);
}

/** One queue record: applied, or thrown so the batch processor reports it for redelivery. */
async function applyRecord(record: SQSRecord): Promise<void> {
  const message = readMessage(record.body);
  if (!message) {
    logger.error('Unreadable webhook queue message dropped', { messageId: record.messageId });
    return;
  }
  try {
    const outcome = await processPmsWebhook(processWebhookDeps(), message);
    count(`WebhookEvent${outcome.status.charAt(0)}${outcome.status.slice(1).toLowerCase()}`, message.vendor);
    const log = outcome.status === 'FAILED' ? logger.warn.bind(logger) : logger.info.bind(logger);
    log('PMS webhook event processed', { ...message, ...outcome });
  } catch (error) {
    count('WebhookEventRetry', message.vendor);
    logger.warn('PMS webhook event will be retried', { ...message, error: error as Error });
    throw error;
  }
}

const processor = new BatchProcessor(EventType.SQS);

/**
 * The `PmsWebhookEvents` queue consumer (shared/queues/queue-table.ts): applies each stored event.
 * Records are independent; one that fails for a reason that may pass (PMS down) is reported in
 * `batchItemFailures`, so SQS redelivers only it, up to `maxReceiveCount`, then moves it to the DLQ.
 */
export const handler = middy<SQSEvent, SQSBatchResponse, Error, Context>()
  .use(lambdaObservability())
  .handler(async function handleWebhookBatch(event, context) {
    // One record at a time, in queue order, so two events about one night apply in the order they
    // came; a batch that fails whole is still answered with its failures, never thrown.
    return processPartialResponse(event, applyRecord, processor, { context, processInParallel: false, throwOnFullBatchFailure: false });
  });
