import { DomainError } from '#domain/errors.ts';
import {
  DEFAULT_PAYMENT_PURPOSE,
  isPaymentPurpose,
  paymentIdempotencyKey,
  validateAuthorizeRequest,
  validateCaptureRequest,
  validateFindPayments,
  validatePaymentId,
  validateRefundRequest,
  validateVoidRequest,
  type AuthorizeRequest,
  type BookingPayment,
  type BookingRefund,
  type CaptureRequest,
  type FindPaymentsOptions,
  type PaymentAuthorization,
  type PaymentPurpose,
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
import { isIdempotencyConflict, isRejectedRequest, isStateConflict, safeDeclineCode, toPaymentError } from './stripe-error-mapping.ts';
import type { StripeList, StripePaymentIntent, StripePaymentIntentStatus, StripeRefund, StripeSearchResult } from './stripe-objects.ts';
import { StripeRestClient } from './stripe-rest-client.ts';

export type PaymentOperation = 'authorize' | 'capture' | 'void' | 'refund' | 'get' | 'find' | 'listRefunds';

/** One finished gateway call, for metrics. Carries no amounts, ids of cards or keys. */
export interface PaymentCallEvent {
  operation: PaymentOperation;
  durationMs: number;
  ok: boolean;
  /** The domain error code when `ok` is false (`PAYMENT_DECLINED`, ...), or `UNEXPECTED`. */
  errorCode?: string;
}

export interface StripePaymentGatewayOptions {
  /** `sk_test_...`/`sk_live_...`, or the local simulator's key. Kept only inside the REST client. */
  secretKey: string;
  /**
   * `https://api.stripe.com` by default; the local simulator's URL otherwise. `http` is accepted
   * for loopback hosts only, so a secret key never travels in clear text.
   */
  baseUrl?: string;
  /** Per HTTP attempt. Default 10 s: a saga task must finish well inside its own timeout. */
  timeoutMs?: number;
  /**
   * Retries of connection errors, timeouts, 409 and 5xx, with the same Idempotency-Key. Default 1:
   * a second attempt absorbs a blip; longer outages are the saga's Retry to handle.
   */
  maxNetworkRetries?: number;
  /** Pins the Stripe API version; default `STRIPE_API_VERSION`, the version the adapter is written against. */
  apiVersion?: string;
  /**
   * How far Stripe's search may lag behind writes. `findForBooking` lists every intent created in
   * this window (strongly consistent) besides searching. Default 10 minutes: Stripe states under a
   * minute normally, more during incidents.
   */
  searchLagMs?: number;
  /** Called after every gateway call with its duration and outcome; must not throw (errors are ignored). */
  onCall?: (event: PaymentCallEvent) => void;
  /** Epoch milliseconds, for the lookup window; default `Date.now`. */
  now?: () => number;
  /** Tests only: the transport and the wait between retries. */
  fetch?: typeof globalThis.fetch;
  sleep?: (ms: number) => Promise<void>;
}

export const STRIPE_GATEWAY_DEFAULTS = Object.freeze({ timeoutMs: 10_000, maxNetworkRetries: 1, searchLagMs: 10 * 60_000 });

/** Our clock and Stripe's may disagree; the lookup window starts this much earlier. */
const CLOCK_SKEW_ALLOWANCE_MS = 60_000;
/** Pages of 100 a lookup reads before it gives up rather than answer with a partial list. */
const MAX_SEARCH_PAGES = 10;
const MAX_LIST_PAGES = 20;
const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
/** States from which a capture or a void can still happen. */
const OPEN_STATUSES: ReadonlySet<StripePaymentIntentStatus> = new Set([
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
  'processing',
  'requires_capture',
]);

function toStatus(intent: StripePaymentIntent): PaymentStatus {
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

function toAuthorization(intent: StripePaymentIntent): PaymentAuthorization {
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

/**
 * The purpose recorded on an intent: ours since purposes exist; `checkout` for one without (made
 * before purposes were recorded, when a booking had one payment); none for a value we do not know.
 */
function purposeOf(metadata: Record<string, string> | undefined): PaymentPurpose | undefined {
  const purpose = metadata?.purpose;
  if (purpose === undefined) return DEFAULT_PAYMENT_PURPOSE;
  return isPaymentPurpose(purpose) ? purpose : undefined;
}

function toBookingPayment(intent: StripePaymentIntent, bookingId: string): BookingPayment {
  const purpose = purposeOf(intent.metadata);
  const charge = intent.latest_charge;
  return {
    ...toAuthorization(intent),
    bookingId,
    ...(purpose ? { purpose } : {}),
    amountRefundedMinor: typeof charge === 'object' && charge !== null ? charge.amount_refunded : 0,
    createdAt: new Date(intent.created * 1000).toISOString(),
  };
}

function toRefund(refund: StripeRefund, paymentId: string): PaymentRefund {
  const status = refund.status === 'succeeded' ? 'SUCCEEDED' : refund.status === 'failed' || refund.status === 'canceled' ? 'FAILED' : 'PENDING';
  return {
    refundId: refund.id,
    paymentId,
    status,
    amountMinor: refund.amount,
    currency: refund.currency.toUpperCase(),
  };
}

function toBookingRefund(refund: StripeRefund, paymentId: string): BookingRefund {
  const purpose = refund.metadata?.purpose;
  const refundKey = refund.metadata?.refundKey;
  return {
    ...toRefund(refund, paymentId),
    ...(isPaymentPurpose(purpose) ? { purpose } : {}),
    ...(refundKey ? { refundKey } : {}),
    createdAt: new Date(refund.created * 1000).toISOString(),
  };
}

/**
 * The keys a step on an existing payment may use, in order: the step's own, then one naming the
 * payment, for when the step's key was already spent on another payment of the booking.
 */
function stepKeys(key: string, paymentId: string): string[] {
  return [key, `${key}-${paymentId}`].filter((k) => k.length <= MAX_IDEMPOTENCY_KEY_LENGTH);
}

/** Why `operation` cannot happen to a payment that is now in `intent.status`. */
function conflictReason(operation: 'capture' | 'void' | 'refund', intent: StripePaymentIntent): PaymentStateConflictReason {
  const status = toStatus(intent);
  if (operation === 'refund') return 'not_captured';
  if (status === 'VOIDED') return 'already_voided';
  if (status === 'CAPTURED') return 'already_captured';
  return 'not_capturable';
}

/**
 * The payment gateway on Stripe's REST API (our own lean client, `stripe-rest-client.ts`):
 * PaymentIntents with `capture_method=manual`, confirmed at creation with the customer's payment
 * method, carrying `metadata[bookingId]` and `metadata[purpose]`. Idempotency comes from layers:
 * 1. every state-changing call sends `Idempotency-Key: booking-<id>[-<purpose>]-<step>`, so Stripe
 *    executes a step once and replays its first answer to a repeat (also to the client's own
 *    network retries);
 * 2. when Stripe answers a repeat with a state error instead (a key that expired after 24 h, a
 *    different amount, a call made from the dashboard), the adapter reads the intent and reports
 *    success if it is already where the operation would have put it (`capture` of a captured
 *    intent, `void` of a canceled one), and a `PaymentStateError` otherwise;
 * 3. a refund first looks for a refund of the same booking, purpose and refund key among the
 *    payment's refunds, so a repeat days later (after Stripe forgot the key) refunds nothing twice;
 *    an authorize whose key Stripe refuses as reused with other values (a description that changed
 *    between releases) finds the booking's payment of that purpose and amount instead of failing.
 *
 * `void` of a captured payment throws `PaymentStateError('already_captured')`: the saga refunds
 * deliberately rather than the adapter converting a void into a refund behind its back.
 *
 * Amounts: our minor units are ISO 4217 minor units, and so are Stripe's for the currencies we
 * sell in (KRW and JPY zero-decimal, USD/EUR two). Stripe's special cases (ISK, HUF, TWD, UGX
 * amounts that must be divisible by 100) are not handled here.
 */
export class StripePaymentGateway implements PaymentGateway {
  private readonly client: StripeRestClient;
  private readonly onCall: ((event: PaymentCallEvent) => void) | undefined;
  private readonly searchLagMs: number;
  private readonly now: () => number;

  constructor(options: StripePaymentGatewayOptions) {
    try {
      this.client = new StripeRestClient({
        secretKey: options.secretKey,
        timeoutMs: options.timeoutMs ?? STRIPE_GATEWAY_DEFAULTS.timeoutMs,
        maxNetworkRetries: options.maxNetworkRetries ?? STRIPE_GATEWAY_DEFAULTS.maxNetworkRetries,
        ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
        ...(options.apiVersion ? { apiVersion: options.apiVersion } : {}),
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(options.sleep ? { sleep: options.sleep } : {}),
      });
    } catch (error) {
      throw toPaymentError(error);
    }
    this.onCall = options.onCall;
    this.searchLagMs = options.searchLagMs ?? STRIPE_GATEWAY_DEFAULTS.searchLagMs;
    this.now = options.now ?? Date.now;
  }

  async authorize(req: AuthorizeRequest): Promise<PaymentAuthorization> {
    validateAuthorizeRequest(req);
    const purpose = req.purpose ?? DEFAULT_PAYMENT_PURPOSE;
    return this.observe('authorize', async () => {
      const params = {
        amount: req.amountMinor,
        currency: req.currency.toLowerCase(),
        payment_method: req.paymentMethodId,
        confirm: true,
        capture_method: 'manual',
        allowed_payment_method_types: ['card'],
        // A card that needs 3-D Secure fails now with `authentication_required` instead of waiting
        // in `requires_action` for a browser step this server-side flow cannot run.
        error_on_requires_action: true,
        metadata: { bookingId: req.bookingId, purpose },
        ...(req.description ? { description: req.description } : {}),
        ...(req.customerEmail ? { receipt_email: req.customerEmail } : {}),
      };
      let intent: StripePaymentIntent;
      try {
        const created = await this.client.post<StripePaymentIntent>('/v1/payment_intents', params, {
          idempotencyKey: paymentIdempotencyKey(req.bookingId, 'authorize', { purpose }),
        });
        // A replay carries the intent as it was when first created; a re-run step wants it as it is now.
        intent = created.replayed ? await this.retrieve(created.body.id) : created.body;
      } catch (error) {
        const existing = isIdempotencyConflict(error) ? await this.sameAuthorization(req, purpose) : undefined;
        if (!existing) throw toPaymentError(error);
        intent = existing;
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
            cause: new Error(`unexpected PaymentIntent status after confirm: ${String(intent.status)}`),
          });
      }
    });
  }

  async capture(req: CaptureRequest): Promise<PaymentAuthorization> {
    validateCaptureRequest(req);
    return this.observe('capture', () =>
      this.transition('capture', req, `/v1/payment_intents/${encodeURIComponent(req.paymentId)}/capture`, {
        ...(req.amountMinor !== undefined ? { amount_to_capture: req.amountMinor } : {}),
      }),
    );
  }

  async void(req: VoidRequest): Promise<PaymentAuthorization> {
    validateVoidRequest(req);
    return this.observe('void', () =>
      this.transition('void', req, `/v1/payment_intents/${encodeURIComponent(req.paymentId)}/cancel`, { cancellation_reason: 'abandoned' }),
    );
  }

  async refund(req: RefundRequest): Promise<PaymentRefund> {
    validateRefundRequest(req);
    const purpose = req.purpose ?? DEFAULT_PAYMENT_PURPOSE;
    return this.observe('refund', async () => {
      const earlier = (await this.refundsOf(req.paymentId)).find(
        (r) => r.metadata?.bookingId === req.bookingId && r.metadata?.purpose === purpose && r.metadata?.refundKey === req.refundKey,
      );
      if (earlier) {
        if (req.amountMinor !== undefined && earlier.amount !== req.amountMinor) {
          throw new PaymentStateError('idempotency_conflict', { paymentId: req.paymentId });
        }
        return toRefund(earlier, req.paymentId);
      }
      const params = {
        payment_intent: req.paymentId,
        ...(req.amountMinor !== undefined ? { amount: req.amountMinor } : {}),
        ...(req.reason ? { reason: req.reason } : {}),
        metadata: { bookingId: req.bookingId, purpose, ...(req.refundKey ? { refundKey: req.refundKey } : {}) },
      };
      const keys = stepKeys(paymentIdempotencyKey(req.bookingId, 'refund', { purpose, refundKey: req.refundKey }), req.paymentId);
      for (const [attempt, idempotencyKey] of keys.entries()) {
        try {
          return toRefund((await this.client.post<StripeRefund>('/v1/refunds', params, { idempotencyKey })).body, req.paymentId);
        } catch (error) {
          // This payment has no refund of this purpose (looked up above): the key went to another
          // payment of the booking (a cancellation refunds each captured payment), so name this one.
          if (isIdempotencyConflict(error) && attempt + 1 < keys.length) continue;
          // Whatever Stripe's exact code, a refund of money that never moved is a state conflict: void instead.
          if (isRejectedRequest(error) || isStateConflict(error)) {
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
      }
      throw new PaymentStateError('idempotency_conflict', { paymentId: req.paymentId });
    });
  }

  async get(paymentId: string): Promise<PaymentAuthorization> {
    validatePaymentId(paymentId);
    return this.observe('get', async () => toAuthorization(await this.retrieve(paymentId)));
  }

  async findForBooking(bookingId: string, options: FindPaymentsOptions = {}): Promise<BookingPayment[]> {
    validateFindPayments(bookingId, options);
    return this.observe('find', async () =>
      (await this.intentsOf(bookingId, options.createdSince)).map((intent) => toBookingPayment(intent, bookingId)),
    );
  }

  async listRefunds(paymentId: string): Promise<BookingRefund[]> {
    validatePaymentId(paymentId);
    return this.observe('listRefunds', async () => (await this.refundsOf(paymentId)).map((r) => toBookingRefund(r, paymentId)));
  }

  /**
   * Capture or void under the step's key. On a state conflict the intent decides: already where
   * the operation leads is success; still open after an idempotency conflict means the key was
   * spent on another payment of the booking with the same purpose (one made outside the saga, or
   * after Stripe forgot the key), so the operation is sent once more under a key naming the payment.
   */
  private async transition(
    operation: 'capture' | 'void',
    req: CaptureRequest | VoidRequest,
    path: string,
    params: Record<string, string | number>,
  ): Promise<PaymentAuthorization> {
    const done: StripePaymentIntentStatus = operation === 'capture' ? 'succeeded' : 'canceled';
    const keys = stepKeys(paymentIdempotencyKey(req.bookingId, operation, { purpose: req.purpose }), req.paymentId);
    for (const [attempt, idempotencyKey] of keys.entries()) {
      try {
        return toAuthorization((await this.client.post<StripePaymentIntent>(path, params, { idempotencyKey })).body);
      } catch (error) {
        if (!isStateConflict(error)) throw toPaymentError(error);
        const intent = await this.retrieve(req.paymentId);
        if (intent.status === done) return toAuthorization(intent);
        const anotherKey = attempt + 1 < keys.length && isIdempotencyConflict(error) && OPEN_STATUSES.has(intent.status);
        if (!anotherKey) {
          throw new PaymentStateError(conflictReason(operation, intent), { cause: error, currentStatus: toStatus(intent), paymentId: intent.id });
        }
      }
    }
    throw new PaymentStateError('idempotency_conflict', { paymentId: req.paymentId });
  }

  /** The booking's payment of this purpose, amount and currency, when an authorize's key was refused as reused. */
  private async sameAuthorization(req: AuthorizeRequest, purpose: PaymentPurpose): Promise<StripePaymentIntent | undefined> {
    const candidates = (await this.intentsOf(req.bookingId)).filter(
      (intent) =>
        purposeOf(intent.metadata) === purpose && intent.amount === req.amountMinor && intent.currency === req.currency.toLowerCase(),
    );
    return candidates.at(-1);
  }

  /**
   * Every PaymentIntent carrying `metadata[bookingId]`, oldest first (Stripe's `created` is in
   * seconds; within one second, in Stripe's own order). Search finds them at any age
   * but lags behind writes; listing by creation time is strongly consistent but sees every booking,
   * so it covers only the window search may not have caught up with (from `createdSince`, or the
   * last `searchLagMs`, whichever is later, less a clock-skew allowance). Both run in parallel.
   */
  private async intentsOf(bookingId: string, createdSince?: Date): Promise<StripePaymentIntent[]> {
    const expand = ['data.latest_charge'];
    const searched = async (): Promise<StripePaymentIntent[]> => {
      const found: StripePaymentIntent[] = [];
      let page: string | undefined;
      for (let pages = 0; pages < MAX_SEARCH_PAGES; pages += 1) {
        const { body } = await this.client.get<StripeSearchResult<StripePaymentIntent>>('/v1/payment_intents/search', {
          query: `metadata['bookingId']:'${bookingId}'`,
          limit: 100,
          expand,
          ...(page ? { page } : {}),
        });
        found.push(...body.data);
        if (!body.has_more || !body.next_page) return found;
        page = body.next_page;
      }
      throw new PaymentUnavailableError('gateway_error', { cause: new Error(`more than ${MAX_SEARCH_PAGES * 100} payments match booking ${bookingId}`) });
    };
    const listed = async (): Promise<StripePaymentIntent[]> => {
      const now = this.now();
      const from = Math.max(createdSince?.getTime() ?? -Infinity, now - this.searchLagMs) - CLOCK_SKEW_ALLOWANCE_MS;
      const found: StripePaymentIntent[] = [];
      let startingAfter: string | undefined;
      for (let pages = 0; pages < MAX_LIST_PAGES; pages += 1) {
        const { body } = await this.client.get<StripeList<StripePaymentIntent>>('/v1/payment_intents', {
          created: { gte: Math.floor(from / 1000) },
          limit: 100,
          expand,
          ...(startingAfter ? { starting_after: startingAfter } : {}),
        });
        found.push(...body.data);
        const last = body.data.at(-1);
        if (!body.has_more || !last) return found;
        startingAfter = last.id;
      }
      throw new PaymentUnavailableError('gateway_error', { cause: new Error(`more than ${MAX_LIST_PAGES * 100} payments created in the lookup window`) });
    };
    let results: StripePaymentIntent[][];
    try {
      results = await Promise.all([searched(), listed()]);
    } catch (error) {
      throw toPaymentError(error);
    }
    // Both answers are newest first; the listing's order is exact within its window, so it leads,
    // and the reversed result is oldest first even among payments made in the same second.
    const [fromSearch = [], fromList = []] = results;
    const byId = new Map<string, StripePaymentIntent>();
    for (const intent of [...fromList, ...fromSearch]) {
      if (intent.metadata?.bookingId === bookingId && !byId.has(intent.id)) byId.set(intent.id, intent);
    }
    return [...byId.values()].reverse().sort((a, b) => a.created - b.created);
  }

  /** Every refund of a payment (a handful at most), newest first. */
  private async refundsOf(paymentId: string): Promise<StripeRefund[]> {
    const found: StripeRefund[] = [];
    let startingAfter: string | undefined;
    try {
      for (let pages = 0; pages < MAX_LIST_PAGES; pages += 1) {
        const { body } = await this.client.get<StripeList<StripeRefund>>('/v1/refunds', {
          payment_intent: paymentId,
          limit: 100,
          ...(startingAfter ? { starting_after: startingAfter } : {}),
        });
        found.push(...body.data);
        const last = body.data.at(-1);
        if (!body.has_more || !last) return found;
        startingAfter = last.id;
      }
    } catch (error) {
      throw toPaymentError(error);
    }
    throw new PaymentUnavailableError('gateway_error', { cause: new Error(`more than ${MAX_LIST_PAGES * 100} refunds of ${paymentId}`) });
  }

  private async retrieve(paymentId: string): Promise<StripePaymentIntent> {
    try {
      return (await this.client.get<StripePaymentIntent>(`/v1/payment_intents/${encodeURIComponent(paymentId)}`)).body;
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
