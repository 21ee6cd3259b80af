import { resolveBookingDeps } from '#composition/attention.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentResolve } from '#http/presenters/attention.presenter.ts';
import { attentionRoutes } from '#http/routes/attention.routes.ts';
import { resolveBooking } from '#use-cases/bookings/attention.use-cases.ts';

export const handler = apiHandler(attentionRoutes.adminResolveBooking, async ({ params, body, principal }) =>
  ok(presentResolve(await resolveBooking(resolveBookingDeps(), { bookingId: params.bookingId, by: principal?.subject ?? 'admin', note: body.note }))),
);
