import { defineRoute, hotelStaff, type RouteDefinition } from '../route.ts';
import { BookingMeasuresQuery, BookingMeasuresResponse } from '../schemas/metrics.schema.ts';

/** Measures for the console's dashboard (issue 10), computed on read from what is stored. */
export const metricsRoutes = {
  adminBookingMeasures: defineRoute({
    method: 'GET',
    path: '/api/admin/metrics/bookings',
    handler: 'admin/metrics/booking-measures',
    auth: hotelStaff.query('hotelId'),
    summary:
      "Per hotel and day (each hotel's today by default): arrivals, departures, guests in house, checkouts started with the booking success rate and the hold expiry rate, and bookings needing attention. A hotel manager gets their hotels",
    tags: ['admin'],
    permissions: ['table:read'],
    query: BookingMeasuresQuery,
    responses: { 200: { description: 'One entry per hotel, in the catalog order.', body: BookingMeasuresResponse } },
    errors: ['NOT_FOUND'],
  }),
} satisfies Record<string, RouteDefinition>;
