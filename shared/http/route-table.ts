import { z } from 'zod';
import { defineRoute, type RouteDefinition } from './route.ts';
import { HealthResponse } from './schemas/health.schema.ts';
import {
  GetHotelResponse,
  HotelParams,
  ListHotelsQuery,
  ListHotelsResponse,
  ListRoomTypesResponse,
} from './schemas/hotel.schema.ts';
import { InventoryParams, InventoryQuery, InventoryResponse } from './schemas/inventory.schema.ts';
import {
  BookingParams,
  CheckoutBody,
  CheckoutConfirmedResponse,
  CheckoutHeaders,
  GetAdminBookingResponse,
  GetBookingResponse,
  ListBookingsQuery,
  ListBookingsResponse,
} from './schemas/booking.schema.ts';

/**
 * Every route of the HTTP API. CDK builds the API Gateway routes and one Lambda per entry from this
 * table (`infra/stacks/api-stack.ts`); the local server mounts the same entries
 * (`local/http-server.ts`); handlers take their validation schemas from here; and the OpenAPI
 * document is generated from it. Adding a route here is the only way to add one.
 */
export const routes = {
  health: defineRoute({
    method: 'GET',
    path: '/api/health',
    handler: 'health/get-health',
    auth: 'public',
    summary: 'Liveness check',
    tags: ['system'],
    permissions: [],
    response: HealthResponse,
  }),
  openApi: defineRoute({
    method: 'GET',
    path: '/api/openapi.json',
    handler: 'docs/get-openapi',
    auth: 'public',
    summary: 'This API as an OpenAPI 3.1 document',
    tags: ['system'],
    permissions: [],
    response: z.record(z.string(), z.unknown()),
  }),
  listHotels: defineRoute({
    method: 'GET',
    path: '/api/hotels',
    handler: 'hotels/list-hotels',
    auth: 'public',
    summary: 'List hotels, optionally in one city, by name',
    tags: ['catalog'],
    permissions: ['table:read'],
    query: ListHotelsQuery,
    response: ListHotelsResponse,
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
    response: GetHotelResponse,
    errors: { 404: 'NOT_FOUND' },
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
    response: ListRoomTypesResponse,
    errors: { 404: 'NOT_FOUND' },
  }),
  getInventory: defineRoute({
    method: 'GET',
    path: '/api/inventory/{hotelId}/{roomTypeId}',
    handler: 'inventory/get-inventory',
    auth: 'public',
    summary: 'Availability and price per night, both dates included, at most 366 days',
    tags: ['inventory'],
    permissions: ['table:read'],
    params: InventoryParams,
    query: InventoryQuery,
    response: InventoryResponse,
    errors: { 404: 'NOT_FOUND' },
  }),
  checkout: defineRoute({
    method: 'POST',
    path: '/api/booking/checkout',
    handler: 'booking/checkout',
    auth: 'public',
    summary:
      'Book and pay: holds the rooms, pre-authorizes, confirms in the PMS and captures. 201 when confirmed, 202 when still running after ~25 s.',
    tags: ['booking'],
    permissions: ['table:read', 'table:write', 'saga:start'],
    headers: CheckoutHeaders,
    body: CheckoutBody,
    response: CheckoutConfirmedResponse,
    successStatus: 201,
    errors: {
      402: 'PAYMENT_DECLINED',
      404: 'NOT_FOUND',
      409: 'SOLD_OUT',
      410: 'HOLD_EXPIRED',
      503: 'PMS_UNAVAILABLE | PAYMENT_UNAVAILABLE',
    },
    throttle: { burstLimit: 50, rateLimit: 20 },
  }),
  getBooking: defineRoute({
    method: 'GET',
    path: '/api/bookings/{bookingId}',
    handler: 'bookings/get-booking',
    auth: 'guest',
    summary: 'A booking and its timeline: for the guest who booked (same e-mail as the token) or an admin',
    tags: ['booking'],
    permissions: ['table:read'],
    params: BookingParams,
    response: GetBookingResponse,
    errors: { 404: 'NOT_FOUND' },
  }),
  adminListBookings: defineRoute({
    method: 'GET',
    path: '/api/admin/bookings',
    handler: 'admin/list-bookings',
    auth: 'admin',
    summary: 'Bookings by check-in date (newest first), filtered by status, hotel and date range; cursor-paginated',
    tags: ['admin'],
    permissions: ['table:read'],
    query: ListBookingsQuery,
    response: ListBookingsResponse,
  }),
  adminGetBooking: defineRoute({
    method: 'GET',
    path: '/api/admin/bookings/{bookingId}',
    handler: 'admin/get-booking',
    auth: 'admin',
    summary: 'One booking with guest details, payment and PMS state, and every saga step',
    tags: ['admin'],
    permissions: ['table:read'],
    params: BookingParams,
    response: GetAdminBookingResponse,
    errors: { 404: 'NOT_FOUND' },
  }),
} satisfies Record<string, RouteDefinition>;

export type RouteId = keyof typeof routes;

export const routeList: RouteDefinition[] = Object.values(routes);
