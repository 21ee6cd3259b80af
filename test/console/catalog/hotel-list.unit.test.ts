import { describe, expect, it } from 'vitest';
import { hotelFiltersFrom, hotelListParams, hotelListPath } from '../../../console/src/catalog/hotel-list.ts';

describe('hotel list filters', () => {
  it('reads the filters from the URL, falling back to every hotel for an unknown status', () => {
    expect(hotelFiltersFrom(new URLSearchParams('status=inactive&q=%20busan%20'))).toEqual({ status: 'inactive', q: 'busan' });
    expect(hotelFiltersFrom(new URLSearchParams('status=gone'))).toEqual({ status: 'all', q: '' });
  });

  it('writes the URL without the defaults, and round-trips', () => {
    expect(hotelListPath({ status: 'all', q: '' })).toBe('/hotels');
    const path = hotelListPath({ status: 'active', q: 'Jeju Ocean' });
    expect(path).toBe('/hotels?status=active&q=Jeju+Ocean');
    expect(hotelFiltersFrom(new URLSearchParams(path.split('?')[1]))).toEqual({ status: 'active', q: 'Jeju Ocean' });
  });

  it('asks the API without an empty search, with the cursor of the next page', () => {
    expect(hotelListParams({ status: 'all', q: '' }, 25)).toEqual({ status: 'all', limit: 25 });
    expect(hotelListParams({ status: 'inactive', q: 'seoul' }, 25, 'c1.x')).toEqual({ status: 'inactive', q: 'seoul', limit: 25, cursor: 'c1.x' });
  });
});
