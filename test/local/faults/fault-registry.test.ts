import { describe, expect, it } from 'vitest';
import { FaultRegistry, TIMEOUT_HANG_MS } from '../../../local/faults/fault-registry.ts';

describe('FaultRegistry', () => {
  it('uses up one time per request at the point, then lets requests through', () => {
    const faults = new FaultRegistry();
    faults.arm({ point: 'pms.confirm', mode: 'error', times: 2 });

    const taken = [faults.take('pms.confirm'), faults.take('pms.confirm'), faults.take('pms.confirm')];

    expect(taken).toEqual([{ mode: 'error', delayMs: 0 }, { mode: 'error', delayMs: 0 }, undefined]);
    expect(faults.list()).toEqual([]);
  });

  it('leaves a scoped fault to the requests of its vendor or hotel, and serves an unscoped one to anybody', () => {
    const faults = new FaultRegistry();
    faults.arm({ point: 'pms.confirm', mode: 'error', times: 1, hotelId: 'htl_jeju_oceanview' });
    faults.arm({ point: 'pms.confirm', mode: 'timeout', times: 1, vendor: 'opera' });

    const cloudbeds = faults.take('pms.confirm', { vendor: 'cloudbeds', hotelIds: ['318204', 'htl_seoul_hanriver'] });
    const opera = faults.take('pms.confirm', { vendor: 'opera', hotelIds: ['GNBS01', 'htl_seoul_gangnam'] });
    const jeju = faults.take('pms.confirm', { vendor: 'generic', hotelIds: ['jeju-oceanview', 'htl_jeju_oceanview'] });

    expect(cloudbeds).toBeUndefined();
    expect(opera).toEqual({ mode: 'timeout', delayMs: TIMEOUT_HANG_MS });
    expect(jeju).toEqual({ mode: 'error', delayMs: 0 });
  });

  it('holds a late answer as long as a timeout unless told otherwise', () => {
    const faults = new FaultRegistry();
    faults.arm({ point: 'pms.confirm', mode: 'late', times: 1 });
    faults.arm({ point: 'pms.cancel', mode: 'late', times: 1, delayMs: 15_000 });

    expect(faults.take('pms.confirm')).toEqual({ mode: 'late', delayMs: TIMEOUT_HANG_MS });
    expect(faults.take('pms.cancel')).toEqual({ mode: 'late', delayMs: 15_000 });
  });
});
