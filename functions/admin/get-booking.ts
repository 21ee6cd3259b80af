import { bookingReadDeps } from '#composition/bookings.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentAdminBooking } from '#http/presenters/booking.presenter.ts';
import { bookingRoutes } from '#http/routes/booking.routes.ts';
import { getBookingForStaff } from '#use-cases/bookings.use-cases.ts';

export const handler = apiHandler(bookingRoutes.adminGetBooking, async ({ params, access }) =>
  ok(presentAdminBooking(await getBookingForStaff(bookingReadDeps().bookings, params.bookingId, access!), access!)),
);
