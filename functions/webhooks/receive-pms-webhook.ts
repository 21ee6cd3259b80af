import { receiveWebhookDeps } from '#composition/pms-webhooks.deps.ts';
import { DomainError } from '#domain/errors.ts';
import { isWebhookVendor } from '#domain/webhook.ts';
import { WebhookSignatureInvalidError } from '#domain/webhook-errors.ts';
import { apiHandler, ok, type HttpApiEvent } from '#http/api-handler.ts';
import { pmsRoutes } from '#http/routes/pms.routes.ts';
import { logger } from '#observability/logger.ts';
import { metrics, MetricUnit } from '#observability/metrics.ts';
import { receivePmsWebhook, type ReceiveWebhookResult } from '#use-cases/pms/webhooks/receive-pms-webhook.use-case.ts';

/** The body's bytes as the sender sent them (API Gateway base64-encodes non-text bodies). */
function rawBodyOf(event: HttpApiEvent): Buffer {
  if (event.body === undefined || event.body === null) return Buffer.alloc(0);
  return Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
}

/**
 * Counts accepted / duplicate / ignored / rejected deliveries per vendor (rejections also per
 * reason); `logMetrics` publishes them, and clears the dimensions, when the invocation ends.
 */
function count(name: string, dimensions: Record<string, string>): void {
  metrics.addDimensions(dimensions);
  metrics.addMetric(name, MetricUnit.Count, 1);
}

const METRIC_BY_OUTCOME: Record<ReceiveWebhookResult['outcome'], string> = {
  accepted: 'WebhookAccepted',
  duplicate: 'WebhookDuplicate',
  ignored: 'WebhookIgnored',
};

/**
 * `POST /api/webhooks/pms/{vendor}`: verify, store once, queue; never apply here, so the PMS gets
 * its answer well within a second. The route declares no body: the signature covers the raw bytes.
 */
export const handler = apiHandler(pmsRoutes.pmsWebhook, async ({ params, query, event }) => {
  const vendor = isWebhookVendor(params.vendor) || params.vendor === 'opera' ? params.vendor : 'other';
  try {
    const result = await receivePmsWebhook(await receiveWebhookDeps(), {
      vendor: params.vendor,
      rawBody: rawBodyOf(event),
      headers: event.headers ?? {},
      ...(query.token ? { token: query.token } : {}),
    });
    count(METRIC_BY_OUTCOME[result.outcome], { vendor });
    logger.info('PMS webhook received', { vendor, eventId: result.eventId, outcome: result.outcome });
    const receipt = { eventId: result.eventId, duplicate: result.outcome === 'duplicate', ignored: result.outcome === 'ignored' };
    return ok(receipt, {}, result.outcome === 'accepted' ? 202 : 200);
  } catch (error) {
    const reason = error instanceof WebhookSignatureInvalidError ? error.reason : error instanceof DomainError ? error.code : 'error';
    count('WebhookRejected', { vendor, reason });
    throw error;
  }
});
