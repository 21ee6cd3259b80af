import { defineRoute, type RouteDefinition } from '../route.ts';
import { BookingParams, CheckoutBody, CheckoutConfirmedResponse, CheckoutHeaders, GetAdminBookingResponse, GetBookingResponse, ListBookingsQuery, ListBookingsResponse } from '../schemas/booking.schema.ts';

/** The booking routes; `route-table.ts` merges every area's table into the one route table. */
export const bookingRoutes = {
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
    permissions: ['table:read', 'cursor:secret'],
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
