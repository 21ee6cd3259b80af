import { checkoutDeps } from '#composition/checkout.deps.ts';
import { config } from '#composition/runtime.ts';
import { identifyCaller } from '#composition/token-verifier.ts';
import { DomainError } from '#domain/errors.ts';
import { apiHandler } from '#http/api-handler.ts';
import { checkoutPending, checkoutResponse } from '#http/presenters/booking.presenter.ts';
import { bookingRoutes } from '#http/routes/booking.routes.ts';
import { logger } from '#observability/logger.ts';
import { awaitBooking } from '#use-cases/checkout/await-booking.use-case.ts';
import { startCheckout } from '#use-cases/checkout/start-checkout.use-case.ts';

/**
 * Starts (or joins) the checkout saga, then waits up to CHECKOUT_WAIT_MS for its outcome. Signing in
 * is optional (`auth: 'optional'`): with a valid bearer token the booking belongs to that account
 * (`ownerSub`); a bad token is refused with 401 rather than booking anonymously. Once the booking is
 * stored, every way this request can end without the outcome (out of time, DynamoDB not answering
 * while we wait, Step Functions refusing the start) answers 202 PENDING with the booking id: the
 * saga, or the recovery job, settles it, and the client polls or repeats its key.
 */
export const handler = apiHandler(
  bookingRoutes.checkout,
  async ({ body, headers, principal, onTimeout }) => {
    const deps = checkoutDeps();
    const owner = principal && { sub: principal.subject, ...(principal.vipLevel !== undefined ? { vipLevel: principal.vipLevel } : {}) };
    let stored: string | undefined;
    try {
      const { bookingId } = await startCheckout(deps, {
        idempotencyKey: headers['idempotency-key'],
        request: body,
        ...(owner ? { owner } : {}),
        onStored: (id) => {
          stored = id;
          onTimeout(() => checkoutPending(id));
        },
      });
      // The deadline is the API's own (wall-clock) limit, so the wait keeps the real clock and timers.
      return checkoutResponse(await awaitBooking({ bookings: deps.bookings }, bookingId, { timeoutMs: config().checkoutWaitMs }));
    } catch (error) {
      // A settled booking's failure is an answer (CheckoutFailedError); only what left it unknown becomes 202.
      if (stored === undefined || (error instanceof DomainError && error.name === 'CheckoutFailedError')) throw error;
      logger.warn('Checkout answered PENDING: the outcome is not known yet', { bookingId: stored, error: error as Error });
      return checkoutPending(stored);
    }
  },
  { identify: identifyCaller },
);
