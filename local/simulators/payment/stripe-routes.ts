import { RouteMatcher } from '../../http/route-matcher.ts';
import type { PAYMENT_FAULT_POINTS } from '../../faults/fault-points.ts';
import { cancelPaymentIntent, capturePaymentIntent, createPaymentIntent, retrievePaymentIntent } from './payment-intents.ts';
import { createRefund, retrieveRefund } from './refunds.ts';
import { listPaymentIntents, listRefunds, searchPaymentIntents, type QuerySource } from './stripe-list-search.ts';
import type { FormObject } from './stripe-form-body.ts';
import type { Reply } from './stripe-replies.ts';
import type { SimulatorStore } from './simulator-store.ts';

/** The Stripe v1 endpoints the simulator serves, each with the fault point it consults. */
export interface StripeRoute {
  point?: (typeof PAYMENT_FAULT_POINTS)[number];
  handle(store: SimulatorStore, params: FormObject, path: Record<string, string>): Reply;
}

export const stripeRoutes = new RouteMatcher<StripeRoute>()
  .add('POST', '/v1/payment_intents', { point: 'payment.authorize', handle: (s, p) => createPaymentIntent(s, p) })
  .add('GET', '/v1/payment_intents/{id}', { handle: (s, _p, { id }) => retrievePaymentIntent(s, id!) })
  .add('POST', '/v1/payment_intents/{id}/capture', { point: 'payment.capture', handle: (s, p, { id }) => capturePaymentIntent(s, id!, p) })
  .add('POST', '/v1/payment_intents/{id}/cancel', { point: 'payment.void', handle: (s, p, { id }) => cancelPaymentIntent(s, id!, p) })
  .add('POST', '/v1/refunds', { point: 'payment.refund', handle: (s, p) => createRefund(s, p) })
  .add('GET', '/v1/refunds/{id}', { handle: (s, _p, { id }) => retrieveRefund(s, id!) })
  // The reads compensations use to decide from the gateway (issue 12): lists and search, always up to date here.
  .add('GET', '/v1/refunds', { handle: (s, p) => listRefunds(querySource(s), p) })
  .add('GET', '/v1/payment_intents', { handle: (s, p) => listPaymentIntents(querySource(s), p) })
  .add('GET', '/v1/payment_intents/search', { handle: (s, p) => searchPaymentIntents(querySource(s), p) });

/** The store as the list and search handlers read it; the search index never lags in this simulator. */
function querySource(store: SimulatorStore): QuerySource {
  return { intents: store.intents, charges: store.charges, refunds: store.refunds, indexed: (id) => store.intents.get(id) };
}
