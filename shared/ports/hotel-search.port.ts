import type { IsoDate } from '#domain/dates.ts';
import type { SearchCriteria, SearchHit, SummaryNight } from '#domain/search.ts';

/** A search and the page wanted: the criteria, the page size, and where the previous page ended. */
export interface SearchRequest extends SearchCriteria {
  limit: number;
  /** The sort key of the previous page's last hit (`sortKeyOf`); absent for the first page. */
  after?: readonly (string | number)[];
}

export interface SearchResultPage {
  items: SearchHit[];
  /** The sort key to continue after; absent on the last page. */
  next?: (string | number)[];
  /** Requests made to the store for this page (the benchmark's "DynamoDB calls per search page"). */
  storageCalls: number;
}

/**
 * "Who can host this stay" (issue 9). Implementations answer exactly what `searchHitOf`,
 * `pageOfHits` and the criteria decide (`shared/domain/search.ts`): the DynamoDB adapter reads the
 * availability summary of a city (or of the geohash cells around a point) for the stay's dates and
 * decides in memory; an OpenSearch adapter would push the filters into its query
 * (docs/search.md). Either must return the same hotels in the same order.
 */
export interface HotelSearch {
  search(request: SearchRequest, now: Date): Promise<SearchResultPage>;
}

/** One hotel's summary nights: the stay-availability route reads every room type at once. */
export interface StayAvailabilityReader {
  /** The hotel's summary nights from `from` to `to`, both included, strongly consistent. */
  summaryNights(hotelId: string, from: IsoDate, to: IsoDate): Promise<SummaryNight[]>;
}

/**
 * Keeps the search's copy of a hotel's facts (name, city, location, stars, amenities, room types,
 * active) equal to the catalog: called after every catalog write that changes them. Counts and
 * prices never go through here: they move with the nights, in the nights' own transactions.
 */
export interface SearchIndexWriter {
  /** Re-stamps the facts on the hotel's summary nights from yesterday on; returns how many changed. */
  refreshHotel(hotelId: string, now: Date): Promise<{ nights: number; changed: number }>;
}
