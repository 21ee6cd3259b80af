import { modificationDeps } from '#composition/booking-lifecycle.deps.ts';
import { config } from '#composition/runtime.ts';
import { apiHandler } from '#http/api-handler.ts';
import { modificationResponse } from '#http/presenters/booking-lifecycle.presenter.ts';
import { bookingLifecycleRoutes } from '#http/routes/booking-lifecycle.routes.ts';
import { getBookingFor } from '#use-cases/bookings.use-cases.ts';
import { awaitChange } from '#use-cases/bookings/lifecycle/await-change.use-case.ts';
import { startModification } from '#use-cases/bookings/lifecycle/modification.use-case.ts';

/** The guest changes the stay: the modification saga runs, the request waits up to CHANGE_WAIT_MS for it. */
export const handler = apiHandler(bookingLifecycleRoutes.modifyBooking, async ({ params, headers, body, principal }) => {
  const deps = modificationDeps();
  await getBookingFor(deps.bookings, params.bookingId, principal!);
  const started = await startModification(deps, { bookingId: params.bookingId, idempotencyKey: headers['idempotency-key'], request: body });
  const { booking, change } = await awaitChange({ bookings: deps.bookings }, params.bookingId, started.change.changeId, { timeoutMs: config().changeWaitMs });
  return modificationResponse(booking, change);
});
