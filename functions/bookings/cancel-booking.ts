import { cancellationDeps } from '#composition/booking-lifecycle.deps.ts';
import { config } from '#composition/runtime.ts';
import { apiHandler } from '#http/api-handler.ts';
import { cancellationResponse } from '#http/presenters/booking-lifecycle.presenter.ts';
import { bookingLifecycleRoutes } from '#http/routes/booking-lifecycle.routes.ts';
import { getBookingFor } from '#use-cases/bookings.use-cases.ts';
import { awaitChange } from '#use-cases/bookings/lifecycle/await-change.use-case.ts';
import { startCancellation } from '#use-cases/bookings/lifecycle/cancellation.use-case.ts';

/** The guest cancels: the cancellation saga runs, the request waits up to CHANGE_WAIT_MS for it. */
export const handler = apiHandler(bookingLifecycleRoutes.cancelBooking, async ({ params, headers, principal }) => {
  const deps = cancellationDeps();
  await getBookingFor(deps.bookings, params.bookingId, principal!);
  const started = await startCancellation(deps, { bookingId: params.bookingId, by: 'guest', idempotencyKey: headers['idempotency-key'] });
  const { booking, change } = await awaitChange({ bookings: deps.bookings }, params.bookingId, started.change.changeId, { timeoutMs: config().changeWaitMs });
  return cancellationResponse(booking, change, started.plan);
});
