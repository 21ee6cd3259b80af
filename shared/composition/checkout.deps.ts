import type { CheckoutDeps } from '#use-cases/checkout/start-checkout.use-case.ts';
import { provider } from './provider.ts';
import { sagaStarter } from './saga-starter.ts';
import { clock, config } from './runtime.ts';
import { bookingRepository, holdRepository, hotelCatalog, inventoryStore, pmsConfigRepository } from './storage.ts';

/** `POST /api/booking/checkout`: storage and the state machine, no payment SDK. */
export const checkoutDeps = /* @__PURE__ */ provider<CheckoutDeps>(() => ({
  bookings: bookingRepository(),
  catalog: hotelCatalog(),
  inventory: inventoryStore(),
  pmsConfigs: pmsConfigRepository(),
  saga: sagaStarter(),
  holds: holdRepository(),
  holdTtlSeconds: config().holdTtlSeconds,
  clock: clock(),
}));
