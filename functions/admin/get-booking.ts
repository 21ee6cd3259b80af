import { container } from '#composition/container.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentAdminBooking } from '#http/presenters/booking.presenter.ts';
import { routes } from '#http/route-table.ts';
import { getBookingForAdmin } from '#use-cases/bookings.use-cases.ts';

export const handler = apiHandler(routes.adminGetBooking, async ({ params }) =>
  ok(presentAdminBooking(await getBookingForAdmin(container().bookings, params.bookingId))),
);
