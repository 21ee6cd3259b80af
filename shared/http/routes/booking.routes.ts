import { defineRoute, hotelStaff, type RouteDefinition } from '../route.ts';
import {
  BookingParams,
  CheckoutBody,
  CheckoutConfirmedResponse,
  CheckoutHeaders,
  CheckoutPendingResponse,
  GetAdminBookingResponse,
  GetBookingResponse,
  ListBookingsQuery,
  ListBookingsResponse,
} from '../schemas/booking.schema.ts';

/** The booking routes; `route-table.ts` merges every area's table into the one route table. */
export const bookingRoutes = {
  checkout: defineRoute({
    method: 'POST',
    path: '/api/booking/checkout',
    handler: 'booking/checkout',
    // Anonymous guests may book; a signed-in guest's booking belongs to their account.
    auth: 'optional',
    summary:
      'Book and pay: holds the rooms, pre-authorizes, confirms in the PMS and captures. 201 when confirmed, 202 when still running after ~25 s. With a guest token the booking belongs to that account.',
    tags: ['booking'],
    permissions: ['table:read', 'table:write', 'saga:start'],
    headers: CheckoutHeaders,
    body: CheckoutBody,
    responses: {
      201: { description: 'Booked: the rooms are held, the PMS confirmed, the payment captured.', body: CheckoutConfirmedResponse },
      202: {
        description: 'Accepted and still running after CHECKOUT_WAIT_MS: poll the booking at Location (GET /api/bookings/{bookingId}).',
        body: CheckoutPendingResponse,
        headers: { location: 'The booking to poll: /api/bookings/{bookingId}' },
      },
    },
    // A failed booking answers its failure code with details.bookingId (booking.presenter.ts).
    errors: [
      'NOT_FOUND',
      'IDEMPOTENCY_KEY_REUSED',
      'HOTEL_INACTIVE',
      'OUTSIDE_BOOKING_WINDOW',
      'SAME_DAY_CUTOFF',
      'MIN_STAY',
      'MAX_STAY',
      'CLOSED_TO_ARRIVAL',
      'CLOSED_TO_DEPARTURE',
      'STOP_SELL',
      'PAYMENT_DECLINED',
      'SOLD_OUT',
      'HOLD_EXPIRED',
      'PMS_UNAVAILABLE',
      'PAYMENT_UNAVAILABLE',
      'STORAGE_CONTENTION',
    ],
    throttle: { burstLimit: 50, rateLimit: 20 },
  }),
  getBooking: defineRoute({
    method: 'GET',
    path: '/api/bookings/{bookingId}',
    handler: 'bookings/get-booking',
    auth: 'guest',
    summary:
      "A booking and its timeline: for its owner (booked signed in), for a guest whose verified e-mail it was booked with (booked without an account), or an admin",
    tags: ['booking'],
    permissions: ['table:read'],
    params: BookingParams,
    responses: { 200: { description: 'The booking and its timeline.', body: GetBookingResponse } },
    errors: ['NOT_FOUND'],
  }),
  adminListBookings: defineRoute({
    method: 'GET',
    path: '/api/admin/bookings',
    handler: 'admin/list-bookings',
    auth: hotelStaff.query('hotelId'),
    summary:
      "Bookings by check-in date (newest first), filtered by status, hotel and date range; cursor-paginated. With `q`, a search: by booking id, guest e-mail (exact) or the start of a guest name, combined with the filters (names in name order, an e-mail's bookings newest booked first). A hotel manager sees their hotels' bookings, with the guest's e-mail and phone masked",
    tags: ['admin'],
    permissions: ['table:read', 'cursor:secret'],
    query: ListBookingsQuery,
    responses: { 200: { description: 'One page; nextCursor continues it and is absent on the last page.', body: ListBookingsResponse } },
    errors: ['BAD_CURSOR'],
  }),
  adminGetBooking: defineRoute({
    method: 'GET',
    path: '/api/admin/bookings/{bookingId}',
    handler: 'admin/get-booking',
    auth: hotelStaff.booking('bookingId'),
    summary: 'One booking with guest details, payment and PMS state, and every saga step; a hotel manager sees their hotels\' bookings (contact masked)',
    tags: ['admin'],
    permissions: ['table:read'],
    params: BookingParams,
    responses: { 200: { description: 'The booking with guest details, payment and PMS state.', body: GetAdminBookingResponse } },
    errors: ['NOT_FOUND'],
  }),
} satisfies Record<string, RouteDefinition>;
