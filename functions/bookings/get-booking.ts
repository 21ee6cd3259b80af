import { bookingReadDeps } from '#composition/bookings.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentBooking } from '#http/presenters/booking.presenter.ts';
import { bookingRoutes } from '#http/routes/booking.routes.ts';
import { getBookingFor } from '#use-cases/bookings.use-cases.ts';

export const handler = apiHandler(bookingRoutes.getBooking, async ({ params, principal }) =>
  ok(presentBooking(await getBookingFor(bookingReadDeps().bookings, params.bookingId, principal!))),
);
