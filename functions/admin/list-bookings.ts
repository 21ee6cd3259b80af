import { container } from '#composition/container.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentAdminBooking } from '#http/presenters/booking.presenter.ts';
import { bookingRoutes } from '#http/routes/booking.routes.ts';
import { listBookings } from '#use-cases/bookings.use-cases.ts';

/** The cursor codec (and its secret) is reached only when a page has a cursor to open or to hand out. */
export const handler = apiHandler(bookingRoutes.adminListBookings, async ({ query: { cursor, limit, ...filters } }) => {
  const c = container();
  const scope = { list: 'admin-bookings', filters };
  const after = cursor === undefined ? undefined : (await c.cursors()).open(scope, cursor);
  const page = await listBookings(c.bookings, { ...filters, limit, after });
  const nextCursor = page.next && (await c.cursors()).seal(scope, page.next);
  return ok(page.items.map(presentAdminBooking), nextCursor ? { nextCursor } : {});
});
