import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { container } from '#composition/container.ts';
import type { PmsConfig } from '#domain/pms-config.ts';
import { isWebhookVendor, type WebhookQueueMessage } from '#domain/webhook.ts';
import { logger } from '#observability/logger.ts';
import { metrics, MetricUnit, publishMetrics } from '#observability/metrics.ts';
import type { DomainEvent } from '#ports/event-publisher.port.ts';
import { processPmsWebhook, type ProcessWebhookDeps } from '#use-cases/pms/webhooks/process-pms-webhook.use-case.ts';

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

/**
 * The `PmsWebhookEvents` queue consumer (shared/queues/queue-table.ts): applies each stored event.
 * Records are independent; one that fails for a reason that may pass (PMS down) is reported in
 * `batchItemFailures`, so SQS redelivers only it, up to `maxReceiveCount`, then moves it to the DLQ.
 */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const c = container();
  const deps: ProcessWebhookDeps = {
    webhookEvents: c.webhookEvents,
    pmsConfigs: c.pmsConfigs,
    catalog: c.catalog,
    inventory: c.inventory,
    // Reached on first publish only (an overbooked night), like every other lazy adapter.
    events: { publish: (events: DomainEvent[]) => c.events().publish(events) },
    pmsClientFor: (config: PmsConfig) => c.pms.forConfig(config),
    clock: c.clock,
  };
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const message = readMessage(record.body);
    if (!message) {
      logger.error('Unreadable webhook queue message dropped', { messageId: record.messageId });
      continue;
    }
    try {
      const outcome = await processPmsWebhook(deps, message);
      metrics.addDimensions({ vendor: message.vendor });
      metrics.addMetric(`WebhookEvent${outcome.status.charAt(0)}${outcome.status.slice(1).toLowerCase()}`, MetricUnit.Count, 1);
      publishMetrics();
      const log = outcome.status === 'FAILED' ? logger.warn.bind(logger) : logger.info.bind(logger);
      log('PMS webhook event processed', { ...message, ...outcome });
    } catch (error) {
      metrics.addDimensions({ vendor: message.vendor });
      metrics.addMetric('WebhookEventRetry', MetricUnit.Count, 1);
      publishMetrics();
      logger.warn('PMS webhook event will be retried', { ...message, error: error as Error });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}
