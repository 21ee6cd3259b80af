import { RouteMatcher } from '../../http/route-matcher.ts';
import type { PAYMENT_FAULT_POINTS } from '../../faults/fault-points.ts';
import { cancelPaymentIntent, capturePaymentIntent, createPaymentIntent } from './payment-intents.ts';
import { createRefund, retrieveRefund } from './refunds.ts';
import type { FormObject } from './stripe-form-body.ts';
import { bookingLedger, bookingLedgers } from './stripe-ledger.ts';
import { listPaymentIntents, listRefunds, retrievePaymentIntent, searchPaymentIntents } from './stripe-list-search.ts';
import type { Reply } from './stripe-replies.ts';
import type { SimulatorStore } from './simulator-store.ts';

/** The Stripe v1 endpoints the simulator serves, each with the fault point it consults. */
export interface StripeRoute {
  point?: (typeof PAYMENT_FAULT_POINTS)[number];
  /** `params`: the form body of a POST, the query string of a GET. */
  handle(store: SimulatorStore, params: FormObject, path: Record<string, string>): Reply;
}

// The list and search routes come before `/v1/payment_intents/{id}`: `search` is not an id (the
// matcher prefers the literal segment anyway, whatever the order).
export const stripeRoutes = new RouteMatcher<StripeRoute>()
  .add('POST', '/v1/payment_intents', { point: 'payment.authorize', handle: (s, p) => createPaymentIntent(s, p) })
  .add('GET', '/v1/payment_intents', { handle: (s, p) => listPaymentIntents(s, p) })
  .add('GET', '/v1/payment_intents/search', { handle: (s, p) => searchPaymentIntents(s, p) })
  .add('GET', '/v1/payment_intents/{id}', { handle: (s, p, { id }) => retrievePaymentIntent(s, id!, p) })
  .add('POST', '/v1/payment_intents/{id}/capture', { point: 'payment.capture', handle: (s, p, { id }) => capturePaymentIntent(s, id!, p) })
  .add('POST', '/v1/payment_intents/{id}/cancel', { point: 'payment.void', handle: (s, p, { id }) => cancelPaymentIntent(s, id!, p) })
  .add('POST', '/v1/refunds', { point: 'payment.refund', handle: (s, p) => createRefund(s, p) })
  .add('GET', '/v1/refunds', { handle: (s, p) => listRefunds(s, p) })
  .add('GET', '/v1/refunds/{id}', { handle: (s, _p, { id }) => retrieveRefund(s, id!) });

/** The simulator's own view for tests and people: not part of Stripe's API, so no key, no fault, no idempotency. */
export interface SimRoute {
  handle(store: SimulatorStore, path: Record<string, string>): Reply;
}

export const simRoutes = new RouteMatcher<SimRoute>()
  .add('GET', '/_sim/ledger', { handle: (s) => ({ status: 200, body: { bookings: [...bookingLedgers(s).values()] }, store: false }) })
  .add('GET', '/_sim/ledger/{bookingId}', { handle: (s, { bookingId }) => ({ status: 200, body: bookingLedger(s, bookingId!), store: false }) });
