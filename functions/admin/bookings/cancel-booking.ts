import { cancellationDeps } from '#composition/booking-lifecycle.deps.ts';
import { config } from '#composition/runtime.ts';
import { apiHandler } from '#http/api-handler.ts';
import { cancellationResponse } from '#http/presenters/booking-lifecycle.presenter.ts';
import { bookingLifecycleRoutes } from '#http/routes/booking-lifecycle.routes.ts';
import { awaitChange } from '#use-cases/bookings/lifecycle/await-change.use-case.ts';
import { startCancellation } from '#use-cases/bookings/lifecycle/cancellation.use-case.ts';

/** The hotel cancels (an admin): the same saga, everything refunded. Without a key, one hotel cancellation per booking. */
export const handler = apiHandler(bookingLifecycleRoutes.adminCancelBooking, async ({ params, headers }) => {
  const deps = cancellationDeps();
  const idempotencyKey = headers['idempotency-key'] ?? 'hotel-cancellation';
  const started = await startCancellation(deps, { bookingId: params.bookingId, by: 'hotel', idempotencyKey });
  const { booking, change } = await awaitChange({ bookings: deps.bookings }, params.bookingId, started.change.changeId, { timeoutMs: config().changeWaitMs });
  return cancellationResponse(booking, change, started.plan);
});
