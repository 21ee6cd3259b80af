import { cancellationDeps } from '#composition/booking-lifecycle.deps.ts';
import { config } from '#composition/runtime.ts';
import { InvalidTransitionError } from '#domain/booking-errors.ts';
import { apiHandler } from '#http/api-handler.ts';
import { cancellationResponse } from '#http/presenters/booking-lifecycle.presenter.ts';
import { bookingLifecycleRoutes } from '#http/routes/booking-lifecycle.routes.ts';
import { getBookingForAdmin } from '#use-cases/bookings.use-cases.ts';
import { awaitChange } from '#use-cases/bookings/lifecycle/await-change.use-case.ts';
import { startRefundOwed } from '#use-cases/bookings/lifecycle/cancellation.use-case.ts';

/** An admin refunds what a booking is owed now, instead of waiting for the RefundsOwed job. */
export const handler = apiHandler(bookingLifecycleRoutes.adminRefundBooking, async ({ params }) => {
  const deps = cancellationDeps();
  const before = await getBookingForAdmin(deps.bookings, params.bookingId);
  const started = await startRefundOwed(deps, { bookingId: params.bookingId, by: 'hotel' });
  // Nothing owed: the machine has no refund to make from this status.
  if (!started) throw new InvalidTransitionError(before.status, 'REFUNDED', 'refund');
  const { booking, change } = await awaitChange({ bookings: deps.bookings }, params.bookingId, started.change.changeId, { timeoutMs: config().changeWaitMs });
  return cancellationResponse(booking, change, started.plan);
});
