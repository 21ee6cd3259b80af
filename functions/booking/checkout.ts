import { container } from '#composition/container.ts';
import { apiHandler } from '#http/api-handler.ts';
import { checkoutResponse } from '#http/presenters/booking.presenter.ts';
import { bookingRoutes } from '#http/routes/booking.routes.ts';
import { awaitBooking } from '#use-cases/checkout/await-booking.use-case.ts';
import { startCheckout } from '#use-cases/checkout/start-checkout.use-case.ts';

/** Starts (or joins) the checkout saga, then waits up to CHECKOUT_WAIT_MS for its outcome. */
export const handler = apiHandler(bookingRoutes.checkout, async ({ body, headers }) => {
  const c = container();
  const { bookingId } = await startCheckout(
    { bookings: c.bookings, catalog: c.catalog, inventory: c.inventory, saga: c.saga(), clock: c.clock },
    { idempotencyKey: headers['idempotency-key'], request: body },
  );
  return checkoutResponse(await awaitBooking(c.bookings, bookingId, { timeoutMs: c.config.checkoutWaitMs }));
});
