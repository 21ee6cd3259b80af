import { guestListDeps } from '#composition/bookings.deps.ts';
import { cursorCodec } from '#composition/cursors.ts';
import { clock } from '#composition/runtime.ts';
import { todayIn } from '#domain/dates.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentBooking } from '#http/presenters/booking.presenter.ts';
import { guestRoutes } from '#http/routes/guest.routes.ts';
import { listMyBookings } from '#use-cases/bookings.use-cases.ts';

/**
 * `GET /api/bookings`. The cursor is bound to the guest (their `sub` and verified e-mail are in its
 * scope), so a cursor cannot be replayed by another account. "Today" for upcoming/past is the UTC date.
 */
export const handler = apiHandler(guestRoutes.myBookings, async ({ query: { cursor, limit, ...filters }, principal }) => {
  const viewer = { subject: principal!.subject, ...(principal!.verifiedEmail ? { verifiedEmail: principal!.verifiedEmail } : {}), isAdmin: false };
  const scope = { list: 'my-bookings', filters: { ...filters, sub: viewer.subject, email: viewer.verifiedEmail?.toLowerCase() } };
  const after = cursor === undefined ? undefined : (await cursorCodec()).open(scope, cursor);
  const page = await listMyBookings(guestListDeps().bookings, viewer, {
    ...filters,
    today: todayIn('UTC', clock()()),
    limit,
    ...(after ? { after } : {}),
  });
  const nextCursor = page.next && (await cursorCodec()).seal(scope, page.next);
  return ok(page.items.map(presentBooking), nextCursor ? { nextCursor } : {});
});
