/**
 * The Stripe objects the payment simulator keeps, in Stripe's own field names and states (the
 * subset the payment adapter reads), and the charge it keeps behind a PaymentIntent.
 */
export interface SimPaymentIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_capturable: number;
  amount_received: number;
  currency: string;
  status:
    | 'requires_payment_method'
    | 'requires_confirmation'
    | 'requires_action'
    | 'processing'
    | 'requires_capture'
    | 'canceled'
    | 'succeeded';
  capture_method: 'automatic' | 'automatic_async' | 'manual';
  confirmation_method: 'automatic' | 'manual';
  client_secret: string;
  payment_method: string | null;
  payment_method_types: string[];
  metadata: Record<string, string>;
  description: string | null;
  receipt_email: string | null;
  latest_charge: string | null;
  last_payment_error: Record<string, unknown> | null;
  cancellation_reason: string | null;
  canceled_at: number | null;
  created: number;
  livemode: false;
}

export interface SimRefund {
  id: string;
  object: 'refund';
  amount: number;
  currency: string;
  charge: string;
  payment_intent: string;
  reason: string | null;
  metadata: Record<string, string>;
  status: 'succeeded';
  created: number;
}

export interface SimCharge {
  id: string;
  paymentIntentId: string;
  amountCaptured: number;
  amountRefunded: number;
}
