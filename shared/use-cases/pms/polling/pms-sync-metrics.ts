import type { PmsVendor } from '#domain/pms.ts';
import { metrics, MetricUnit } from '#observability/metrics.ts';

/**
 * The metrics of keeping our inventory in step with the PMSs: polls, the circuit breaker, pauses
 * and live reads. Every one carries the dimension `Vendor` (plus Powertools' default `service`),
 * in the `HotelBooking` namespace, so the CDK alarms can be written against these names:
 *
 * - `PmsPollSucceeded` / `PmsPollFailed` (Count, 1 per poll).
 * - `PmsConsecutiveFailures` (Count, value = the config's consecutive failed polls after this
 *   poll, 0 after a success): alarm on Maximum >= 5.
 * - `PmsCircuitOpened` (Count, 1 each time a config's circuit opens, from a poll or a read): alarm
 *   on Sum >= 1.
 * - `PmsCircuitState` (None, 0 closed / 1 half-open / 2 open, after each poll or circuit change).
 * - `PmsPollingPaused` (Count, 1 when a config is paused after 5 failed polls): alarm on Sum >= 1.
 * - `PmsPollsDeferred` (Count, polls due but not started because the run was out of time).
 * - `PmsLiveReadSucceeded` / `PmsLiveReadFailed` (Count): never-synced nights fetched from the PMS
 *   during an inventory read, or that fetch failing (then stale values are served).
 * - `PmsStaleInventoryServed` (Count, 1 per inventory answer that carried `stale: true`).
 */
export const PMS_METRIC = {
  pollSucceeded: 'PmsPollSucceeded',
  pollFailed: 'PmsPollFailed',
  consecutiveFailures: 'PmsConsecutiveFailures',
  circuitOpened: 'PmsCircuitOpened',
  circuitState: 'PmsCircuitState',
  pollingPaused: 'PmsPollingPaused',
  pollsDeferred: 'PmsPollsDeferred',
  liveReadSucceeded: 'PmsLiveReadSucceeded',
  liveReadFailed: 'PmsLiveReadFailed',
  staleInventoryServed: 'PmsStaleInventoryServed',
} as const;

export type PmsMetricName = (typeof PMS_METRIC)[keyof typeof PMS_METRIC];

/** The dimension every PMS sync metric is split by. */
export const PMS_METRIC_VENDOR_DIMENSION = 'Vendor';

/** Where the use cases record metrics; a port, so tests can read what was recorded. */
export interface PmsSyncMetrics {
  record(name: PmsMetricName, vendor: PmsVendor | string, value?: number): void;
}

/**
 * Powertools EMF, one metric per line: a dispatcher run polls several vendors, and a line can
 * only have one set of dimensions, so each data point is flushed alone with its own `Vendor`.
 */
export const powertoolsPmsSyncMetrics: PmsSyncMetrics = {
  record(name, vendor, value = 1) {
    const single = metrics.singleMetric();
    single.addDimension(PMS_METRIC_VENDOR_DIMENSION, vendor);
    single.addMetric(name, name === PMS_METRIC.circuitState ? MetricUnit.NoUnit : MetricUnit.Count, value);
  },
};

/** Records nothing (callers that do not measure). */
export const noPmsSyncMetrics: PmsSyncMetrics = { record() {} };
