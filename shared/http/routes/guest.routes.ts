import { defineRoute, type RouteDefinition } from '../route.ts';
import { MyBookingsQuery, MyBookingsResponse } from '../schemas/booking.schema.ts';

/** The signed-in guest's own routes (issue 8: guest accounts). */
export const guestRoutes = {
  myBookings: defineRoute({
    method: 'GET',
    path: '/api/bookings',
    handler: 'bookings/list-my-bookings',
    auth: 'guest',
    summary:
      'My bookings, newest booked first: those made signed in to this account and, when the token\'s e-mail is verified, those made without an account with that e-mail; filtered by status and upcoming/past; cursor-paginated',
    tags: ['booking'],
    permissions: ['table:read', 'cursor:secret'],
    query: MyBookingsQuery,
    responses: { 200: { description: 'One page; nextCursor continues it and is absent on the last page.', body: MyBookingsResponse } },
    errors: ['BAD_CURSOR'],
  }),
} satisfies Record<string, RouteDefinition>;
