import Stripe from 'stripe';
import {
  PaymentConfigError,
  PaymentDeclinedError,
  PaymentStateError,
  PaymentUnavailableError,
  type PaymentDeclineCode,
} from '#domain/payment-errors.ts';
import { DomainError } from '#domain/errors.ts';

/**
 * Translates the stripe SDK's errors into payment domain errors, so nothing above the adapter
 * sees a Stripe type. The SDK's classes are chosen by HTTP status (402 card, 400/404 invalid
 * request, 401 authentication, 429 rate limit, 5xx API) and by transport failure (connection).
 */

/** Decline codes we pass through as they are; everything else becomes a generic decline. */
const SAFE_DECLINE_CODES: ReadonlySet<string> = new Set<PaymentDeclineCode>([
  'insufficient_funds',
  'expired_card',
  'incorrect_cvc',
  'processing_error',
  'authentication_required',
]);

/**
 * Issuer reasons such as `lost_card`, `stolen_card` or `fraudulent` must not be revealed to the
 * person paying (Stripe's guidance), so only a short list is passed through. Stripe puts the
 * issuer's reason in `decline_code` and the broader reason in `code`.
 */
export function safeDeclineCode(declineCode: string | undefined | null, code: string | undefined | null): PaymentDeclineCode {
  if (declineCode && SAFE_DECLINE_CODES.has(declineCode)) return declineCode as PaymentDeclineCode;
  if (code && SAFE_DECLINE_CODES.has(code)) return code as PaymentDeclineCode;
  if (code === 'invalid_cvc') return 'incorrect_cvc';
  return 'card_declined';
}

function paymentIntentIdOf(error: Stripe.errors.StripeError): string | undefined {
  const id: unknown = error.payment_intent?.id;
  return typeof id === 'string' ? id : undefined;
}

function isTimeout(error: Stripe.errors.StripeConnectionError): boolean {
  const detail = error.detail as { code?: unknown } | undefined;
  return detail?.code === 'ETIMEDOUT' || /timeout/i.test(error.message);
}

/** True for a 400 about the intent's state (or a same-key-different-params clash): reconcile by reading the intent. */
export function isStateConflict(error: unknown): boolean {
  if (error instanceof Stripe.errors.StripeIdempotencyError) return true;
  return (
    error instanceof Stripe.errors.StripeInvalidRequestError &&
    (error.code === 'payment_intent_unexpected_state' ||
      error.code === 'charge_already_captured' ||
      error.code === 'charge_already_refunded' ||
      error.code === 'charge_not_refundable')
  );
}

/** True when Stripe says the object in the path (or the payment method) does not exist. */
export function isResourceMissing(error: unknown): error is Stripe.errors.StripeInvalidRequestError {
  return error instanceof Stripe.errors.StripeInvalidRequestError && error.code === 'resource_missing';
}

/**
 * The domain error for any failure of a Stripe call. Domain errors pass through; errors that are
 * not Stripe's (a bug in our code) are returned unchanged so they keep their stack.
 */
export function toPaymentError(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  if (!(error instanceof Stripe.errors.StripeError)) return error;
  const options = { cause: error };

  if (error instanceof Stripe.errors.StripeCardError) {
    const paymentId = paymentIntentIdOf(error);
    return new PaymentDeclinedError(safeDeclineCode(error.decline_code, error.code), {
      ...options,
      ...(paymentId ? { paymentId } : {}),
    });
  }
  if (error instanceof Stripe.errors.StripeRateLimitError) return new PaymentUnavailableError('rate_limited', options);
  if (error instanceof Stripe.errors.StripeConnectionError) {
    return new PaymentUnavailableError(isTimeout(error) ? 'timeout' : 'connection', options);
  }
  if (error instanceof Stripe.errors.StripeAPIError) return new PaymentUnavailableError('gateway_error', options);
  if (error instanceof Stripe.errors.StripeAuthenticationError) return new PaymentConfigError('authentication', options);
  if (error instanceof Stripe.errors.StripePermissionError) return new PaymentConfigError('permission', options);
  if (error instanceof Stripe.errors.StripeIdempotencyError) return new PaymentStateError('idempotency_conflict', options);
  if (error instanceof Stripe.errors.StripeInvalidRequestError) {
    if (error.code === 'resource_missing') {
      return error.param === 'payment_method'
        ? new PaymentDeclinedError('invalid_payment_method', options)
        : new PaymentStateError('payment_not_found', options);
    }
    if (error.code === 'amount_too_large') return new PaymentStateError('amount_too_large', options);
    if (error.code === 'charge_already_refunded') return new PaymentStateError('already_refunded', options);
    return new PaymentConfigError('invalid_request', options);
  }
  // Any other Stripe error without a 4xx meaning (including statusCode >= 500) is the gateway's trouble.
  if (error.statusCode === undefined || error.statusCode >= 500) return new PaymentUnavailableError('gateway_error', options);
  return new PaymentConfigError('invalid_request', options);
}
