/**
 * The parts of Stripe's v1 objects the payment adapter reads, as the pinned API version
 * (`STRIPE_API_VERSION`) returns them. Only what we use is declared; Stripe sends more.
 */

export type StripePaymentIntentStatus =
  | 'requires_payment_method'
  | 'requires_confirmation'
  | 'requires_action'
  | 'processing'
  | 'requires_capture'
  | 'canceled'
  | 'succeeded';

/** A Charge, as it appears when a PaymentIntent's `latest_charge` is expanded. */
export interface StripeCharge {
  id: string;
  object: 'charge';
  amount_captured: number;
  amount_refunded: number;
  status: 'succeeded' | 'pending' | 'failed';
}

export interface StripePaymentIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  currency: string;
  status: StripePaymentIntentStatus;
  metadata: Record<string, string>;
  /** Unix seconds. */
  created: number;
  /** An id, or the Charge itself when the request asked for `expand[]=latest_charge`. */
  latest_charge: string | StripeCharge | null;
  last_payment_error: { code?: string; decline_code?: string } | null;
}

export interface StripeRefund {
  id: string;
  object: 'refund';
  amount: number;
  currency: string;
  payment_intent: string | null;
  status: 'pending' | 'requires_action' | 'succeeded' | 'failed' | 'canceled' | null;
  metadata: Record<string, string>;
  /** Unix seconds. */
  created: number;
}

/** `GET /v1/<resources>`: newest first, paged with `starting_after=<last id>`. */
export interface StripeList<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
}

/** `GET /v1/<resources>/search`: paged with `page=<next_page>`. */
export interface StripeSearchResult<T> {
  object: 'search_result';
  data: T[];
  has_more: boolean;
  next_page: string | null;
}
