import {
  paymentIdempotencyKey,
  validateAuthorizeRequest,
  validateCaptureRequest,
  validatePaymentId,
  validateRefundRequest,
  validateVoidRequest,
  DEFAULT_PAYMENT_PURPOSE,
  type AuthorizeRequest,
  type BookingPayment,
  type BookingRefund,
  type CaptureRequest,
  type PaymentPurpose,
  type PaymentAuthorization,
  type PaymentRefund,
  type PaymentStatus,
  type RefundRequest,
  type VoidRequest,
} from '../../../shared/domain/payment.ts';
import { PaymentDeclinedError, PaymentStateError, type PaymentDeclineCode } from '../../../shared/domain/payment-errors.ts';
import type { PaymentGateway } from '../../../shared/ports/payment-gateway.port.ts';
import { Failures } from './failures.ts';

export type PaymentOperation = 'authorize' | 'capture' | 'void' | 'refund' | 'get' | 'find' | 'listRefunds';

/**
 * What the simulator (and Stripe) do with their test payment methods, as the adapter reports it:
 * these authorize, these decline with the code the adapter passes on (issuer reasons that must
 * not be shown become `card_declined`), and any other id is an unknown payment method.
 */
const APPROVING = new Set(['pm_card_visa', 'pm_card_visa_debit', 'pm_card_mastercard', 'pm_card_amex', 'pm_card_jcb']);
export const DECLINING: Readonly<Record<string, PaymentDeclineCode>> = {
  pm_card_chargeDeclined: 'card_declined',
  pm_card_chargeDeclinedInsufficientFunds: 'insufficient_funds',
  pm_card_chargeDeclinedExpiredCard: 'expired_card',
  pm_card_chargeDeclinedIncorrectCvc: 'incorrect_cvc',
  pm_card_chargeDeclinedProcessingError: 'processing_error',
  pm_card_chargeDeclinedLostCard: 'card_declined',
  pm_card_chargeDeclinedStolenCard: 'card_declined',
  pm_card_chargeDeclinedFraudulent: 'card_declined',
  pm_card_authenticationRequired: 'authentication_required',
};

export interface FakePayment extends PaymentAuthorization {
  paymentMethodId: string;
  amountRefundedMinor: number;
  purpose: PaymentPurpose;
  createdAt: string;
}

/** The first answer to an idempotency key, replayed to every repeat with the same request. */
interface KeyedAnswer {
  request: string;
  result?: unknown;
  error?: unknown;
}

/**
 * A card gateway in memory with the port's contract (see `PaymentGateway`):
 * - idempotent per booking and step, like the adapter's `booking-<id>-<step>` keys: a repeat
 *   replays the first answer, errors included; the same key with other values is
 *   `PaymentStateError('idempotency_conflict')`;
 * - states AUTHORIZED -> CAPTURED | VOIDED; declined cards leave a FAILED payment whose id the
 *   `PaymentDeclinedError` carries; `void` of a captured payment is
 *   `PaymentStateError('already_captured')`, `capture` of a voided one `already_voided`;
 * - requests are validated like the adapter does (`ValidationError`);
 * - `failures` arms errors per operation, before the gateway acts or (`executed: true`) after it
 *   acted, which is a timeout whose call still happened.
 *
 * `calls` logs every call in order, with its request, for tests that assert what was (not) asked.
 */
export class FakePaymentGateway implements PaymentGateway {
  readonly payments = new Map<string, FakePayment>();
  readonly refunds: (BookingRefund & { bookingId: string })[] = [];
  readonly calls: { operation: PaymentOperation; request: unknown }[] = [];
  readonly failures = new Failures<PaymentOperation>();
  private readonly answers = new Map<string, KeyedAnswer>();
  private sequence = 0;

  async authorize(req: AuthorizeRequest): Promise<PaymentAuthorization> {
    this.calls.push({ operation: 'authorize', request: structuredClone(req) });
    validateAuthorizeRequest(req);
    return this.failures.run('authorize', () =>
      this.once(paymentIdempotencyKey(req.bookingId, 'authorize', { purpose: req.purpose }), { ...req }, () => {
        if (!APPROVING.has(req.paymentMethodId) && !DECLINING[req.paymentMethodId]) {
          throw new PaymentDeclinedError('invalid_payment_method');
        }
        const declined = DECLINING[req.paymentMethodId];
        const payment: FakePayment = {
          paymentId: `pi_fake_${++this.sequence}`,
          bookingId: req.bookingId,
          status: declined ? 'FAILED' : 'AUTHORIZED',
          amountMinor: req.amountMinor,
          amountCapturedMinor: 0,
          amountRefundedMinor: 0,
          currency: req.currency.toUpperCase(),
          paymentMethodId: req.paymentMethodId,
          purpose: req.purpose ?? DEFAULT_PAYMENT_PURPOSE,
          createdAt: new Date(this.sequence * 1000).toISOString(),
        };
        this.payments.set(payment.paymentId, payment);
        if (declined) throw new PaymentDeclinedError(declined, { paymentId: payment.paymentId });
        return view(payment);
      }),
    );
  }

  async capture(req: CaptureRequest): Promise<PaymentAuthorization> {
    this.calls.push({ operation: 'capture', request: structuredClone(req) });
    validateCaptureRequest(req);
    return this.failures.run('capture', () =>
      this.once(paymentIdempotencyKey(req.bookingId, 'capture', { purpose: req.purpose }), { ...req }, () => {
        const payment = this.find(req.paymentId);
        if (payment.status === 'CAPTURED') return view(payment);
        if (payment.status !== 'AUTHORIZED') throw conflict(payment, payment.status === 'VOIDED' ? 'already_voided' : 'not_capturable');
        const amount = req.amountMinor ?? payment.amountMinor;
        if (amount > payment.amountMinor) throw conflict(payment, 'amount_too_large');
        payment.status = 'CAPTURED';
        payment.amountCapturedMinor = amount;
        return view(payment);
      }),
    );
  }

  async void(req: VoidRequest): Promise<PaymentAuthorization> {
    this.calls.push({ operation: 'void', request: structuredClone(req) });
    validateVoidRequest(req);
    return this.failures.run('void', () =>
      this.once(paymentIdempotencyKey(req.bookingId, 'void', { purpose: req.purpose }), { ...req }, () => {
        const payment = this.find(req.paymentId);
        if (payment.status === 'CAPTURED') throw conflict(payment, 'already_captured');
        payment.status = 'VOIDED';
        return view(payment);
      }),
    );
  }

  async refund(req: RefundRequest): Promise<PaymentRefund> {
    this.calls.push({ operation: 'refund', request: structuredClone(req) });
    validateRefundRequest(req);
    return this.failures.run('refund', () =>
      this.once(paymentIdempotencyKey(req.bookingId, 'refund', { purpose: req.purpose, refundKey: req.refundKey }), { ...req }, () => {
        const payment = this.find(req.paymentId);
        if (payment.status !== 'CAPTURED') throw conflict(payment, 'not_captured');
        const left = payment.amountCapturedMinor - payment.amountRefundedMinor;
        if (left <= 0) throw conflict(payment, 'already_refunded');
        const amount = req.amountMinor ?? left;
        if (amount > left) throw conflict(payment, 'amount_too_large');
        payment.amountRefundedMinor += amount;
        const refund: PaymentRefund = { refundId: `re_fake_${++this.sequence}`, paymentId: payment.paymentId, status: 'SUCCEEDED', amountMinor: amount, currency: payment.currency };
        this.refunds.push({
          ...refund,
          bookingId: req.bookingId,
          purpose: req.purpose ?? DEFAULT_PAYMENT_PURPOSE,
          ...(req.refundKey ? { refundKey: req.refundKey } : {}),
          createdAt: new Date(this.sequence * 1000).toISOString(),
        });
        return refund;
      }),
    );
  }

  async get(paymentId: string): Promise<PaymentAuthorization> {
    this.calls.push({ operation: 'get', request: paymentId });
    validatePaymentId(paymentId);
    return this.failures.run('get', () => view(this.find(paymentId)));
  }

  /** Every payment carrying the booking's id, whatever our records say: the source of truth for compensations. */
  async findForBooking(bookingId: string): Promise<BookingPayment[]> {
    this.calls.push({ operation: 'find', request: bookingId });
    return this.failures.run('find', () =>
      [...this.payments.values()]
        .filter((p) => p.bookingId === bookingId)
        .map((p) => ({ ...view(p), bookingId, purpose: p.purpose, amountRefundedMinor: p.amountRefundedMinor, createdAt: p.createdAt })),
    );
  }

  async listRefunds(paymentId: string): Promise<BookingRefund[]> {
    this.calls.push({ operation: 'listRefunds', request: paymentId });
    return this.refunds.filter((r) => r.paymentId === paymentId).map(({ bookingId: _b, ...r }) => ({ ...r }));
  }

  /** Test helper: the payments of a booking, oldest first. */
  paymentsOf(bookingId: string): FakePayment[] {
    return [...this.payments.values()].filter((p) => p.bookingId === bookingId).map((p) => ({ ...p }));
  }

  /** Test helper: the calls of one operation. */
  callsOf(operation: PaymentOperation): unknown[] {
    return this.calls.filter((c) => c.operation === operation).map((c) => c.request);
  }

  private find(paymentId: string): FakePayment {
    const payment = this.payments.get(paymentId);
    if (!payment) throw new PaymentStateError('payment_not_found');
    return payment;
  }

  /** Runs `act` once per key; repeats replay its result or its error. */
  private once<T>(key: string, request: object, act: () => T): T {
    const fingerprint = JSON.stringify(request, Object.keys(request).sort());
    const previous = this.answers.get(key);
    if (previous) {
      if (previous.request !== fingerprint) throw new PaymentStateError('idempotency_conflict');
      if ('error' in previous) throw previous.error;
      return structuredClone(previous.result) as T;
    }
    try {
      const result = act();
      this.answers.set(key, { request: fingerprint, result: structuredClone(result) });
      return result;
    } catch (error) {
      this.answers.set(key, { request: fingerprint, error });
      throw error;
    }
  }
}

function view(payment: FakePayment): PaymentAuthorization {
  return {
    paymentId: payment.paymentId,
    ...(payment.bookingId ? { bookingId: payment.bookingId } : {}),
    status: payment.status,
    amountMinor: payment.amountMinor,
    amountCapturedMinor: payment.amountCapturedMinor,
    currency: payment.currency,
  };
}

function conflict(payment: FakePayment, reason: ConstructorParameters<typeof PaymentStateError>[0]): PaymentStateError {
  return new PaymentStateError(reason, { currentStatus: payment.status as PaymentStatus, paymentId: payment.paymentId });
}
