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
  metrics.publishStoredMetrics();
}
