import { randomBytes } from 'node:crypto';
import type { FormObject } from './stripe-form-body.ts';
import type { SimPaymentIntent } from './stripe-objects.ts';
import { asString, booleanParam, positiveInteger, stringArray, stringMap } from './stripe-params.ts';
import { clone, error, invalid, newId, noSuchIntent, unexpectedState, unknownParameter, type Reply } from './stripe-replies.ts';
import type { SimulatorStore } from './simulator-store.ts';
import { TEST_PAYMENT_METHODS } from './test-payment-methods.ts';

/**
 * PaymentIntents: create (and confirm, with manual or automatic capture), capture and cancel,
 * with Stripe's state machine and messages. Each handler validates first (nothing stored on
 * failure) and then executes (its answer stored for idempotent replay). Retrieving one (with
 * `expand[]=latest_charge`) is a read, with the lists and search in `stripe-list-search.ts`.
 */
const CANCELABLE: ReadonlySet<SimPaymentIntent['status']> = new Set([
  'requires_payment_method',
  'requires_capture',
  'requires_confirmation',
  'requires_action',
  'processing',
]);

const CANCELLATION_REASONS = new Set(['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned']);

const CREATE_PARAMS = new Set([
  'amount', 'currency', 'payment_method', 'confirm', 'capture_method', 'confirmation_method',
  'payment_method_types', 'allowed_payment_method_types', 'automatic_payment_methods',
  'error_on_requires_action', 'metadata', 'description', 'receipt_email', 'statement_descriptor',
  'statement_descriptor_suffix', 'customer', 'setup_future_usage', 'return_url', 'off_session',
  'payment_method_options', 'expand',
]);
const CAPTURE_PARAMS = new Set(['amount_to_capture', 'final_capture', 'metadata', 'statement_descriptor', 'statement_descriptor_suffix', 'expand']);
const CANCEL_PARAMS = new Set(['cancellation_reason', 'expand']);

export function createPaymentIntent(store: SimulatorStore, params: FormObject): Reply {
  const unknown = unknownParameter(params, CREATE_PARAMS);
  if (unknown) return unknown;
  const amount = positiveInteger(params.amount);
  if (amount === undefined) return invalid('Missing required param: amount.', { code: 'parameter_missing', param: 'amount' });
  if (amount === null) return invalid('Invalid integer: amount must be a positive integer', { code: 'parameter_invalid_integer', param: 'amount' });
  const currency = asString(params.currency);
  if (currency === undefined) return invalid('Missing required param: currency.', { code: 'parameter_missing', param: 'currency' });
  if (!/^[a-zA-Z]{3}$/.test(currency)) return invalid(`Invalid currency: ${currency}.`, { code: 'parameter_invalid', param: 'currency' });
  const captureMethod = asString(params.capture_method) ?? 'automatic';
  if (captureMethod !== 'automatic' && captureMethod !== 'automatic_async' && captureMethod !== 'manual') {
    return invalid('Invalid capture_method.', { code: 'parameter_invalid', param: 'capture_method' });
  }
  const confirm = booleanParam(params.confirm);
  const errorOnRequiresAction = booleanParam(params.error_on_requires_action);
  if (confirm === null || errorOnRequiresAction === null) {
    return invalid('Invalid boolean.', { code: 'parameter_invalid', param: confirm === null ? 'confirm' : 'error_on_requires_action' });
  }
  const metadata = stringMap(params.metadata);
  if (metadata === null) return invalid('Invalid metadata: keys up to 40 and values up to 500 characters.', { code: 'parameter_invalid', param: 'metadata' });
  const types = stringArray(params.allowed_payment_method_types) ?? stringArray(params.payment_method_types);
  if (types === null) return invalid('Invalid array.', { code: 'parameter_invalid', param: 'allowed_payment_method_types' });
  const paymentMethod = asString(params.payment_method);
  const outcome = paymentMethod === undefined ? undefined : TEST_PAYMENT_METHODS[paymentMethod];
  if (paymentMethod !== undefined && outcome === undefined) {
    return invalid(`No such PaymentMethod: '${paymentMethod}'`, { code: 'resource_missing', param: 'payment_method' });
  }
  if (confirm && paymentMethod === undefined) {
    return invalid('You must provide a payment_method to confirm this PaymentIntent.', { code: 'parameter_missing', param: 'payment_method' });
  }
  if (types && !types.includes('card')) {
    return invalid('The PaymentMethod provided (card) is not allowed for this PaymentIntent.', {
      code: 'payment_intent_incompatible_payment_method',
      param: 'payment_method',
    });
  }

  const id = newId('pi');
  const intent: SimPaymentIntent = {
    id,
    object: 'payment_intent',
    amount,
    amount_capturable: 0,
    amount_received: 0,
    currency: currency.toLowerCase(),
    status: paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
    capture_method: captureMethod,
    confirmation_method: asString(params.confirmation_method) === 'manual' ? 'manual' : 'automatic',
    client_secret: `${id}_secret_${randomBytes(12).toString('hex')}`,
    payment_method: paymentMethod ?? null,
    payment_method_types: types ?? ['card'],
    metadata,
    description: asString(params.description) ?? null,
    receipt_email: asString(params.receipt_email) ?? null,
    latest_charge: null,
    last_payment_error: null,
    cancellation_reason: null,
    canceled_at: null,
    created: store.now(),
    livemode: false,
  };
  store.intents.set(id, intent);
  store.count(metadata.bookingId, 'creates');
  if (!confirm || !outcome) return { status: 200, body: clone(intent), store: true };

  // Confirmation: the charge attempt happens now.
  const chargeId = newId('ch');
  intent.latest_charge = chargeId;
  if (outcome.kind === 'success') {
    store.charges.set(chargeId, { id: chargeId, paymentIntentId: id, amountCaptured: 0, amountRefunded: 0 });
    if (captureMethod === 'manual') {
      intent.status = 'requires_capture';
      intent.amount_capturable = amount;
    } else {
      intent.status = 'succeeded';
      intent.amount_received = amount;
      store.charges.get(chargeId)!.amountCaptured = amount;
    }
    return { status: 200, body: clone(intent), store: true };
  }
  if (outcome.kind === 'requires_action' && !errorOnRequiresAction) {
    intent.latest_charge = null;
    intent.status = 'requires_action';
    return { status: 200, body: clone(intent), store: true };
  }
  const decline =
    outcome.kind === 'decline'
      ? outcome
      : { code: 'authentication_required', declineCode: 'authentication_required', message: 'Your card was declined. This transaction requires authentication.' };
  const lastPaymentError = {
    type: 'card_error',
    code: decline.code,
    decline_code: decline.declineCode,
    message: decline.message,
    charge: chargeId,
    doc_url: `https://docs.stripe.com/error-codes/${decline.code.replace(/_/g, '-')}`,
    payment_method: { id: paymentMethod, object: 'payment_method', type: 'card' },
  };
  intent.status = 'requires_payment_method';
  intent.last_payment_error = lastPaymentError;
  return error(402, { ...lastPaymentError, payment_intent: clone(intent) }, true);
}

export function capturePaymentIntent(store: SimulatorStore, id: string, params: FormObject): Reply {
  const unknown = unknownParameter(params, CAPTURE_PARAMS);
  if (unknown) return unknown;
  const intent = store.intents.get(id);
  if (!intent) return noSuchIntent(id);
  const requested = positiveInteger(params.amount_to_capture);
  if (requested === null) {
    return invalid('Invalid integer: amount_to_capture must be a positive integer', { code: 'parameter_invalid_integer', param: 'amount_to_capture' });
  }
  if (intent.status !== 'requires_capture') {
    return unexpectedState(
      intent,
      `This PaymentIntent could not be captured because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`,
    );
  }
  const amount = requested ?? intent.amount_capturable;
  if (amount > intent.amount_capturable) {
    return invalid(
      `The amount_to_capture (${amount}) must be less than or equal to the PaymentIntent's amount_capturable (${intent.amount_capturable}).`,
      { code: 'amount_too_large', param: 'amount_to_capture' },
    );
  }
  intent.status = 'succeeded';
  intent.amount_received = amount;
  intent.amount_capturable = 0;
  const charge = intent.latest_charge ? store.charges.get(intent.latest_charge) : undefined;
  if (charge) charge.amountCaptured = amount;
  store.count(intent.metadata.bookingId, 'captures');
  return { status: 200, body: clone(intent), store: true };
}

export function cancelPaymentIntent(store: SimulatorStore, id: string, params: FormObject): Reply {
  const unknown = unknownParameter(params, CANCEL_PARAMS);
  if (unknown) return unknown;
  const intent = store.intents.get(id);
  if (!intent) return noSuchIntent(id);
  const reason = asString(params.cancellation_reason);
  if (params.cancellation_reason !== undefined && (reason === undefined || !CANCELLATION_REASONS.has(reason))) {
    return invalid('Invalid cancellation_reason: must be one of duplicate, fraudulent, requested_by_customer, or abandoned', {
      code: 'parameter_invalid',
      param: 'cancellation_reason',
    });
  }
  if (!CANCELABLE.has(intent.status)) {
    return unexpectedState(
      intent,
      `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.`,
    );
  }
  intent.status = 'canceled';
  intent.cancellation_reason = reason ?? null;
  intent.canceled_at = store.now();
  intent.amount_capturable = 0;
  store.count(intent.metadata.bookingId, 'cancels');
  return { status: 200, body: clone(intent), store: true };
}
