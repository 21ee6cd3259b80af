import { currencyDigits } from './money.ts';
import { ValidationError, type FieldIssue } from './errors.ts';

/**
 * Payments as the checkout saga sees them: a card is authorized (funds held) when the booking is
 * placed, captured when the PMS confirms the reservation, voided when the saga compensates before
 * capture, and refunded when money has already moved. Amounts are integer minor units of the
 * currency (cents, or won for KRW), the same units the gateways use, so no conversion can drift.
 *
 * Every operation names the booking it belongs to, and optionally what it is for (its `purpose`):
 * the gateway derives its idempotency keys from the booking id, the purpose and the step, which is
 * what makes a step that Step Functions runs twice harmless, while a booking can still carry more
 * than one payment (a modification's price difference) and more than one refund (a cancellation,
 * a modification that shrank the stay).
 */

/**
 * What a payment or a refund is for, within its booking. Part of every idempotency key and
 * recorded with the gateway (`metadata[purpose]`), so the gateway alone can tell a booking's
 * payments apart:
 * - `checkout`: the booking's own payment, and the saga's compensating refund. The default: keys
 *   keep the form they had before purposes existed (`booking-<id>-authorize`).
 * - `modify-<n>`: the n-th modification of the booking (1, 2, ...): a second authorize + capture
 *   for a price increase, or the refund of a decrease.
 * - `cancellation`: the refund of a cancellation (all of it, or less the fee the policy keeps).
 * - `no-show`: what a no-show gives back under the policy.
 * Add a purpose here when a new kind of money movement appears; never reuse one for another meaning,
 * since the gateway would replay the earlier operation.
 */
export type PaymentPurpose = 'checkout' | 'cancellation' | 'no-show' | `modify-${number}`;

/** The purpose of a request that names none. */
export const DEFAULT_PAYMENT_PURPOSE: PaymentPurpose = 'checkout';

const PAYMENT_PURPOSE = /^(?:checkout|cancellation|no-show|modify-[1-9]\d{0,5})$/;

export function isPaymentPurpose(value: unknown): value is PaymentPurpose {
  return typeof value === 'string' && PAYMENT_PURPOSE.test(value);
}

/** The purpose of the `sequence`-th modification of a booking (1 for the first). */
export function modificationPurpose(sequence: number): PaymentPurpose {
  const purpose = `modify-${sequence}`;
  if (!Number.isSafeInteger(sequence) || !isPaymentPurpose(purpose)) {
    throw new ValidationError('Invalid modification sequence', [{ field: 'sequence', message: 'must be an integer from 1 to 999999' }]);
  }
  return purpose as PaymentPurpose;
}

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
  /** Default `checkout`. A modification's price difference is `modify-<n>`: a payment of its own. */
  purpose?: PaymentPurpose;
}

export interface CaptureRequest {
  bookingId: string;
  paymentId: string;
  /** Capture less than was authorized (the rest is released); omitted captures everything. */
  amountMinor?: number;
  /** The purpose the payment was authorized for (default `checkout`); it names the step's idempotency key. */
  purpose?: PaymentPurpose;
}

export interface VoidRequest {
  bookingId: string;
  paymentId: string;
  /**
   * The purpose the payment was authorized for (default `checkout`). A compensation that voids
   * every open payment of a booking passes each one's `purpose` as `findForBooking` reports it.
   */
  purpose?: PaymentPurpose;
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
  /**
   * Why money goes back (default `checkout`: the saga's compensation). `cancellation` and
   * `modify-<n>` refunds each get their own idempotency key, so a cancellation's partial refund
   * and a modification's difference never replay one another.
   */
  purpose?: PaymentPurpose;
  reason?: 'requested_by_customer' | 'duplicate' | 'fraudulent';
}

export type RefundStatus = 'SUCCEEDED' | 'PENDING' | 'FAILED';

/**
 * A payment as the gateway knows it for one booking, found without our booking record (issue 12:
 * compensations decide from the source of truth).
 */
export interface BookingPayment extends PaymentAuthorization {
  bookingId: string;
  /**
   * What the payment is for, from the gateway's metadata. Payments made before purposes were
   * recorded read as `checkout`; a payment someone else created for the booking (the dashboard)
   * with no recognisable purpose has none, and is voided with the default purpose.
   */
  purpose?: PaymentPurpose;
  /** What was refunded of it so far, in minor units (0 when nothing was). */
  amountRefundedMinor: number;
  /** When the gateway created it (ISO 8601). */
  createdAt: string;
}

export interface FindPaymentsOptions {
  /**
   * The earliest time a payment of the booking can have been created (the booking's creation
   * time). The gateway's metadata search lags behind writes; the adapter closes that gap by also
   * listing everything created recently, and this bound keeps that listing short.
   */
  createdSince?: Date;
}

export interface PaymentRefund {
  /** The gateway's id of the refund (`re_...`). */
  refundId: string;
  paymentId: string;
  status: RefundStatus;
  amountMinor: number;
  currency: string;
}

/** A refund as the gateway lists it for a payment, with what our metadata says it was for. */
export interface BookingRefund extends PaymentRefund {
  /** Absent for a refund made before purposes were recorded, or by someone else. */
  purpose?: PaymentPurpose;
  refundKey?: string;
  /** When the gateway created it (ISO 8601). */
  createdAt: string;
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

function checkOptionalPurpose(purpose: unknown, issues: FieldIssue[]): void {
  if (purpose !== undefined && !isPaymentPurpose(purpose)) {
    issues.push({ field: 'purpose', message: 'must be checkout, cancellation, no-show or modify-<n>' });
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
  checkOptionalPurpose(req.purpose, issues);
  fail('payment authorization', issues);
}

export function validateCaptureRequest(req: CaptureRequest): void {
  const issues: FieldIssue[] = [];
  checkBookingId(req.bookingId, issues);
  checkPaymentId(req.paymentId, issues);
  checkOptionalAmount(req.amountMinor, issues);
  checkOptionalPurpose(req.purpose, issues);
  fail('payment capture', issues);
}

export function validateVoidRequest(req: VoidRequest): void {
  const issues: FieldIssue[] = [];
  checkBookingId(req.bookingId, issues);
  checkPaymentId(req.paymentId, issues);
  checkOptionalPurpose(req.purpose, issues);
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
  checkOptionalPurpose(req.purpose, issues);
  fail('payment refund', issues);
}

/** Throws `ValidationError` unless the booking id could be ours and `createdSince` is a real date. */
export function validateFindPayments(bookingId: string, options: FindPaymentsOptions = {}): void {
  const issues: FieldIssue[] = [];
  checkBookingId(bookingId, issues);
  if (options.createdSince !== undefined && !(options.createdSince instanceof Date && Number.isFinite(options.createdSince.getTime()))) {
    issues.push({ field: 'createdSince', message: 'must be a valid date' });
  }
  fail('payment lookup', issues);
}

/** Which saga step an idempotency key belongs to. */
export type PaymentStep = 'authorize' | 'capture' | 'void' | 'refund';

/**
 * The idempotency key of one step of one booking:
 * `booking-<bookingId>[-<purpose>]-<step>[-<refundKey>]`, the purpose left out for `checkout` so
 * that the keys of the booking's own payment are those it always had. Deterministic on purpose: a
 * step re-run by Step Functions (or by the client's own network retry) sends the same key, so the
 * gateway executes it once and replays the first answer. At most 8 + 100 + 20 + 9 + 65 characters,
 * inside Stripe's 255.
 */
export function paymentIdempotencyKey(
  bookingId: string,
  step: PaymentStep,
  options: { purpose?: PaymentPurpose | undefined; refundKey?: string | undefined } = {},
): string {
  const purpose = options.purpose && options.purpose !== DEFAULT_PAYMENT_PURPOSE ? `-${options.purpose}` : '';
  return `booking-${bookingId}${purpose}-${step}${options.refundKey ? `-${options.refundKey}` : ''}`;
}
