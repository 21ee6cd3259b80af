import { bookingReadDeps } from '#composition/bookings.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentAdminBooking } from '#http/presenters/booking.presenter.ts';
import { bookingRoutes } from '#http/routes/booking.routes.ts';
import { listBookings } from '#use-cases/bookings.use-cases.ts';

export const handler = apiHandler(bookingRoutes.adminListBookings, async ({ query }) => {
  const page = await listBookings(bookingReadDeps().bookings, query);
  return ok(page.items.map(presentAdminBooking), page.nextCursor ? { nextCursor: page.nextCursor } : {});
});
