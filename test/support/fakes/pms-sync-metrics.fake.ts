import type { PmsMetricName, PmsSyncMetrics } from '../../../shared/use-cases/pms/polling/pms-sync-metrics.ts';

export interface RecordedMetric {
  name: PmsMetricName;
  vendor: string;
  value: number;
}

/** Records every PMS sync metric data point, for tests that assert what was counted. */
export class FakePmsSyncMetrics implements PmsSyncMetrics {
  readonly recorded: RecordedMetric[] = [];

  record(name: PmsMetricName, vendor: string, value = 1): void {
    this.recorded.push({ name, vendor, value });
  }

  /** Test helper: the data points of one metric. */
  of(name: PmsMetricName): RecordedMetric[] {
    return this.recorded.filter((m) => m.name === name);
  }
}
