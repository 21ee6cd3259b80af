import { PUBLIC_CACHE_SECONDS } from '../cache-control.ts';
import { defineRoute, type RouteDefinition } from '../route.ts';
import { AvailabilityParams, AvailabilityQuery, AvailabilityResponse, SearchQuery, SearchResponse } from '../schemas/search.schema.ts';

/** Search and stay availability (issue 9): public, cached briefly by CloudFront (keyed on the query string). */
export const searchRoutes = {
  searchHotels: defineRoute({
    method: 'GET',
    path: '/api/hotels/search',
    handler: 'hotels/search-hotels',
    auth: 'public',
    summary:
      'Hotels that can host a whole stay (every night has the rooms, no restriction broken, occupancy fits), with the cheapest fitting room type and its total; in a city or around a point; filters, sort and cursor pages. 60 requests a minute per client IP',
    tags: ['catalog', 'search'],
    permissions: ['table:read', 'cursor:secret'],
    query: SearchQuery,
    responses: {
      200: {
        description: 'One page of hotels in the sort order; nextCursor continues it.',
        body: SearchResponse,
        headers: { 'cache-control': `public, max-age=${PUBLIC_CACHE_SECONDS.search}` },
      },
    },
    errors: ['BAD_CURSOR'],
  }),
  hotelAvailability: defineRoute({
    method: 'GET',
    path: '/api/hotels/{hotelId}/availability',
    handler: 'hotels/get-availability',
    auth: 'public',
    summary: "Every room type of a hotel that can host a stay, cheapest first: total, per-night prices, the restrictions in force and what is left",
    tags: ['catalog', 'search'],
    permissions: ['table:read'],
    params: AvailabilityParams,
    query: AvailabilityQuery,
    responses: {
      200: {
        description: 'The room types that can host the stay (empty when none can).',
        body: AvailabilityResponse,
        headers: { 'cache-control': `public, max-age=${PUBLIC_CACHE_SECONDS.availability}` },
      },
    },
    errors: ['NOT_FOUND', 'HOTEL_INACTIVE', 'OUTSIDE_BOOKING_WINDOW'],
  }),
} satisfies Record<string, RouteDefinition>;
