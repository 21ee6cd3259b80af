import { bookingReadDeps } from '#composition/bookings.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentAdminBooking } from '#http/presenters/booking.presenter.ts';
import { bookingRoutes } from '#http/routes/booking.routes.ts';
import { getBookingForAdmin } from '#use-cases/bookings.use-cases.ts';

export const handler = apiHandler(bookingRoutes.adminGetBooking, async ({ params }) =>
  ok(presentAdminBooking(await getBookingForAdmin(bookingReadDeps().bookings, params.bookingId))),
);
