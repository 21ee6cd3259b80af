import { container } from '#composition/container.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentBooking } from '#http/presenters/booking.presenter.ts';
import { routes } from '#http/route-table.ts';
import { getBookingFor } from '#use-cases/bookings.use-cases.ts';

export const handler = apiHandler(routes.getBooking, async ({ params, principal }) =>
  ok(presentBooking(await getBookingFor(container().bookings, params.bookingId, principal!))),
);
