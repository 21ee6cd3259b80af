import { DomainError } from './errors.ts';
import type { PaymentStatus } from './payment.ts';

/**
 * Payment failures, sorted by what the caller should do next rather than by what the gateway
 * said. The checkout saga retries only `retryable` errors (Step Functions matches on `name`,
 * which is the Lambda `errorType`), stops on a decline, and treats a state conflict as a fact to
 * compensate around. No gateway type crosses this line: adapters translate their SDK's errors.
 */
export abstract class PaymentError extends DomainError {
  /** True when the same call may succeed later (gateway down, timeout, rate limit). */
  abstract readonly retryable: boolean;
}

/**
 * Decline reasons that are safe to show the customer. Issuer codes that must not be revealed
 * (`lost_card`, `stolen_card`, `fraudulent`, `pickup_card`, ...) are reported as `card_declined`,
 * as Stripe recommends.
 */
export type PaymentDeclineCode =
  | 'card_declined'
  | 'insufficient_funds'
  | 'expired_card'
  | 'incorrect_cvc'
  | 'processing_error'
  | 'authentication_required'
  | 'invalid_payment_method';

const DECLINE_MESSAGES: Record<PaymentDeclineCode, string> = {
  card_declined: 'Your card was declined. Please use a different card or contact your card issuer.',
  insufficient_funds: 'Your card has insufficient funds. Please use a different card.',
  expired_card: 'Your card has expired. Please use a different card.',
  incorrect_cvc: "Your card's security code is incorrect. Please check it and try again.",
  processing_error: 'An error occurred while processing your card. Please try again in a moment.',
  authentication_required: 'Your card requires authentication that this checkout cannot complete. Please use a different card.',
  invalid_payment_method: 'The payment method could not be used. Please enter your card details again.',
};

/** The customer's card (or payment method) was refused: a final answer for this booking (402). */
export class PaymentDeclinedError extends PaymentError {
  override readonly name = 'PaymentDeclinedError';
  readonly code = 'PAYMENT_DECLINED';
  readonly retryable = false;
  readonly declineCode: PaymentDeclineCode;
  /** The gateway's payment that was declined, when it created one (it can be voided; nothing is held). */
  readonly paymentId?: string;

  constructor(declineCode: PaymentDeclineCode, options?: ErrorOptions & { paymentId?: string }) {
    super(DECLINE_MESSAGES[declineCode], { ...options, details: { declineCode } });
    this.declineCode = declineCode;
    if (options?.paymentId) this.paymentId = options.paymentId;
  }
}

export type PaymentUnavailableReason = 'timeout' | 'connection' | 'gateway_error' | 'rate_limited';

/**
 * The gateway could not be reached or failed on its side (timeout, connection refused, 5xx,
 * 429). The outcome of a state-changing call is unknown, so retry the same call: the idempotency
 * key makes a retry safe (503).
 */
export class PaymentUnavailableError extends PaymentError {
  override readonly name = 'PaymentUnavailableError';
  readonly code = 'PAYMENT_UNAVAILABLE';
  readonly retryable = true;
  readonly reason: PaymentUnavailableReason;

  constructor(reason: PaymentUnavailableReason, options?: ErrorOptions) {
    super('The payment service is not available right now. Please try again in a moment.', options);
    this.reason = reason;
  }
}

export type PaymentStateConflictReason =
  /** A void was asked for money that was already captured: refund instead. */
  | 'already_captured'
  /** A capture was asked for a hold that was already released. */
  | 'already_voided'
  /** A capture was asked for a payment that holds nothing (declined, pending). */
  | 'not_capturable'
  /** A refund was asked for a payment that was never captured: void instead. */
  | 'not_captured'
  | 'already_refunded'
  /** More than the payment allows (capture above the authorization, refund above what is left). */
  | 'amount_too_large'
  /** The same booking step was already sent to the gateway with different values. */
  | 'idempotency_conflict'
  | 'payment_not_found';

const STATE_MESSAGES: Record<PaymentStateConflictReason, string> = {
  already_captured: 'The payment was already captured; it can only be refunded.',
  already_voided: 'The payment authorization was already released.',
  not_capturable: 'The payment holds no funds that could be captured.',
  not_captured: 'The payment was never captured; release the authorization instead of refunding.',
  already_refunded: 'The payment was already refunded.',
  amount_too_large: 'The amount exceeds what the payment allows.',
  idempotency_conflict: 'This booking step was already sent to the payment service with different values.',
  payment_not_found: 'The payment does not exist.',
};

/**
 * The payment is not in a state that allows the operation (409). Not retryable: the saga reads
 * `reason` and `currentStatus` and compensates, e.g. a void that finds `already_captured` must
 * become a refund.
 */
export class PaymentStateError extends PaymentError {
  override readonly name = 'PaymentStateError';
  readonly code = 'PAYMENT_STATE_CONFLICT';
  readonly retryable = false;
  readonly reason: PaymentStateConflictReason;
  readonly currentStatus?: PaymentStatus;
  readonly paymentId?: string;

  constructor(
    reason: PaymentStateConflictReason,
    options?: ErrorOptions & { currentStatus?: PaymentStatus; paymentId?: string },
  ) {
    super(STATE_MESSAGES[reason], { ...options, details: { reason } });
    this.reason = reason;
    if (options?.currentStatus) this.currentStatus = options.currentStatus;
    if (options?.paymentId) this.paymentId = options.paymentId;
  }
}

export type PaymentConfigProblem = 'authentication' | 'permission' | 'invalid_request';

/**
 * The gateway refused us, not the card: a wrong or revoked secret key, a missing permission, or a
 * request it considers malformed. Our misconfiguration or bug, never the customer's, so it is a
 * 5xx and not retryable. The message names no key.
 */
export class PaymentConfigError extends PaymentError {
  override readonly name = 'PaymentConfigError';
  readonly code = 'PAYMENT_CONFIG_ERROR';
  readonly retryable = false;
  readonly problem: PaymentConfigProblem;

  constructor(problem: PaymentConfigProblem, options?: ErrorOptions) {
    super(`The payment service rejected our request (${problem}); this is a configuration problem on our side.`, options);
    this.problem = problem;
  }
}
