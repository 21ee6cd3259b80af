import { roomAssignmentDeps } from '#composition/rooms.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentAdminBooking } from '#http/presenters/booking.presenter.ts';
import { roomRoutes } from '#http/routes/rooms.routes.ts';
import { getBookingForStaff } from '#use-cases/bookings.use-cases.ts';
import { assignRooms } from '#use-cases/rooms/assign-rooms.use-case.ts';

/** `PUT /api/admin/bookings/{id}/room`: staff (re)assign rooms with the same per-night guard as the job. */
export const handler = apiHandler(roomRoutes.adminAssignRoom, async ({ params, body, principal, access }) => {
  const deps = roomAssignmentDeps();
  await assignRooms(deps, {
    bookingId: params.bookingId,
    source: 'admin',
    by: principal!.subject,
    roomIds: body.roomIds ?? [body.roomId!],
    access: access!,
  });
  return ok(presentAdminBooking(await getBookingForStaff(deps.bookings, params.bookingId, access!), access!));
});
