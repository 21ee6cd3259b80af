import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logger } from './logger.ts';

/**
 * Business and integration metrics (CloudWatch EMF through Powertools), in one namespace so the
 * alarms in `infra/` find them. Metrics are flushed after each call site's unit of work with
 * `publishMetrics()`; locally they are printed as EMF lines only when POWERTOOLS_METRICS_DISABLED
 * is not set.
 */
export const METRICS_NAMESPACE = 'HotelBooking';

/**
 * Metrics' own diagnostics go to the structured logger. "No application metrics to publish" is the
 * normal case for most requests (only the cold start is counted), so it is a debug line, not a
 * warning on every invocation.
 */
const diagnostics = {
  debug: (...args: unknown[]) => logger.debug(String(args[0]), { args: args.slice(1) }),
  info: (...args: unknown[]) => logger.info(String(args[0])),
  error: (...args: unknown[]) => logger.error(String(args[0])),
  warn: (...args: unknown[]) =>
    String(args[0]).startsWith('No application metrics') ? logger.debug(String(args[0])) : logger.warn(String(args[0])),
};

export const metrics = new Metrics({
  namespace: METRICS_NAMESPACE,
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'hotel-booking',
  logger: diagnostics,
});

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
