import { hotelOperationDeps } from '#composition/booking-lifecycle.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentAdminBooking } from '#http/presenters/booking.presenter.ts';
import { bookingLifecycleRoutes } from '#http/routes/booking-lifecycle.routes.ts';
import { checkIn } from '#use-cases/bookings/lifecycle/hotel-operations.use-case.ts';

export const handler = apiHandler(bookingLifecycleRoutes.adminCheckIn, async ({ params }) =>
  ok(presentAdminBooking(await checkIn(hotelOperationDeps(), params.bookingId, 'admin'))),
);
