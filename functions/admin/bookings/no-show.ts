import { cancellationDeps } from '#composition/booking-lifecycle.deps.ts';
import { config } from '#composition/runtime.ts';
import { apiHandler } from '#http/api-handler.ts';
import { cancellationResponse } from '#http/presenters/booking-lifecycle.presenter.ts';
import { bookingLifecycleRoutes } from '#http/routes/booking-lifecycle.routes.ts';
import { awaitChange } from '#use-cases/bookings/lifecycle/await-change.use-case.ts';
import { startNoShow } from '#use-cases/bookings/lifecycle/cancellation.use-case.ts';

/** An admin marks a no-show: the cancellation saga releases the nights and refunds what the terms give back. */
export const handler = apiHandler(bookingLifecycleRoutes.adminNoShow, async ({ params }) => {
  const deps = cancellationDeps();
  const started = await startNoShow(deps, { bookingId: params.bookingId, source: 'admin' });
  const { booking, change } = await awaitChange({ bookings: deps.bookings }, params.bookingId, started.change.changeId, { timeoutMs: config().changeWaitMs });
  return cancellationResponse(booking, change, started.plan);
});
