import { bookingReadDeps } from '#composition/bookings.deps.ts';
import { cursorCodec } from '#composition/cursors.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentAdminBooking } from '#http/presenters/booking.presenter.ts';
import { bookingRoutes } from '#http/routes/booking.routes.ts';
import { listBookings } from '#use-cases/bookings.use-cases.ts';

/**
 * The cursor codec (and its secret) is reached only when a page has a cursor to open or to hand out.
 * The cursor's scope includes the caller's hotels: a manager's merged list and an admin's list page
 * differently, and a cursor of one is refused by the other.
 */
export const handler = apiHandler(bookingRoutes.adminListBookings, async ({ query: { cursor, limit, ...filters }, access }) => {
  const hotels = access!.kind === 'all' ? '*' : [...access!.hotelIds].sort().join(',');
  const scope = { list: 'admin-bookings', filters: { ...filters, hotels } };
  const after = cursor === undefined ? undefined : (await cursorCodec()).open(scope, cursor);
  const page = await listBookings(bookingReadDeps().bookings, { ...filters, limit, ...(after ? { after } : {}) }, access!);
  const nextCursor = page.next && (await cursorCodec()).seal(scope, page.next);
  return ok(page.items.map((booking) => presentAdminBooking(booking, access!)), nextCursor ? { nextCursor } : {});
});
