import { PUBLIC_CACHE_SECONDS } from '../cache-control.ts';
import { defineRoute, type RouteDefinition } from '../route.ts';
import { GetHotelResponse, HotelParams, ListHotelsQuery, ListHotelsResponse, ListRoomTypesResponse } from '../schemas/hotel.schema.ts';
import { InventoryParams, InventoryQuery, InventoryResponse } from '../schemas/inventory.schema.ts';

const CATALOG_CACHE = { 'cache-control': `public, max-age=${PUBLIC_CACHE_SECONDS.catalog}: shared caches (CloudFront) may reuse it that long` };

/** The catalog routes; `route-table.ts` merges every area's table into the one route table. */
export const catalogRoutes = {
  listHotels: defineRoute({
    method: 'GET',
    path: '/api/hotels',
    handler: 'hotels/list-hotels',
    auth: 'public',
    summary: 'List active hotels, optionally in one city, by name (unknown parameters are refused: stays are searched at /api/hotels/search)',
    tags: ['catalog'],
    permissions: ['table:read'],
    query: ListHotelsQuery,
    responses: { 200: { description: 'One page of active hotels, with page numbers and totals.', body: ListHotelsResponse, headers: CATALOG_CACHE } },
  }),
  getHotel: defineRoute({
    method: 'GET',
    path: '/api/hotels/{hotelId}',
    handler: 'hotels/get-hotel',
    auth: 'public',
    summary: 'One hotel',
    tags: ['catalog'],
    permissions: ['table:read'],
    params: HotelParams,
    responses: { 200: { description: 'The hotel (isActive false once deactivated).', body: GetHotelResponse, headers: CATALOG_CACHE } },
    errors: ['NOT_FOUND'],
  }),
  listRoomTypes: defineRoute({
    method: 'GET',
    path: '/api/hotels/{hotelId}/room-types',
    handler: 'hotels/list-room-types',
    auth: 'public',
    summary: "A hotel's room types with media and rate plans",
    tags: ['catalog'],
    permissions: ['table:read'],
    params: HotelParams,
    responses: { 200: { description: 'The active room types with their active rate plans.', body: ListRoomTypesResponse, headers: CATALOG_CACHE } },
    errors: ['NOT_FOUND'],
  }),
  getInventory: defineRoute({
    method: 'GET',
    path: '/api/inventory/{hotelId}/{roomTypeId}',
    handler: 'inventory/get-inventory',
    auth: 'public',
    summary:
      'Availability and price per night, both dates included, at most 366 days (404 for an unknown or deactivated room type, as its checkout). Nights never synced are fetched from the PMS; when it is down, stored nights come with stale: true.',
    tags: ['inventory'],
    // Nights never synced are fetched from the hotel's PMS and written through.
    permissions: ['table:read', 'table:write', 'pms:credentials', 'events:publish'],
    params: InventoryParams,
    query: InventoryQuery,
    responses: { 200: { description: 'One entry per night known, in date order; stale marks nights the PMS could not confirm.', body: InventoryResponse } },
    errors: ['NOT_FOUND'],
  }),
} satisfies Record<string, RouteDefinition>;
