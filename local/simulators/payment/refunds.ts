import type { FormObject } from './stripe-form-body.ts';
import type { SimRefund } from './stripe-objects.ts';
import { asString, positiveInteger, stringMap } from './stripe-params.ts';
import { clone, invalid, newId, noSuchIntent, unexpectedState, unknownParameter, type Reply } from './stripe-replies.ts';
import type { SimulatorStore } from './simulator-store.ts';

/**
 * Refunds of a captured PaymentIntent (by intent or by charge), in full or in part, and retrieve.
 * An uncaptured authorization is not refunded but cancelled, as on Stripe.
 */
const REFUND_REASONS = new Set(['duplicate', 'fraudulent', 'requested_by_customer']);
const REFUND_PARAMS = new Set(['payment_intent', 'charge', 'amount', 'reason', 'metadata', 'expand', 'instructions_email']);

export function createRefund(store: SimulatorStore, params: FormObject): Reply {
  const unknown = unknownParameter(params, REFUND_PARAMS);
  if (unknown) return unknown;
  const intentId = asString(params.payment_intent);
  const chargeParam = asString(params.charge);
  if (!intentId && !chargeParam) {
    return invalid('One of the following params should be provided for this request: payment_intent or charge.', { code: 'parameter_missing', param: 'payment_intent' });
  }
  const byCharge = chargeParam ? store.charges.get(chargeParam) : undefined;
  if (chargeParam && !byCharge) return invalid(`No such charge: '${chargeParam}'`, { code: 'resource_missing', param: 'charge' });
  const intent = store.intents.get(intentId ?? byCharge?.paymentIntentId ?? '');
  if (!intent) return noSuchIntent(intentId ?? '', 'payment_intent');
  const requested = positiveInteger(params.amount);
  if (requested === null) return invalid('Invalid integer: amount must be a positive integer', { code: 'parameter_invalid_integer', param: 'amount' });
  const reason = asString(params.reason);
  if (params.reason !== undefined && (reason === undefined || !REFUND_REASONS.has(reason))) {
    return invalid('Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer', { code: 'parameter_invalid', param: 'reason' });
  }
  const metadata = stringMap(params.metadata);
  if (metadata === null) return invalid('Invalid metadata.', { code: 'parameter_invalid', param: 'metadata' });
  const charge = intent.latest_charge ? store.charges.get(intent.latest_charge) : undefined;
  if (intent.status !== 'succeeded' || !charge) {
    return unexpectedState(
      intent,
      `This PaymentIntent (status ${intent.status}) does not have a successful charge to refund. Cancel it to release an uncaptured authorization.`,
    );
  }
  const remaining = charge.amountCaptured - charge.amountRefunded;
  if (remaining <= 0) {
    return invalid(`Charge ${charge.id} has already been refunded.`, { code: 'charge_already_refunded', charge: charge.id }, 400, true);
  }
  const amount = requested ?? remaining;
  if (amount > remaining) {
    return invalid(`Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`, {
      code: 'amount_too_large',
      param: 'amount',
    });
  }
  charge.amountRefunded += amount;
  const refund: SimRefund = {
    id: newId('re'),
    object: 'refund',
    amount,
    currency: intent.currency,
    charge: charge.id,
    payment_intent: intent.id,
    reason: reason ?? null,
    metadata,
    status: 'succeeded',
    created: store.now(),
  };
  store.refunds.set(refund.id, refund);
  store.count(intent.metadata.bookingId, 'refunds');
  return { status: 200, body: clone(refund), store: true };
}

export function retrieveRefund(store: SimulatorStore, id: string): Reply {
  const refund = store.refunds.get(id);
  return refund ? { status: 200, body: clone(refund), store: false } : invalid(`No such refund: '${id}'`, { code: 'resource_missing', param: 'id' }, 404);
}
