import {
  PaymentConfigError,
  PaymentDeclinedError,
  PaymentStateError,
  PaymentUnavailableError,
  type PaymentDeclineCode,
} from '#domain/payment-errors.ts';
import { DomainError } from '#domain/errors.ts';
import { StripeApiError, StripeClientConfigError, StripeConnectionError } from './stripe-rest-client.ts';

/**
 * Translates Stripe's answers into payment domain errors, so nothing above the adapter sees a
 * Stripe shape. Stripe's error is classified the way its own SDK does it, by HTTP status first:
 * 429 (or a 400 `rate_limit`) rate limit; 400/404 invalid request, or idempotency error by
 * `type`; 401 authentication; 402 card; 403 permission; anything else (409, 5xx) an API error.
 * A transport failure (refused, reset, timed out) is a connection error.
 */

/** Decline codes we pass through as they are; everything else becomes a generic decline. */
const SAFE_DECLINE_CODES: ReadonlySet<string> = new Set<PaymentDeclineCode>([
  'insufficient_funds',
  'expired_card',
  'incorrect_cvc',
  'processing_error',
  'authentication_required',
]);

/** Stripe's answers to an operation on an intent (or charge) in the wrong state. */
const STATE_CONFLICT_CODES: ReadonlySet<string> = new Set([
  'payment_intent_unexpected_state',
  'charge_already_captured',
  'charge_already_refunded',
  'charge_not_refundable',
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

type StripeErrorClass = 'rate_limit' | 'idempotency' | 'invalid_request' | 'authentication' | 'card' | 'permission' | 'api';

/** The SDK's classification of an error answer (stripe-node `generateV1Error`). */
export function classifyStripeError(error: Pick<StripeApiError, 'statusCode' | 'type' | 'code'>): StripeErrorClass {
  const { statusCode } = error;
  if (statusCode === 429 || (statusCode === 400 && error.code === 'rate_limit')) return 'rate_limit';
  if (statusCode === 400 || statusCode === 404) return error.type === 'idempotency_error' ? 'idempotency' : 'invalid_request';
  if (statusCode === 401) return 'authentication';
  if (statusCode === 402) return 'card';
  if (statusCode === 403) return 'permission';
  return 'api';
}

/** True when Stripe refused a repeated Idempotency-Key because the request differs from the first. */
export function isIdempotencyConflict(error: unknown): error is StripeApiError {
  return error instanceof StripeApiError && classifyStripeError(error) === 'idempotency';
}

/** True for a 400 about the intent's state (or a same-key-different-params clash): reconcile by reading the intent. */
export function isStateConflict(error: unknown): error is StripeApiError {
  if (!(error instanceof StripeApiError)) return false;
  const kind = classifyStripeError(error);
  return kind === 'idempotency' || (kind === 'invalid_request' && STATE_CONFLICT_CODES.has(error.code ?? ''));
}

/** True when Stripe says the object in the path (or the payment method) does not exist. */
export function isResourceMissing(error: unknown): error is StripeApiError {
  return error instanceof StripeApiError && classifyStripeError(error) === 'invalid_request' && error.code === 'resource_missing';
}

/** True for an invalid request other than a missing object: Stripe refused the operation as asked. */
export function isRejectedRequest(error: unknown): error is StripeApiError {
  return error instanceof StripeApiError && classifyStripeError(error) === 'invalid_request' && error.code !== 'resource_missing';
}

/**
 * The domain error for any failure of a Stripe call. Domain errors pass through; errors that are
 * not Stripe's (a bug in our code) are returned unchanged so they keep their stack.
 */
export function toPaymentError(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  const options = { cause: error };
  if (error instanceof StripeClientConfigError) return new PaymentConfigError(error.problem, options);
  if (error instanceof StripeConnectionError) return new PaymentUnavailableError(error.timedOut ? 'timeout' : 'connection', options);
  if (!(error instanceof StripeApiError)) return error;

  switch (classifyStripeError(error)) {
    case 'card':
      return new PaymentDeclinedError(safeDeclineCode(error.declineCode, error.code), {
        ...options,
        ...(error.paymentIntentId ? { paymentId: error.paymentIntentId } : {}),
      });
    case 'rate_limit':
      return new PaymentUnavailableError('rate_limited', options);
    case 'api':
      // 5xx, 409 (a concurrent request holds the key) and anything else without a 4xx meaning: the gateway's trouble.
      return new PaymentUnavailableError('gateway_error', options);
    case 'authentication':
      return new PaymentConfigError('authentication', options);
    case 'permission':
      return new PaymentConfigError('permission', options);
    case 'idempotency':
      return new PaymentStateError('idempotency_conflict', options);
    case 'invalid_request':
      if (error.code === 'resource_missing') {
        return error.param === 'payment_method'
          ? new PaymentDeclinedError('invalid_payment_method', options)
          : new PaymentStateError('payment_not_found', options);
      }
      if (error.code === 'amount_too_large') return new PaymentStateError('amount_too_large', options);
      if (error.code === 'charge_already_refunded') return new PaymentStateError('already_refunded', options);
      return new PaymentConfigError('invalid_request', options);
  }
}
