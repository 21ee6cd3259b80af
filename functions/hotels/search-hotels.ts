import { searchDeps } from '#composition/catalog.deps.ts';
import { cursorCodec } from '#composition/cursors.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { publicCacheHeaders } from '#http/cache-control.ts';
import { presentSearchHit, searchPosition } from '#http/presenters/search.presenter.ts';
import { searchRoutes } from '#http/routes/search.routes.ts';
import { searchHotels } from '#use-cases/search/search-hotels.use-case.ts';

/** The cursor is the sealed sort key of the page's last hotel, bound to every other parameter. */
export const handler = apiHandler(searchRoutes.searchHotels, async ({ query: { cursor, limit, ...q } }) => {
  const scope = { list: 'hotel-search', filters: { ...q, amenities: q.amenities?.join(',') } };
  const position = cursor === undefined ? undefined : (await cursorCodec()).open(scope, cursor);
  const after = position && searchPosition.toKey(position);
  const page = await searchHotels(searchDeps(), {
    area: q.city !== undefined ? { kind: 'city', city: q.city } : { kind: 'circle', center: { latitude: q.lat!, longitude: q.lng! }, radiusKm: q.radiusKm! },
    checkIn: q.checkIn,
    checkOut: q.checkOut,
    guests: q.guests,
    rooms: q.rooms,
    ...(q.minPrice !== undefined ? { minPrice: q.minPrice } : {}),
    ...(q.maxPrice !== undefined ? { maxPrice: q.maxPrice } : {}),
    ...(q.amenities?.length ? { amenities: q.amenities } : {}),
    ...(q.roomType !== undefined ? { roomType: q.roomType } : {}),
    ...(q.starRating !== undefined ? { starRating: q.starRating } : {}),
    sortBy: q.sortBy,
    limit,
    ...(after ? { after } : {}),
  });
  const nextCursor = page.next && (await cursorCodec()).seal(scope, searchPosition.fromKey(page.next));
  return { ...ok(page.items.map((hit) => presentSearchHit(hit, q.rooms)), nextCursor ? { nextCursor } : {}), headers: publicCacheHeaders('search') };
});
