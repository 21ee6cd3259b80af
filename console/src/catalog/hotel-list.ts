import { HOTEL_STATUS_FILTERS, type AdminHotelListParams, type HotelStatusFilter } from '../api/types.ts';

/** The admin hotel list's filters as the URL holds them (`/hotels?status=inactive&q=busan`), so a filtered list can be linked. */
export interface HotelListFilters {
  status: HotelStatusFilter;
  q: string;
}

/** Unknown statuses fall back to `all` (the API's default), and the search is trimmed. */
export function hotelFiltersFrom(query: URLSearchParams): HotelListFilters {
  const status = query.get('status') ?? 'all';
  return {
    status: (HOTEL_STATUS_FILTERS as readonly string[]).includes(status) ? (status as HotelStatusFilter) : 'all',
    q: (query.get('q') ?? '').trim(),
  };
}

/** The page's URL for these filters: the defaults are left out, so `/hotels` is the whole list. */
export function hotelListPath(filters: HotelListFilters): string {
  const params = new URLSearchParams();
  if (filters.status !== 'all') params.set('status', filters.status);
  if (filters.q.trim()) params.set('q', filters.q.trim());
  const text = params.toString();
  return text ? `/hotels?${text}` : '/hotels';
}

/** The API query for a page of the list: an empty search is no search. */
export function hotelListParams(filters: HotelListFilters, limit: number, cursor?: string): AdminHotelListParams {
  return { status: filters.status, limit, ...(filters.q ? { q: filters.q } : {}), ...(cursor ? { cursor } : {}) };
}
