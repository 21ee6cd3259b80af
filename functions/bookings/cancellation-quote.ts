import { cancellationDeps } from '#composition/booking-lifecycle.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentQuote } from '#http/presenters/booking-lifecycle.presenter.ts';
import { bookingLifecycleRoutes } from '#http/routes/booking-lifecycle.routes.ts';
import { getBookingFor } from '#use-cases/bookings.use-cases.ts';
import { cancellationQuote } from '#use-cases/bookings/lifecycle/cancellation.use-case.ts';

/** The guest's (or an admin's) quote: what cancelling now refunds and keeps. */
export const handler = apiHandler(bookingLifecycleRoutes.cancellationQuote, async ({ params, principal }) => {
  const deps = cancellationDeps();
  const booking = await getBookingFor(deps.bookings, params.bookingId, principal!);
  return ok(presentQuote(booking.bookingId, await cancellationQuote(deps, booking)));
});
