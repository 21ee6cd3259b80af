import { checkoutDeps } from '#composition/checkout.deps.ts';
import { config } from '#composition/runtime.ts';
import { identifyCaller } from '#composition/token-verifier.ts';
import { apiHandler } from '#http/api-handler.ts';
import { checkoutResponse } from '#http/presenters/booking.presenter.ts';
import { bookingRoutes } from '#http/routes/booking.routes.ts';
import { awaitBooking } from '#use-cases/checkout/await-booking.use-case.ts';
import { startCheckout } from '#use-cases/checkout/start-checkout.use-case.ts';

/**
 * Starts (or joins) the checkout saga, then waits up to CHECKOUT_WAIT_MS for its outcome. Signing in
 * is optional (`auth: 'optional'`): with a valid bearer token the booking belongs to that account
 * (`ownerSub`); a bad token is refused with 401 rather than booking anonymously.
 */
export const handler = apiHandler(
  bookingRoutes.checkout,
  async ({ body, headers, principal }) => {
    const deps = checkoutDeps();
    const owner = principal && { sub: principal.subject, ...(principal.vipLevel !== undefined ? { vipLevel: principal.vipLevel } : {}) };
    const { bookingId } = await startCheckout(deps, { idempotencyKey: headers['idempotency-key'], request: body, ...(owner ? { owner } : {}) });
    // The deadline is the API's own (wall-clock) limit, so the wait keeps the real clock and timers.
    return checkoutResponse(await awaitBooking({ bookings: deps.bookings }, bookingId, { timeoutMs: config().checkoutWaitMs }));
  },
  { identify: identifyCaller },
);
