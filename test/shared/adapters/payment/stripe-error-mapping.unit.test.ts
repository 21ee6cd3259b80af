import { describe, expect, it } from 'vitest';
import {
  classifyStripeError,
  isIdempotencyConflict,
  isStateConflict,
  safeDeclineCode,
  toPaymentError,
} from '../../../../shared/adapters/payment/stripe-error-mapping.ts';
import {
  StripeApiError,
  StripeClientConfigError,
  StripeConnectionError,
} from '../../../../shared/adapters/payment/stripe-rest-client.ts';
import {
  PaymentConfigError,
  PaymentDeclinedError,
  PaymentStateError,
  PaymentUnavailableError,
} from '../../../../shared/domain/payment-errors.ts';
import { ValidationError } from '../../../../shared/domain/errors.ts';

/** Stripe's error JSON as it arrives, with the HTTP status it came with. */
function answer(status: number, error: Record<string, unknown>, shouldRetry?: string): StripeApiError {
  return new StripeApiError(status, error, 'req_test', shouldRetry);
}

describe('toPaymentError', () => {
  it.each([
    [{ code: 'card_declined', decline_code: 'generic_decline' }, 'card_declined'],
    [{ code: 'card_declined', decline_code: 'insufficient_funds' }, 'insufficient_funds'],
    [{ code: 'expired_card', decline_code: 'expired_card' }, 'expired_card'],
    [{ code: 'incorrect_cvc' }, 'incorrect_cvc'],
    [{ code: 'invalid_cvc' }, 'incorrect_cvc'],
    [{ code: 'authentication_required', decline_code: 'authentication_required' }, 'authentication_required'],
    // What the issuer said must not reach the customer.
    [{ code: 'card_declined', decline_code: 'stolen_card' }, 'card_declined'],
    [{ code: 'card_declined', decline_code: 'lost_card' }, 'card_declined'],
    [{ code: 'card_declined', decline_code: 'fraudulent' }, 'card_declined'],
  ])('maps a 402 card_error %j to a decline %s', (fields, declineCode) => {
    // Act
    const error = toPaymentError(answer(402, { type: 'card_error', message: 'Your card was declined.', ...fields }));

    // Assess
    expect(error).toBeInstanceOf(PaymentDeclinedError);
    expect(error).toMatchObject({ declineCode, retryable: false });
  });

  it('keeps the declined intent\'s id and nothing else of it (its client secret stays out)', () => {
    // Prepare
    const raw = answer(402, {
      type: 'card_error',
      code: 'card_declined',
      payment_intent: { id: 'pi_123', client_secret: 'pi_123_secret_abc', status: 'requires_payment_method' },
    });

    // Act
    const error = toPaymentError(raw) as PaymentDeclinedError;

    // Assess
    expect(error.paymentId).toBe('pi_123');
    expect(JSON.stringify(raw)).not.toContain('secret');
    expect(Object.values(raw).join(' ')).not.toContain('secret');
  });

  it.each([
    [500, { type: 'api_error' }],
    [502, {}],
    [503, { type: 'api_error' }],
    // A concurrent request holds the key; retrying later is right.
    [409, { type: 'invalid_request_error', code: 'idempotency_key_in_use' }],
  ])('maps %i %j to a retryable gateway error', (status, fields) => {
    const error = toPaymentError(answer(status, fields));
    expect(error).toBeInstanceOf(PaymentUnavailableError);
    expect(error).toMatchObject({ reason: 'gateway_error', retryable: true });
  });

  it.each([
    [429, { type: 'invalid_request_error', code: 'rate_limit' }],
    [400, { type: 'invalid_request_error', code: 'rate_limit' }],
    [429, { type: 'invalid_request_error', code: 'lock_timeout' }],
  ])('maps %i %j to rate_limited', (status, fields) => {
    expect(toPaymentError(answer(status, fields))).toMatchObject({ name: 'PaymentUnavailableError', reason: 'rate_limited' });
  });

  it('maps no answer to a retryable timeout or connection error', () => {
    const timedOut = toPaymentError(new StripeConnectionError('no answer', { timedOut: true }));
    const refused = toPaymentError(new StripeConnectionError('refused', { timedOut: false, transportCode: 'ECONNREFUSED' }));
    expect(timedOut).toMatchObject({ name: 'PaymentUnavailableError', reason: 'timeout', retryable: true });
    expect(refused).toMatchObject({ name: 'PaymentUnavailableError', reason: 'connection', retryable: true });
  });

  it.each([
    [401, { type: 'invalid_request_error', message: 'Invalid API Key provided: sk_test_****1234' }, 'authentication'],
    [403, { type: 'invalid_request_error' }, 'permission'],
    [400, { type: 'invalid_request_error', code: 'parameter_unknown', param: 'colour' }, 'invalid_request'],
    [400, { type: 'invalid_request_error', code: 'parameter_missing', param: 'amount' }, 'invalid_request'],
  ])('maps %i %j to a configuration error (%s), never a decline', (status, fields, problem) => {
    const error = toPaymentError(answer(status, fields));
    expect(error).toBeInstanceOf(PaymentConfigError);
    expect(error).toMatchObject({ problem, retryable: false });
  });

  it.each([
    [404, { type: 'invalid_request_error', code: 'resource_missing', param: 'intent' }, 'payment_not_found'],
    [400, { type: 'invalid_request_error', code: 'amount_too_large', param: 'amount' }, 'amount_too_large'],
    [400, { type: 'invalid_request_error', code: 'charge_already_refunded' }, 'already_refunded'],
    [400, { type: 'idempotency_error', message: 'Keys for idempotent requests can only be used with the same parameters' }, 'idempotency_conflict'],
  ])('maps %i %j to a state conflict (%s)', (status, fields, reason) => {
    const error = toPaymentError(answer(status, fields));
    expect(error).toBeInstanceOf(PaymentStateError);
    expect(error).toMatchObject({ reason, retryable: false });
  });

  it('reads a missing payment method as a decline the customer can fix', () => {
    const error = toPaymentError(answer(400, { type: 'invalid_request_error', code: 'resource_missing', param: 'payment_method' }));
    expect(error).toMatchObject({ name: 'PaymentDeclinedError', declineCode: 'invalid_payment_method' });
  });

  it('maps a client that cannot be configured to a configuration error', () => {
    expect(toPaymentError(new StripeClientConfigError('authentication', 'no key'))).toMatchObject({
      name: 'PaymentConfigError',
      problem: 'authentication',
    });
  });

  it('passes domain errors and our own bugs through unchanged', () => {
    const domain = new ValidationError('bad');
    const bug = new TypeError('undefined is not a function');
    expect(toPaymentError(domain)).toBe(domain);
    expect(toPaymentError(bug)).toBe(bug);
  });
});

describe('classification helpers', () => {
  it('classifies by status first, as the official SDK does', () => {
    expect(classifyStripeError({ statusCode: 404, type: 'idempotency_error' })).toBe('idempotency');
    expect(classifyStripeError({ statusCode: 409, type: 'idempotency_error' })).toBe('api');
    expect(classifyStripeError({ statusCode: 402, type: 'invalid_request_error' })).toBe('card');
  });

  it('tells state conflicts (reconcile by reading the intent) from other invalid requests', () => {
    expect(isStateConflict(answer(400, { type: 'invalid_request_error', code: 'payment_intent_unexpected_state' }))).toBe(true);
    expect(isStateConflict(answer(400, { type: 'invalid_request_error', code: 'charge_already_captured' }))).toBe(true);
    expect(isStateConflict(answer(400, { type: 'idempotency_error' }))).toBe(true);
    expect(isStateConflict(answer(400, { type: 'invalid_request_error', code: 'parameter_missing' }))).toBe(false);
    expect(isStateConflict(answer(500, { type: 'api_error' }))).toBe(false);
    expect(isIdempotencyConflict(answer(400, { type: 'idempotency_error' }))).toBe(true);
    expect(isIdempotencyConflict(answer(400, { type: 'invalid_request_error', code: 'payment_intent_unexpected_state' }))).toBe(false);
  });

  it('reads the safe decline code from decline_code first, then code', () => {
    expect(safeDeclineCode('insufficient_funds', 'card_declined')).toBe('insufficient_funds');
    expect(safeDeclineCode(undefined, 'expired_card')).toBe('expired_card');
    expect(safeDeclineCode('do_not_honor', 'card_declined')).toBe('card_declined');
    expect(safeDeclineCode(null, null)).toBe('card_declined');
  });
});
