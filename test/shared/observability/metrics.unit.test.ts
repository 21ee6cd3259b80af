import { afterEach, describe, expect, it, vi } from 'vitest';
import { metrics, MetricUnit, publishMetrics, recordPmsCall } from '../../../shared/observability/metrics.ts';

describe('recordPmsCall', () => {
  afterEach(() => vi.restoreAllMocks());

  function fakeSingleMetrics() {
    const made: Array<{ dimensions: Record<string, string>; metrics: Array<[string, string, number]> }> = [];
    vi.spyOn(metrics, 'singleMetric').mockImplementation(() => {
      const entry = { dimensions: {} as Record<string, string>, metrics: [] as Array<[string, string, number]> };
      made.push(entry);
      return {
        addDimension: (name: string, value: string) => void (entry.dimensions[name] = value),
        addMetric: (name: string, unit: string, value: number) => void entry.metrics.push([name, unit, value]),
      } as unknown as ReturnType<typeof metrics.singleMetric>;
    });
    return made;
  }

  it('records the response time of every PMS call by vendor', () => {
    const made = fakeSingleMetrics();
    recordPmsCall({ vendor: 'cloudbeds', operation: 'getNights', durationMs: 42, ok: true });
    expect(made).toEqual([{ dimensions: { Vendor: 'cloudbeds' }, metrics: [['PmsResponseTime', MetricUnit.Milliseconds, 42]] }]);
  });

  it('counts a failed call as well', () => {
    const made = fakeSingleMetrics();
    recordPmsCall({ vendor: 'opera', operation: 'createReservation', durationMs: 8000, ok: false });
    expect(made.map((m) => m.metrics[0]![0])).toEqual(['PmsResponseTime', 'PmsCallFailed']);
    expect(made[1]!.dimensions).toEqual({ Vendor: 'opera' });
  });
});

describe('publishMetrics', () => {
  afterEach(() => vi.restoreAllMocks());

  it('publishes only when something was recorded, so empty invocations log no warning', () => {
    const publish = vi.spyOn(metrics, 'publishStoredMetrics');
    vi.spyOn(metrics, 'hasStoredMetrics').mockReturnValueOnce(false).mockReturnValueOnce(true);
    publishMetrics();
    publishMetrics();
    expect(publish).toHaveBeenCalledTimes(1);
  });
});
