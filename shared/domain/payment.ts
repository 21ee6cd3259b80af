import { currencyDigits } from './money.ts';
import { ValidationError, type FieldIssue } from './errors.ts';

/**
 * Payments as the checkout saga sees them: a card is authorized (funds held) when the booking is
 * placed, captured when the PMS confirms the reservation, voided when the saga compensates before
 * capture, and refunded when money has already moved. Amounts are integer minor units of the
 * currency (cents, or won for KRW), the same units the gateways use, so no conversion can drift.
 *
 * Every operation names the booking it belongs to: the gateway derives its idempotency keys from
 * the booking id and the step, which is what makes a step that Step Functions runs twice harmless.
 */

/**
 * Where a payment stands.
 * - `AUTHORIZED`: funds are held and can be captured or voided.
 * - `CAPTURED`: money moved; only a refund gives it back.
 * - `VOIDED`: the hold was released (or the payment was abandoned before it held anything).
 * - `FAILED`: the card was declined; nothing is held.
 * - `PENDING`: the gateway has not decided yet (a non-card flow, or a customer action such as
 *   3-D Secure is outstanding). A card authorization through the payment gateway's `authorize`
 *   never ends here; only `get` can report it.
 */
export type PaymentStatus = 'AUTHORIZED' | 'CAPTURED' | 'VOIDED' | 'FAILED' | 'PENDING';

/** One payment of one booking, as the gateway last reported it. */
export interface PaymentAuthorization {
  /** The gateway's id of the payment (a Stripe PaymentIntent id, `pi_...`). */
  paymentId: string;
  /** Our booking the payment belongs to, as recorded with the gateway (absent if it was not). */
  bookingId?: string;
  status: PaymentStatus;
  /** The authorized amount, in minor units. */
  amountMinor: number;
  /** What was actually captured, in minor units (0 until captured; less than `amountMinor` after a partial capture). */
  amountCapturedMinor: number;
  /** ISO 4217, upper case (`KRW`). */
  currency: string;
}

export interface AuthorizeRequest {
  bookingId: string;
  /** Positive integer, minor units of `currency`. */
  amountMinor: number;
  /** ISO 4217 (`KRW`, `USD`); any case. */
  currency: string;
  /**
   * A payment method the client created with the gateway's own client library (`pm_...`), so no
   * card number ever reaches our servers. Stripe's test methods such as `pm_card_visa` work too.
   */
  paymentMethodId: string;
  /** Shown in the gateway's dashboard; never put card data or secrets here. */
  description?: string;
  /** Where the gateway may send a receipt once money is captured. */
  customerEmail?: string;
}

export interface CaptureRequest {
  bookingId: string;
  paymentId: string;
  /** Capture less than was authorized (the rest is released); omitted captures everything. */
  amountMinor?: number;
}

export interface VoidRequest {
  bookingId: string;
  paymentId: string;
}

export interface RefundRequest {
  bookingId: string;
  paymentId: string;
  /** Refund part of the captured amount; omitted refunds whatever is left. */
  amountMinor?: number;
  /**
   * Distinguishes deliberate, separate refunds of the same booking (for example two partial
   * refunds decided at different times). Repeats of the same refund must pass the same value, or
   * none: by default a booking has exactly one refund, however often the step runs.
   */
  refundKey?: string;
  reason?: 'requested_by_customer' | 'duplicate' | 'fraudulent';
}

export type RefundStatus = 'SUCCEEDED' | 'PENDING' | 'FAILED';

export interface PaymentRefund {
  /** The gateway's id of the refund (`re_...`). */
  refundId: string;
  paymentId: string;
  status: RefundStatus;
  amountMinor: number;
  currency: string;
}

const BOOKING_ID = /^[A-Za-z0-9_-]{1,100}$/;
const PAYMENT_METHOD_ID = /^[A-Za-z0-9_]{3,255}$/;
const PAYMENT_ID = /^[A-Za-z0-9_]{3,255}$/;
const REFUND_KEY = /^[A-Za-z0-9_-]{1,64}$/;

/** Three letters the runtime's currency data accepts (Intl throws on malformed codes). */
function isCurrencyCode(currency: string): boolean {
  if (!/^[A-Za-z]{3}$/.test(currency)) return false;
  try {
    currencyDigits(currency.toUpperCase());
    return true;
  } catch {
    return false;
  }
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

function fail(what: string, issues: FieldIssue[]): void {
  if (issues.length > 0) throw new ValidationError(`Invalid ${what}`, issues);
}

/**
 * Booking ids become part of idempotency keys (`booking-<id>-authorize`), so they are kept to a
 * character set and length that every gateway accepts in a key (Stripe allows 255 characters).
 */
function checkBookingId(bookingId: unknown, issues: FieldIssue[]): void {
  if (typeof bookingId !== 'string' || !BOOKING_ID.test(bookingId)) {
    issues.push({ field: 'bookingId', message: 'must be 1-100 letters, digits, "-" or "_"' });
  }
}

function checkPaymentId(paymentId: unknown, issues: FieldIssue[]): void {
  if (typeof paymentId !== 'string' || !PAYMENT_ID.test(paymentId)) {
    issues.push({ field: 'paymentId', message: 'must be a payment id such as pi_...' });
  }
}

function checkOptionalAmount(amountMinor: unknown, issues: FieldIssue[]): void {
  if (amountMinor !== undefined && !isPositiveInteger(amountMinor)) {
    issues.push({ field: 'amountMinor', message: 'must be a positive integer in minor units' });
  }
}

/** Throws `ValidationError` (a bug in the caller, never a decline) when the request cannot be sent. */
export function validateAuthorizeRequest(req: AuthorizeRequest): void {
  const issues: FieldIssue[] = [];
  checkBookingId(req.bookingId, issues);
  if (!isPositiveInteger(req.amountMinor)) {
    issues.push({ field: 'amountMinor', message: 'must be a positive integer in minor units' });
  }
  if (typeof req.currency !== 'string' || !isCurrencyCode(req.currency)) {
    issues.push({ field: 'currency', message: 'must be an ISO 4217 currency code' });
  }
  if (typeof req.paymentMethodId !== 'string' || !PAYMENT_METHOD_ID.test(req.paymentMethodId)) {
    issues.push({ field: 'paymentMethodId', message: 'must be a payment method id such as pm_...' });
  }
  if (req.description !== undefined && (typeof req.description !== 'string' || req.description.length > 1000)) {
    issues.push({ field: 'description', message: 'must be at most 1000 characters' });
  }
  if (req.customerEmail !== undefined && (typeof req.customerEmail !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(req.customerEmail))) {
    issues.push({ field: 'customerEmail', message: 'must be an email address' });
  }
  fail('payment authorization', issues);
}

export function validateCaptureRequest(req: CaptureRequest): void {
  const issues: FieldIssue[] = [];
  checkBookingId(req.bookingId, issues);
  checkPaymentId(req.paymentId, issues);
  checkOptionalAmount(req.amountMinor, issues);
  fail('payment capture', issues);
}

export function validateVoidRequest(req: VoidRequest): void {
  const issues: FieldIssue[] = [];
  checkBookingId(req.bookingId, issues);
  checkPaymentId(req.paymentId, issues);
  fail('payment void', issues);
}

/** Throws `ValidationError` unless `paymentId` looks like a gateway payment id. */
export function validatePaymentId(paymentId: string): void {
  const issues: FieldIssue[] = [];
  checkPaymentId(paymentId, issues);
  fail('payment id', issues);
}

export function validateRefundRequest(req: RefundRequest): void {
  const issues: FieldIssue[] = [];
  checkBookingId(req.bookingId, issues);
  checkPaymentId(req.paymentId, issues);
  checkOptionalAmount(req.amountMinor, issues);
  if (req.refundKey !== undefined && (typeof req.refundKey !== 'string' || !REFUND_KEY.test(req.refundKey))) {
    issues.push({ field: 'refundKey', message: 'must be 1-64 letters, digits, "-" or "_"' });
  }
  fail('payment refund', issues);
}

/** Which saga step an idempotency key belongs to. */
export type PaymentStep = 'authorize' | 'capture' | 'void' | 'refund';

/**
 * The idempotency key of one step of one booking: `booking-<bookingId>-<step>[-<refundKey>]`.
 * Deterministic on purpose: a step re-run by Step Functions (or by the SDK's own network retry)
 * sends the same key, so the gateway executes it once and replays the first answer.
 */
export function paymentIdempotencyKey(bookingId: string, step: PaymentStep, suffix?: string): string {
  return `booking-${bookingId}-${step}${suffix ? `-${suffix}` : ''}`;
}
