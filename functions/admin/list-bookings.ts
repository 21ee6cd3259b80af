import { container } from '#composition/container.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentAdminBooking } from '#http/presenters/booking.presenter.ts';
import { bookingRoutes } from '#http/routes/booking.routes.ts';
import { listBookings } from '#use-cases/bookings.use-cases.ts';

export const handler = apiHandler(bookingRoutes.adminListBookings, async ({ query: { cursor, limit, ...filters } }) => {
  const c = container();
  const cursors = await c.cursors();
  const scope = { list: 'admin-bookings', filters };
  const page = await listBookings(c.bookings, { ...filters, limit, after: cursors.open(scope, cursor) });
  return ok(page.items.map(presentAdminBooking), page.next ? { nextCursor: cursors.seal(scope, page.next) } : {});
});
