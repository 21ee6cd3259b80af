import type { SettleCancellationDeps } from '#use-cases/bookings/lifecycle/cancellation-steps.use-cases.ts';
import type { DifferencePaymentDeps, RefundDifferenceDeps } from '#use-cases/bookings/lifecycle/modification-steps.use-cases.ts';
import { lazyEventPublisher } from './messaging.ts';
import { lazyPaymentGateway } from './payments.ts';
import { provider } from './provider.ts';
import { clock } from './runtime.ts';
import { bookingRepository } from './storage.ts';

/** The lifecycle sagas' steps that move money: refunds, and a modification's price difference. */
export const settleCancellationDeps = /* @__PURE__ */ provider<SettleCancellationDeps>(() => ({
  bookings: bookingRepository(),
  clock: clock(),
  payments: lazyPaymentGateway(),
  events: lazyEventPublisher(),
}));

export const differencePaymentDeps = /* @__PURE__ */ provider<DifferencePaymentDeps>(() => ({ bookings: bookingRepository(), clock: clock(), payments: lazyPaymentGateway() }));

export const refundDifferenceDeps = /* @__PURE__ */ provider<RefundDifferenceDeps>(() => ({ bookings: bookingRepository(), clock: clock(), payments: lazyPaymentGateway() }));
