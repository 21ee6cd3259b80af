import { defineRoute, type RouteDefinition } from '../route.ts';
import { AttentionResponse, ResolveBookingBody, ResolveBookingResponse, RetryCompensationResponse } from '../schemas/attention.schema.ts';
import { BookingParams } from '../schemas/booking.schema.ts';

/**
 * "Needs attention" (issue 10, page 3): bookings whose compensation failed after its retries. The
 * list is `GET /api/admin/bookings?status=NEEDS_ATTENTION`; these routes read what one still holds
 * and close it. Both actions are idempotent and leave who, when, note and outcome on the booking.
 */
export const attentionRoutes = {
  adminGetBookingAttention: defineRoute({
    method: 'GET',
    path: '/api/admin/bookings/{bookingId}/attention',
    handler: 'admin/attention/get-attention',
    auth: 'admin',
    summary:
      'What a booking still holds, asked of the payment gateway, the PMS and its hold (open authorizations, money kept, live PMS reservations, rooms), with its failed steps and the compensations a retry would re-run',
    tags: ['admin', 'attention'],
    permissions: ['table:read', 'payments:secret', 'pms:credentials'],
    params: BookingParams,
    responses: { 200: { description: 'The booking, its failures and what is still held; a source that cannot be asked says why.', body: AttentionResponse } },
    errors: ['NOT_FOUND'],
  }),
  adminRetryCompensation: defineRoute({
    method: 'POST',
    path: '/api/admin/bookings/{bookingId}/retry-compensation',
    handler: 'admin/attention/retry-compensation',
    auth: 'admin',
    summary:
      'Re-run only the compensations of a NEEDS_ATTENTION booking that did not succeed, each deciding from the gateway and the PMS (never undoing twice). All succeed: the booking is FAILED with its resolution. Idempotent: once resolved, answers ALREADY_RESOLVED',
    tags: ['admin', 'attention'],
    permissions: ['table:read', 'table:write', 'payments:secret', 'pms:credentials'],
    params: BookingParams,
    responses: {
      200: {
        description: 'RESOLVED (all succeeded), STILL_FAILING (the booking stays NEEDS_ATTENTION; the attempt is on its timeline) or ALREADY_RESOLVED.',
        body: RetryCompensationResponse,
      },
    },
    errors: ['NOT_FOUND', 'BOOKING_NOT_IN_ATTENTION'],
  }),
  adminResolveBooking: defineRoute({
    method: 'POST',
    path: '/api/admin/bookings/{bookingId}/resolve',
    handler: 'admin/attention/resolve-booking',
    auth: 'admin',
    summary:
      'Mark a NEEDS_ATTENTION booking resolved after settling it by hand, with a required note; nothing is undone. The booking becomes FAILED with its resolution. Idempotent: the first resolution stands',
    tags: ['admin', 'attention'],
    permissions: ['table:read', 'table:write'],
    params: BookingParams,
    body: ResolveBookingBody,
    responses: { 200: { description: 'RESOLVED, or ALREADY_RESOLVED with the resolution that stands.', body: ResolveBookingResponse } },
    errors: ['NOT_FOUND', 'BOOKING_NOT_IN_ATTENTION'],
  }),
} satisfies Record<string, RouteDefinition>;
