import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/**
 * Business and integration metrics (CloudWatch EMF through Powertools), in one namespace so the
 * alarms in `infra/` find them. Metrics are flushed after each call site's unit of work with
 * `publishMetrics()`; locally they are printed as EMF lines only when POWERTOOLS_METRICS_DISABLED
 * is not set.
 */
export const METRICS_NAMESPACE = 'HotelBooking';

export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'hotel-booking' });

export { MetricUnit };

/** Emits what was recorded so far; safe to call when nothing was recorded. */
export function publishMetrics(): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}

/**
 * The response time of every call to a PMS, per vendor (seed 000's "PMS API response time"), and
 * a count of failed calls. Each is emitted at once as its own EMF record, because the vendor is a
 * per-call dimension.
 */
export function recordPmsCall(record: { vendor: string; operation: string; durationMs: number; ok: boolean }): void {
  const timing = metrics.singleMetric();
  timing.addDimension('Vendor', record.vendor);
  timing.addMetric('PmsResponseTime', MetricUnit.Milliseconds, record.durationMs);
  if (!record.ok) {
    const failed = metrics.singleMetric();
    failed.addDimension('Vendor', record.vendor);
    failed.addMetric('PmsCallFailed', MetricUnit.Count, 1);
  }
}
