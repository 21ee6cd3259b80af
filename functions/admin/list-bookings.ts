import { bookingSearchDeps } from '#composition/bookings.deps.ts';
import { cursorCodec } from '#composition/cursors.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentAdminBooking } from '#http/presenters/booking.presenter.ts';
import { bookingRoutes } from '#http/routes/booking.routes.ts';
import { listBookings, searchBookings } from '#use-cases/bookings.use-cases.ts';

/**
 * The cursor codec (and its secret) is reached only when a page has a cursor to open or to hand out.
 * The cursor's scope includes the caller's hotels and the search text: a manager's merged list and an
 * admin's list page differently, a search pages its own index, and a cursor of one is refused by the
 * others.
 */
export const handler = apiHandler(bookingRoutes.adminListBookings, async ({ query: { cursor, limit, q, ...filters }, access }) => {
  const hotels = access!.kind === 'all' ? '*' : [...access!.hotelIds].sort().join(',');
  const scope = { list: q === undefined ? 'admin-bookings' : 'admin-bookings-search', filters: { ...filters, hotels, ...(q === undefined ? {} : { q }) } };
  const after = cursor === undefined ? undefined : (await cursorCodec()).open(scope, cursor);
  const deps = bookingSearchDeps();
  const query = { ...filters, limit, ...(after ? { after } : {}) };
  const page = q === undefined ? await listBookings(deps.bookings, query, access!) : await searchBookings(deps, { ...query, q }, access!);
  const nextCursor = page.next && (await cursorCodec()).seal(scope, page.next);
  return ok(page.items.map((booking) => presentAdminBooking(booking, access!)), nextCursor ? { nextCursor } : {});
});
