import type { AuthorizePaymentDeps, PaymentStepDeps } from '#use-cases/checkout/saga-steps.use-cases.ts';
import { lazyPaymentGateway } from './payments.ts';
import { provider } from './provider.ts';
import { clock } from './runtime.ts';
import { bookingRepository, holdRepository } from './storage.ts';

/** Authorize, capture and void: the saga steps that move money, and so the only ones with Stripe. */
export const paymentStepDeps = /* @__PURE__ */ provider<PaymentStepDeps>(() => ({
  bookings: bookingRepository(),
  clock: clock(),
  payments: lazyPaymentGateway(),
}));

/** The authorization also converts the hold of a hotel without a PMS (its confirmation). */
export const authorizePaymentDeps = /* @__PURE__ */ provider<AuthorizePaymentDeps>(() => ({ ...paymentStepDeps(), holds: holdRepository() }));
