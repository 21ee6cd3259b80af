import { MAX_ROOMS } from '#domain/booking.ts';
import { addDays, daysBetween, todayIn } from '#domain/dates.ts';
import { ValidationError, type FieldIssue } from '#domain/errors.ts';
import { SEARCH_MAX_NIGHTS } from '#domain/search.ts';
import type { HotelSearch, SearchRequest, SearchResultPage } from '#ports/hotel-search.port.ts';

/**
 * `GET /api/hotels/search` (issue 9): the checks a search's parameters need together (the route's
 * schema checks each one alone), then the search port. Whether a hotel can host the stay is the
 * domain's rule (`searchHitOf`), the same checkout applies.
 */
export async function searchHotels(deps: { search: HotelSearch; clock: () => Date }, request: SearchRequest): Promise<SearchResultPage> {
  const issues: FieldIssue[] = [];
  const nights = daysBetween(request.checkIn, request.checkOut);
  if (nights < 1) issues.push({ field: 'query.checkOut', message: 'must be after checkIn' });
  if (nights > SEARCH_MAX_NIGHTS) issues.push({ field: 'query.checkOut', message: `a stay is at most ${SEARCH_MAX_NIGHTS} nights` });
  // Somewhere on Earth it is still yesterday (UTC-12): each hotel then judges "the past" in its own zone.
  const earliest = addDays(todayIn('UTC', deps.clock()), -1);
  if (request.checkIn < earliest) issues.push({ field: 'query.checkIn', message: 'is in the past' });
  if (request.rooms > MAX_ROOMS) issues.push({ field: 'query.rooms', message: `must be at most ${MAX_ROOMS}` });
  if (request.minPrice !== undefined && request.maxPrice !== undefined && request.minPrice > request.maxPrice) {
    issues.push({ field: 'query.maxPrice', message: 'must not be below minPrice' });
  }
  if (request.sortBy === 'distance' && request.area.kind !== 'circle') {
    issues.push({ field: 'query.sortBy', message: 'distance needs a point: give lat, lng and radiusKm' });
  }
  if (issues.length > 0) {
    throw new ValidationError(`The search is not valid (${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}).`, issues);
  }
  return deps.search.search(request, deps.clock());
}
