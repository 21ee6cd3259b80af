import { checkoutDeps } from '#composition/checkout.deps.ts';
import { config } from '#composition/runtime.ts';
import { apiHandler } from '#http/api-handler.ts';
import { checkoutResponse } from '#http/presenters/booking.presenter.ts';
import { bookingRoutes } from '#http/routes/booking.routes.ts';
import { awaitBooking } from '#use-cases/checkout/await-booking.use-case.ts';
import { startCheckout } from '#use-cases/checkout/start-checkout.use-case.ts';

/** Starts (or joins) the checkout saga, then waits up to CHECKOUT_WAIT_MS for its outcome. */
export const handler = apiHandler(bookingRoutes.checkout, async ({ body, headers }) => {
  const deps = checkoutDeps();
  const { bookingId } = await startCheckout(deps, { idempotencyKey: headers['idempotency-key'], request: body });
  // The deadline is the API's own (wall-clock) limit, so the wait keeps the real clock and timers.
  return checkoutResponse(await awaitBooking({ bookings: deps.bookings }, bookingId, { timeoutMs: config().checkoutWaitMs }));
});
