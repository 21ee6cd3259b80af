import Stripe from 'stripe';
import { DomainError } from '#domain/errors.ts';
import {
  paymentIdempotencyKey,
  validateAuthorizeRequest,
  validateCaptureRequest,
  validatePaymentId,
  validateRefundRequest,
  validateVoidRequest,
  type AuthorizeRequest,
  type CaptureRequest,
  type PaymentAuthorization,
  type PaymentRefund,
  type PaymentStatus,
  type RefundRequest,
  type VoidRequest,
} from '#domain/payment.ts';
import {
  PaymentConfigError,
  PaymentDeclinedError,
  PaymentStateError,
  PaymentUnavailableError,
  type PaymentStateConflictReason,
} from '#domain/payment-errors.ts';
import type { PaymentGateway } from '#ports/payment-gateway.port.ts';
import { isStateConflict, safeDeclineCode, toPaymentError } from './stripe-error-mapping.ts';

export type PaymentOperation = 'authorize' | 'capture' | 'void' | 'refund' | 'get';

/** One finished gateway call, for metrics. Carries no amounts, ids of cards or keys. */
export interface PaymentCallEvent {
  operation: PaymentOperation;
  durationMs: number;
  ok: boolean;
  /** The domain error code when `ok` is false (`PAYMENT_DECLINED`, ...), or `UNEXPECTED`. */
  errorCode?: string;
}

export interface StripePaymentGatewayOptions {
  /**
   * `sk_test_...`/`sk_live_...`, or the local simulator's key. Handed to the SDK and not kept by
   * the adapter, so it cannot end up in a log line or an error.
   */
  secretKey: string;
  /** Only to point the SDK elsewhere than api.stripe.com, i.e. at the local simulator. */
  host?: string;
  port?: number;
  /** `http` is accepted for loopback hosts only, so a secret key never travels in clear text. */
  protocol?: 'http' | 'https';
  /** Per HTTP attempt. Default 10 s: a saga task must finish well inside its own timeout. */
  timeoutMs?: number;
  /**
   * The SDK's own retries of connection errors, 409 and 5xx, with the same Idempotency-Key.
   * Default 1: a second attempt absorbs a blip; longer outages are the saga's Retry to handle.
   */
  maxNetworkRetries?: number;
  /** Pins the Stripe API version; default the SDK's own (the one its types describe). */
  apiVersion?: string;
  /** Called after every gateway call with its duration and outcome; must not throw (errors are ignored). */
  onCall?: (event: PaymentCallEvent) => void;
}

export const STRIPE_GATEWAY_DEFAULTS = Object.freeze({ timeoutMs: 10_000, maxNetworkRetries: 1 });

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/**
 * The configured stripe SDK client. Options come from the composition root (no environment
 * reading here), which is how the same adapter talks to api.stripe.com on AWS and to the
 * Stripe-compatible simulator locally.
 */
export function createStripeClient(options: StripePaymentGatewayOptions): Stripe {
  if (typeof options.secretKey !== 'string' || options.secretKey.trim() === '') {
    throw new PaymentConfigError('authentication');
  }
  if (options.protocol === 'http' && !LOOPBACK_HOSTS.has(options.host ?? '')) {
    throw new PaymentConfigError('invalid_request', {
      cause: new Error('plain http is only allowed to a loopback host (the local simulator)'),
    });
  }
  const config: Stripe.StripeConfig = {
    timeout: options.timeoutMs ?? STRIPE_GATEWAY_DEFAULTS.timeoutMs,
    maxNetworkRetries: options.maxNetworkRetries ?? STRIPE_GATEWAY_DEFAULTS.maxNetworkRetries,
    appInfo: { name: 'hotel-booking-pms' },
    ...(options.host ? { host: options.host } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.protocol ? { protocol: options.protocol } : {}),
    // The SDK types only admit the version they were generated for; an explicit pin is the caller's choice.
    ...(options.apiVersion ? { apiVersion: options.apiVersion as Stripe.LatestApiVersion } : {}),
  };
  return new Stripe(options.secretKey, config);
}

function toStatus(intent: Stripe.PaymentIntent): PaymentStatus {
  switch (intent.status) {
    case 'requires_capture':
      return 'AUTHORIZED';
    case 'succeeded':
      return 'CAPTURED';
    case 'canceled':
      return 'VOIDED';
    case 'requires_payment_method':
      // Our intents are always confirmed with a payment method: back here means it was declined.
      return 'FAILED';
    default:
      return 'PENDING';
  }
}

function toAuthorization(intent: Stripe.PaymentIntent): PaymentAuthorization {
  const bookingId = intent.metadata?.bookingId;
  return {
    paymentId: intent.id,
    ...(bookingId ? { bookingId } : {}),
    status: toStatus(intent),
    amountMinor: intent.amount,
    amountCapturedMinor: intent.amount_received ?? 0,
    currency: intent.currency.toUpperCase(),
  };
}

function toRefund(refund: Stripe.Refund, paymentId: string): PaymentRefund {
  const status = refund.status === 'succeeded' ? 'SUCCEEDED' : refund.status === 'failed' || refund.status === 'canceled' ? 'FAILED' : 'PENDING';
  return {
    refundId: refund.id,
    paymentId,
    status,
    amountMinor: refund.amount,
    currency: refund.currency.toUpperCase(),
  };
}

/** Stripe marks a response replayed from an earlier request with the same Idempotency-Key. */
function wasReplayed(response: { lastResponse?: { headers?: Record<string, string> } }): boolean {
  return response.lastResponse?.headers?.['idempotent-replayed'] === 'true';
}

/** Why `operation` cannot happen to a payment that is now in `intent.status`. */
function conflictReason(operation: 'capture' | 'void' | 'refund', intent: Stripe.PaymentIntent): PaymentStateConflictReason {
  const status = toStatus(intent);
  if (operation === 'refund') return 'not_captured';
  if (status === 'VOIDED') return 'already_voided';
  if (status === 'CAPTURED') return 'already_captured';
  return 'not_capturable';
}

/**
 * The payment gateway on Stripe: PaymentIntents with `capture_method=manual`, confirmed at
 * creation with the customer's payment method. Idempotency comes from two layers:
 * 1. every state-changing call sends `Idempotency-Key: booking-<id>-<step>`, so Stripe executes a
 *    step once and replays its first answer to a repeat (also to the SDK's own network retries);
 * 2. when Stripe answers a repeat with a state error instead (a key that expired after 24 h, a
 *    different amount, a call made from the dashboard), the adapter reads the intent and reports
 *    success if it is already where the operation would have put it (`capture` of a captured
 *    intent, `void` of a canceled one), and a `PaymentStateError` otherwise.
 *
 * `void` of a captured payment throws `PaymentStateError('already_captured')`: the saga refunds
 * deliberately rather than the adapter converting a void into a refund behind its back.
 *
 * Amounts: our minor units are ISO 4217 minor units, and so are Stripe's for the currencies we
 * sell in (KRW and JPY zero-decimal, USD/EUR two). Stripe's special cases (ISK, HUF, TWD, UGX
 * amounts that must be divisible by 100) are not handled here.
 */
export class StripePaymentGateway implements PaymentGateway {
  private readonly stripe: Stripe;
  private readonly onCall: ((event: PaymentCallEvent) => void) | undefined;

  constructor(options: StripePaymentGatewayOptions) {
    this.stripe = createStripeClient(options);
    this.onCall = options.onCall;
  }

  async authorize(req: AuthorizeRequest): Promise<PaymentAuthorization> {
    validateAuthorizeRequest(req);
    return this.observe('authorize', async () => {
      const params: Stripe.PaymentIntentCreateParams = {
        amount: req.amountMinor,
        currency: req.currency.toLowerCase(),
        payment_method: req.paymentMethodId,
        confirm: true,
        capture_method: 'manual',
        allowed_payment_method_types: ['card'],
        // A card that needs 3-D Secure fails now with `authentication_required` instead of waiting
        // in `requires_action` for a browser step this server-side flow cannot run.
        error_on_requires_action: true,
        metadata: { bookingId: req.bookingId },
        ...(req.description ? { description: req.description } : {}),
        ...(req.customerEmail ? { receipt_email: req.customerEmail } : {}),
      };
      let intent: Stripe.PaymentIntent;
      try {
        const created = await this.stripe.paymentIntents.create(params, {
          idempotencyKey: paymentIdempotencyKey(req.bookingId, 'authorize'),
        });
        // A replay carries the intent as it was when first created; a re-run step wants it as it is now.
        intent = wasReplayed(created) ? await this.retrieve(created.id) : created;
      } catch (error) {
        throw toPaymentError(error);
      }
      switch (intent.status) {
        case 'requires_capture':
        case 'succeeded':
        case 'canceled':
          return toAuthorization(intent);
        case 'requires_action':
          throw new PaymentDeclinedError('authentication_required', { paymentId: intent.id });
        case 'requires_payment_method':
          throw new PaymentDeclinedError(
            safeDeclineCode(intent.last_payment_error?.decline_code, intent.last_payment_error?.code),
            { paymentId: intent.id },
          );
        case 'processing':
          // Not decided yet; the retry replays, sees the replay and reads the intent afresh.
          throw new PaymentUnavailableError('gateway_error');
        default:
          throw new PaymentConfigError('invalid_request', {
            cause: new Error(`unexpected PaymentIntent status after confirm: ${intent.status}`),
          });
      }
    });
  }

  async capture(req: CaptureRequest): Promise<PaymentAuthorization> {
    validateCaptureRequest(req);
    return this.observe('capture', async () => {
      try {
        const intent = await this.stripe.paymentIntents.capture(
          req.paymentId,
          req.amountMinor !== undefined ? { amount_to_capture: req.amountMinor } : {},
          { idempotencyKey: paymentIdempotencyKey(req.bookingId, 'capture') },
        );
        return toAuthorization(intent);
      } catch (error) {
        if (!isStateConflict(error)) throw toPaymentError(error);
        const intent = await this.retrieve(req.paymentId);
        if (intent.status === 'succeeded') return toAuthorization(intent);
        throw new PaymentStateError(conflictReason('capture', intent), {
          cause: error,
          currentStatus: toStatus(intent),
          paymentId: intent.id,
        });
      }
    });
  }

  async void(req: VoidRequest): Promise<PaymentAuthorization> {
    validateVoidRequest(req);
    return this.observe('void', async () => {
      try {
        const intent = await this.stripe.paymentIntents.cancel(
          req.paymentId,
          { cancellation_reason: 'abandoned' },
          { idempotencyKey: paymentIdempotencyKey(req.bookingId, 'void') },
        );
        return toAuthorization(intent);
      } catch (error) {
        if (!isStateConflict(error)) throw toPaymentError(error);
        const intent = await this.retrieve(req.paymentId);
        if (intent.status === 'canceled') return toAuthorization(intent);
        throw new PaymentStateError(conflictReason('void', intent), {
          cause: error,
          currentStatus: toStatus(intent),
          paymentId: intent.id,
        });
      }
    });
  }

  async refund(req: RefundRequest): Promise<PaymentRefund> {
    validateRefundRequest(req);
    return this.observe('refund', async () => {
      try {
        const refund = await this.stripe.refunds.create(
          {
            payment_intent: req.paymentId,
            ...(req.amountMinor !== undefined ? { amount: req.amountMinor } : {}),
            ...(req.reason ? { reason: req.reason } : {}),
            metadata: { bookingId: req.bookingId },
          },
          { idempotencyKey: paymentIdempotencyKey(req.bookingId, 'refund', req.refundKey) },
        );
        return toRefund(refund, req.paymentId);
      } catch (error) {
        // Whatever Stripe's exact code, a refund of money that never moved is a state conflict: void instead.
        const rejected = error instanceof Stripe.errors.StripeInvalidRequestError && error.code !== 'resource_missing';
        if (rejected || isStateConflict(error)) {
          const intent = await this.retrieve(req.paymentId);
          if (intent.status !== 'succeeded') {
            throw new PaymentStateError(conflictReason('refund', intent), {
              cause: error,
              currentStatus: toStatus(intent),
              paymentId: intent.id,
            });
          }
        }
        throw toPaymentError(error);
      }
    });
  }

  async get(paymentId: string): Promise<PaymentAuthorization> {
    validatePaymentId(paymentId);
    return this.observe('get', async () => toAuthorization(await this.retrieve(paymentId)));
  }

  private async retrieve(paymentId: string): Promise<Stripe.PaymentIntent> {
    try {
      return await this.stripe.paymentIntents.retrieve(paymentId);
    } catch (error) {
      throw toPaymentError(error);
    }
  }

  private async observe<T>(operation: PaymentOperation, call: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      const result = await call();
      this.report({ operation, durationMs: performance.now() - started, ok: true });
      return result;
    } catch (error) {
      const errorCode = error instanceof DomainError ? error.code : 'UNEXPECTED';
      this.report({ operation, durationMs: performance.now() - started, ok: false, errorCode });
      throw error;
    }
  }

  private report(event: PaymentCallEvent): void {
    try {
      this.onCall?.(event);
    } catch {
      // An observer's failure must never turn a payment that went through into an error.
    }
  }
}
