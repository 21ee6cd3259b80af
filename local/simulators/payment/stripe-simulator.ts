import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultMode, FaultRegistry } from '../fault-registry.ts';
import { FormBodyError, canonicalJson, parseStripeForm, type FormObject, type FormValue } from './stripe-form-body.ts';
import { bookingLedger, bookingLedgers, type BookingLedger } from './stripe-ledger.ts';
import { listPaymentIntents, listRefunds, retrievePaymentIntent, searchPaymentIntents, type QuerySource } from './stripe-list-search.ts';
import { readBody } from '../../http-server.ts';

/**
 * A Stripe-compatible server for local runs and tests: the subset of the v1 REST API that the
 * payment adapter uses (PaymentIntents with manual capture, capture, cancel, refunds, and the
 * lists and search below), spoken in Stripe's own dialect so any Stripe client talks to it
 * unchanged given its URL (our adapter's `baseUrl`, or the official SDK's `host`/`port`/`protocol`):
 * - form-encoded request bodies with bracketed keys, JSON responses, Bearer (or Basic) secret-key
 *   auth, `Request-Id` and `Stripe-Version` response headers, Stripe's error envelope
 *   `{error: {type, code, decline_code, message, param}}` and HTTP statuses (402 card errors,
 *   400/404 invalid requests, 401 bad key);
 * - Stripe's test payment methods: `pm_card_visa` (and other `pm_card_<brand>`) authorize;
 *   `pm_card_chargeDeclined`, `...InsufficientFunds`, `...ExpiredCard`, `...IncorrectCvc`,
 *   `...ProcessingError`, `...LostCard`, `...StolenCard`, `...Fraudulent` decline;
 *   `pm_card_authenticationRequired` needs 3-D Secure; anything else is `resource_missing`;
 * - Idempotency-Key semantics: the first response to a key (status and body, errors included) is
 *   replayed with `Idempotent-Replayed: true`; the same key with other parameters (or on another
 *   endpoint) is a 400 `idempotency_error`; requests that fail validation before executing are not
 *   stored (as on Stripe). Concurrent requests with one key are serialized, so only the first
 *   executes and the rest replay it (Stripe answers them 409 instead, which the SDK retries:
 *   the outcome is the same). Keys never expire here; Stripe keeps them at least 24 h.
 *
 * Fault points (`FaultRegistry`): `payment.authorize` (create), `payment.capture`, `payment.void`
 * (cancel), `payment.refund`. They are checked after authentication and BEFORE the idempotency
 * layer, as if the failure happened in front of Stripe: nothing executes and nothing is stored,
 * so a retry with the same key after an injected fault can succeed. (A real Stripe 500 from an
 * executed request would be replayed.) Modes: `error` answers 500 `api_error`; `timeout` holds
 * the request for `delayMs` (default 120 s) and then drops the connection without an answer;
 * `latency` waits `delayMs` and then answers normally. The SDK retries 500s and dropped
 * connections by itself (`maxNetworkRetries`), and each attempt consumes one armed fault.
 * Mode `late` is the opposite case, the one a timeout must never be read as "nothing happened":
 * the request executes (and its answer is stored for its key), then the answer is held for
 * `delayMs` (default 120 s), past the client's timeout; a client that gave up gets nothing, a
 * retry with the same key gets the replay.
 *
 * Reads for compensations and checks: listing and searching PaymentIntents, listing refunds (see
 * `stripe-list-search.ts`), and `GET /_sim/ledger[/<bookingId>]` (no key needed) with each
 * booking's authorized, captured, refunded, voided and still-held amounts (`stripe-ledger.ts`),
 * also in process as `state.ledger(bookingId)`.
 */

export interface StripeSimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  faults?: FaultRegistry;
  /** Added to every request, to make timings realistic. */
  latencyMs?: number;
  /** The one secret key accepted; default `sk_test_local_simulator`. */
  secretKey?: string;
  /** Epoch milliseconds for `created` and `canceled_at`; default `Date.now`. */
  now?: () => number;
  /**
   * `immediate` (default): search sees every write at once. `manual`: as on Stripe, search lags;
   * an intent becomes searchable, in the state it then has, only when `state.indexSearch()` runs.
   */
  searchIndexing?: 'immediate' | 'manual';
}

export interface SimPaymentIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_capturable: number;
  amount_received: number;
  currency: string;
  status:
    | 'requires_payment_method'
    | 'requires_confirmation'
    | 'requires_action'
    | 'processing'
    | 'requires_capture'
    | 'canceled'
    | 'succeeded';
  capture_method: 'automatic' | 'automatic_async' | 'manual';
  confirmation_method: 'automatic' | 'manual';
  client_secret: string;
  payment_method: string | null;
  payment_method_types: string[];
  metadata: Record<string, string>;
  description: string | null;
  receipt_email: string | null;
  latest_charge: string | null;
  last_payment_error: Record<string, unknown> | null;
  cancellation_reason: string | null;
  canceled_at: number | null;
  created: number;
  livemode: false;
}

export interface SimRefund {
  id: string;
  object: 'refund';
  amount: number;
  currency: string;
  charge: string;
  payment_intent: string;
  reason: string | null;
  metadata: Record<string, string>;
  status: 'succeeded';
  created: number;
}

export interface SimCharge {
  id: string;
  paymentIntentId: string;
  amountCaptured: number;
  amountRefunded: number;
}

/** Operations that executed (replays and rejected requests are not counted). */
export interface BookingCounts {
  creates: number;
  captures: number;
  cancels: number;
  refunds: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
  idempotencyKey?: string;
  stripeVersion?: string;
  replayed: boolean;
  /** The fault that answered this request, if one did. */
  fault?: FaultMode;
}

export interface StripeSimulatorState {
  intent(id: string): SimPaymentIntent | undefined;
  intents(): SimPaymentIntent[];
  intentsForBooking(bookingId: string): SimPaymentIntent[];
  refunds(): SimRefund[];
  counts(bookingId: string): BookingCounts;
  /** What moved for the booking: authorized, captured, refunded, voided and still-held amounts. */
  ledger(bookingId: string): BookingLedger;
  /** Every booking's ledger. */
  ledgers(): BookingLedger[];
  /** With `searchIndexing: 'manual'`: makes every intent searchable as it is now. */
  indexSearch(): void;
  /** Forgets every stored Idempotency-Key, as Stripe does after 24 hours; objects stay. */
  expireIdempotencyKeys(): void;
  /** The last 1,000 requests, oldest first. */
  requests(): RecordedRequest[];
  /** Forgets everything: intents, refunds, idempotency keys, counters, the request log. */
  reset(): void;
}

export interface StripeSimulator {
  url: string;
  host: string;
  port: number;
  protocol: 'http';
  secretKey: string;
  state: StripeSimulatorState;
  stop(): Promise<void>;
}

export const DEFAULT_SIMULATOR_SECRET_KEY = 'sk_test_local_simulator';
const DEFAULT_API_VERSION = '2026-10-28.endive';
const MAX_BODY_BYTES = 1_000_000;
const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
const REQUEST_LOG_LIMIT = 1_000;

type Outcome =
  | { kind: 'success' }
  | { kind: 'decline'; code: string; declineCode: string; message: string }
  | { kind: 'requires_action' };

const DECLINE = (code: string, declineCode: string, message: string): Outcome => ({ kind: 'decline', code, declineCode, message });

/** Stripe's documented test PaymentMethods (https://docs.stripe.com/testing), the ones that matter here. */
const TEST_PAYMENT_METHODS: Record<string, Outcome> = {
  pm_card_visa: { kind: 'success' },
  pm_card_visa_debit: { kind: 'success' },
  pm_card_mastercard: { kind: 'success' },
  pm_card_amex: { kind: 'success' },
  pm_card_jcb: { kind: 'success' },
  pm_card_chargeDeclined: DECLINE('card_declined', 'generic_decline', 'Your card was declined.'),
  pm_card_chargeDeclinedInsufficientFunds: DECLINE('card_declined', 'insufficient_funds', 'Your card has insufficient funds.'),
  pm_card_chargeDeclinedExpiredCard: DECLINE('expired_card', 'expired_card', 'Your card has expired.'),
  pm_card_chargeDeclinedIncorrectCvc: DECLINE('incorrect_cvc', 'incorrect_cvc', "Your card's security code is incorrect."),
  pm_card_chargeDeclinedProcessingError: DECLINE(
    'processing_error',
    'processing_error',
    'An error occurred while processing your card. Try again in a little bit.',
  ),
  pm_card_chargeDeclinedLostCard: DECLINE('card_declined', 'lost_card', 'Your card was declined.'),
  pm_card_chargeDeclinedStolenCard: DECLINE('card_declined', 'stolen_card', 'Your card was declined.'),
  pm_card_chargeDeclinedFraudulent: DECLINE('card_declined', 'fraudulent', 'Your card was declined.'),
  pm_card_authenticationRequired: { kind: 'requires_action' },
};

const CANCELABLE: ReadonlySet<SimPaymentIntent['status']> = new Set([
  'requires_payment_method',
  'requires_capture',
  'requires_confirmation',
  'requires_action',
  'processing',
]);

const CANCELLATION_REASONS = new Set(['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned']);
const REFUND_REASONS = new Set(['duplicate', 'fraudulent', 'requested_by_customer']);

const CREATE_PARAMS = new Set([
  'amount', 'currency', 'payment_method', 'confirm', 'capture_method', 'confirmation_method',
  'payment_method_types', 'allowed_payment_method_types', 'automatic_payment_methods',
  'error_on_requires_action', 'metadata', 'description', 'receipt_email', 'statement_descriptor',
  'statement_descriptor_suffix', 'customer', 'setup_future_usage', 'return_url', 'off_session',
  'payment_method_options', 'expand',
]);
const CAPTURE_PARAMS = new Set(['amount_to_capture', 'final_capture', 'metadata', 'statement_descriptor', 'statement_descriptor_suffix', 'expand']);
const CANCEL_PARAMS = new Set(['cancellation_reason', 'expand']);
const REFUND_PARAMS = new Set(['payment_intent', 'charge', 'amount', 'reason', 'metadata', 'expand', 'instructions_email']);

/** What a handler answers; `store` says whether the idempotency layer keeps it for replay. */
interface Reply {
  status: number;
  body: unknown;
  store: boolean;
}

/** An answer ready to send: status, JSON text, extra headers. */
interface Answer {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

interface StoredReply {
  fingerprint: string;
  status: number;
  body: string;
  requestId: string;
}

function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
}


function clone<T>(value: T): T {
  return structuredClone(value);
}

function error(status: number, body: Record<string, unknown>, store = false): Reply {
  return { status, body: { error: body }, store };
}

function invalid(message: string, extra: Record<string, unknown> = {}, status = 400, store = false): Reply {
  return error(status, { type: 'invalid_request_error', message, ...extra }, store);
}

function unknownParameter(params: FormObject, allowed: ReadonlySet<string>): Reply | undefined {
  const unknown = Object.keys(params).find((k) => !allowed.has(k));
  return unknown === undefined
    ? undefined
    : invalid(`Received unknown parameter: ${unknown}`, { code: 'parameter_unknown', param: unknown });
}

function asString(value: FormValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Parses a positive integer parameter; `undefined` when absent, `null` when malformed. */
function positiveInteger(value: FormValue | undefined): number | undefined | null {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) return null;
  const n = Number(value);
  return n >= 1 ? n : null;
}

function booleanParam(value: FormValue | undefined): boolean | undefined | null {
  if (value === undefined) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return null;
}

function stringMap(value: FormValue | undefined): Record<string, string> | null {
  if (value === undefined || value === '') return {};
  if (typeof value !== 'object' || Array.isArray(value)) return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string' || k.length > 40 || v.length > 500) return null;
    out[k] = v;
  }
  return out;
}

function stringArray(value: FormValue | undefined): string[] | undefined | null {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) return null;
  return value as string[];
}

/** `sk_test_****************ator`: Stripe's way of naming a key in an error without revealing it. */
function redactKey(key: string): string {
  if (key.length <= 12) return '*'.repeat(key.length);
  const prefix = key.startsWith('sk_test_') ? 'sk_test_' : key.startsWith('sk_live_') ? 'sk_live_' : '';
  return `${prefix}${'*'.repeat(Math.max(4, key.length - prefix.length - 4))}${key.slice(-4)}`;
}

function presentedKey(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme, value] = header.split(' ', 2);
  if (!value) return undefined;
  if (scheme?.toLowerCase() === 'bearer') return value.trim();
  if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    return decoded.split(':', 1)[0];
  }
  return undefined;
}


/** Serializes async work per key: the second caller starts only after the first has finished. */
class KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}

class SimulatorStore implements QuerySource {
  readonly intents = new Map<string, SimPaymentIntent>();
  /** With manual search indexing: what search sees of each intent. */
  readonly searchIndex = new Map<string, SimPaymentIntent>();
  readonly charges = new Map<string, SimCharge>();
  readonly refunds = new Map<string, SimRefund>();
  readonly idempotency = new Map<string, StoredReply>();
  readonly counts = new Map<string, BookingCounts>();
  readonly log: RecordedRequest[] = [];

  constructor(
    private readonly clock: () => number,
    private readonly manualIndexing: boolean,
  ) {}

  /** Unix seconds, Stripe's unit for `created`. */
  now(): number {
    return Math.floor(this.clock() / 1000);
  }

  indexed(id: string): SimPaymentIntent | undefined {
    return this.manualIndexing ? this.searchIndex.get(id) : this.intents.get(id);
  }

  indexSearch(): void {
    for (const intent of this.intents.values()) this.searchIndex.set(intent.id, clone(intent));
  }

  count(bookingId: string | undefined, field: keyof BookingCounts): void {
    if (!bookingId) return;
    const c = this.counts.get(bookingId) ?? { creates: 0, captures: 0, cancels: 0, refunds: 0 };
    c[field] += 1;
    this.counts.set(bookingId, c);
  }

  record(entry: RecordedRequest): void {
    this.log.push(entry);
    if (this.log.length > REQUEST_LOG_LIMIT) this.log.shift();
  }

  reset(): void {
    this.intents.clear();
    this.charges.clear();
    this.refunds.clear();
    this.searchIndex.clear();
    this.idempotency.clear();
    this.counts.clear();
    this.log.length = 0;
  }
}

function noSuchIntent(id: string, param = 'intent'): Reply {
  return invalid(`No such payment_intent: '${id}'`, { code: 'resource_missing', param }, 404);
}

function unexpectedState(intent: SimPaymentIntent, message: string): Reply {
  return invalid(message, { code: 'payment_intent_unexpected_state', payment_intent: clone(intent) }, 400, true);
}

// ---- Handlers: each validates (nothing stored on failure), then executes (its answer stored). ----

function createPaymentIntent(store: SimulatorStore, params: FormObject): Reply {
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

function capturePaymentIntent(store: SimulatorStore, id: string, params: FormObject): Reply {
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

function cancelPaymentIntent(store: SimulatorStore, id: string, params: FormObject): Reply {
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

function createRefund(store: SimulatorStore, params: FormObject): Reply {
  const unknown = unknownParameter(params, REFUND_PARAMS);
  if (unknown) return unknown;
  const intentId = asString(params.payment_intent);
  const chargeParam = asString(params.charge);
  if (!intentId && !chargeParam) {
    return invalid('One of the following params should be provided for this request: payment_intent or charge.', { code: 'parameter_missing', param: 'payment_intent' });
  }
  const byCharge = chargeParam ? store.charges.get(chargeParam) : undefined;
  if (chargeParam && !byCharge) return invalid(`No such charge: '${chargeParam}'`, { code: 'resource_missing', param: 'charge' });
  const intent = store.intents.get(intentId ?? byCharge?.paymentIntentId ?? '');
  if (!intent) return noSuchIntent(intentId ?? '', 'payment_intent');
  const requested = positiveInteger(params.amount);
  if (requested === null) return invalid('Invalid integer: amount must be a positive integer', { code: 'parameter_invalid_integer', param: 'amount' });
  const reason = asString(params.reason);
  if (params.reason !== undefined && (reason === undefined || !REFUND_REASONS.has(reason))) {
    return invalid('Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer', { code: 'parameter_invalid', param: 'reason' });
  }
  const metadata = stringMap(params.metadata);
  if (metadata === null) return invalid('Invalid metadata.', { code: 'parameter_invalid', param: 'metadata' });
  const charge = intent.latest_charge ? store.charges.get(intent.latest_charge) : undefined;
  if (intent.status !== 'succeeded' || !charge) {
    return unexpectedState(
      intent,
      `This PaymentIntent (status ${intent.status}) does not have a successful charge to refund. Cancel it to release an uncaptured authorization.`,
    );
  }
  const remaining = charge.amountCaptured - charge.amountRefunded;
  if (remaining <= 0) {
    return invalid(`Charge ${charge.id} has already been refunded.`, { code: 'charge_already_refunded', charge: charge.id }, 400, true);
  }
  const amount = requested ?? remaining;
  if (amount > remaining) {
    return invalid(`Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`, {
      code: 'amount_too_large',
      param: 'amount',
    });
  }
  charge.amountRefunded += amount;
  const refund: SimRefund = {
    id: newId('re'),
    object: 'refund',
    amount,
    currency: intent.currency,
    charge: charge.id,
    payment_intent: intent.id,
    reason: reason ?? null,
    metadata,
    status: 'succeeded',
    created: store.now(),
  };
  store.refunds.set(refund.id, refund);
  store.count(intent.metadata.bookingId, 'refunds');
  return { status: 200, body: clone(refund), store: true };
}

interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  /** The fault point consulted for this route. */
  point?: string;
  handle(store: SimulatorStore, params: FormObject, match: RegExpMatchArray): Reply;
}

const ROUTES: Route[] = [
  { method: 'POST', pattern: /^\/v1\/payment_intents$/, point: 'payment.authorize', handle: (s, p) => createPaymentIntent(s, p) },
  { method: 'GET', pattern: /^\/v1\/payment_intents$/, handle: (s, p) => listPaymentIntents(s, p) },
  { method: 'GET', pattern: /^\/v1\/payment_intents\/search$/, handle: (s, p) => searchPaymentIntents(s, p) },
  {
    method: 'GET',
    pattern: /^\/v1\/payment_intents\/([^/]+)$/,
    handle: (s, p, m) => retrievePaymentIntent(s, decodeURIComponent(m[1] ?? ''), p),
  },
  {
    method: 'POST',
    pattern: /^\/v1\/payment_intents\/([^/]+)\/capture$/,
    point: 'payment.capture',
    handle: (s, p, m) => capturePaymentIntent(s, decodeURIComponent(m[1] ?? ''), p),
  },
  {
    method: 'POST',
    pattern: /^\/v1\/payment_intents\/([^/]+)\/cancel$/,
    point: 'payment.void',
    handle: (s, p, m) => cancelPaymentIntent(s, decodeURIComponent(m[1] ?? ''), p),
  },
  { method: 'POST', pattern: /^\/v1\/refunds$/, point: 'payment.refund', handle: (s, p) => createRefund(s, p) },
  { method: 'GET', pattern: /^\/v1\/refunds$/, handle: (s, p) => listRefunds(s, p) },
  {
    method: 'GET',
    pattern: /^\/v1\/refunds\/([^/]+)$/,
    handle: (s, _p, m) => {
      const id = decodeURIComponent(m[1] ?? '');
      const refund = s.refunds.get(id);
      return refund
        ? { status: 200, body: clone(refund), store: false }
        : invalid(`No such refund: '${id}'`, { code: 'resource_missing', param: 'id' }, 404);
    },
  },
];

/** Starts the simulator on loopback; `stop()` closes it and drops every held request. */
export async function startStripeSimulator(options: StripeSimulatorOptions = {}): Promise<StripeSimulator> {
  const host = options.host ?? '127.0.0.1';
  const secretKey = options.secretKey ?? DEFAULT_SIMULATOR_SECRET_KEY;
  const faults = options.faults;
  const latencyMs = options.latencyMs ?? 0;
  const store = new SimulatorStore(options.now ?? Date.now, options.searchIndexing === 'manual');
  const locks = new KeyedLock();
  const stopping = new AbortController();

  /** Waits `ms` unless the client goes away or the simulator stops; resolves false if interrupted. */
  async function hold(ms: number, res: ServerResponse): Promise<boolean> {
    if (ms <= 0) return true;
    const gone = new AbortController();
    const onClose = () => gone.abort();
    res.on('close', onClose);
    try {
      await sleep(ms, undefined, { signal: AbortSignal.any([gone.signal, stopping.signal]) });
      return true;
    } catch {
      return false;
    } finally {
      res.off('close', onClose);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const [path = '/', query = ''] = (req.url ?? '/').split('?', 2);
    const requestId = newId('req');
    const stripeVersion = typeof req.headers['stripe-version'] === 'string' ? req.headers['stripe-version'] : undefined;
    const idempotencyKey = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : undefined;
    const entry: RecordedRequest = {
      method,
      path,
      status: 0,
      replayed: false,
      ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
      ...(stripeVersion !== undefined ? { stripeVersion } : {}),
    };

    const send = (status: number, body: string, extraHeaders: Record<string, string> = {}) => {
      entry.status = status;
      store.record(entry);
      res.writeHead(status, {
        'Content-Type': 'application/json',
        'Request-Id': requestId,
        'Stripe-Version': stripeVersion ?? DEFAULT_API_VERSION,
        ...(idempotencyKey !== undefined && method === 'POST' ? { 'Idempotency-Key': idempotencyKey } : {}),
        ...extraHeaders,
      });
      res.end(body);
    };
    const sendReply = (reply: Reply) => send(reply.status, JSON.stringify(reply.body));

    let rawBody: string;
    try {
      rawBody = (await readBody(req, MAX_BODY_BYTES)).toString('utf8');
    } catch {
      sendReply(invalid('The request body could not be read.'));
      return;
    }
    if (!(await hold(latencyMs, res))) return;

    // The simulator's own view for tests and people: no key, not part of Stripe's API.
    const ledgerPath = /^\/_sim\/ledger(?:\/([^/]+))?$/.exec(path);
    if (ledgerPath && method === 'GET') {
      const bookingId = ledgerPath[1] ? decodeURIComponent(ledgerPath[1]) : undefined;
      sendReply({ status: 200, body: bookingId ? bookingLedger(store, bookingId) : { bookings: [...bookingLedgers(store).values()] }, store: false });
      return;
    }

    const key = presentedKey(typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined);
    if (!key) {
      sendReply(
        invalid(
          'You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. \'Authorization: Bearer YOUR_SECRET_KEY\').',
          {},
          401,
        ),
      );
      return;
    }
    if (key !== secretKey) {
      sendReply(invalid(`Invalid API Key provided: ${redactKey(key)}`, {}, 401));
      return;
    }

    let route: Route | undefined;
    let match: RegExpMatchArray | null = null;
    for (const candidate of ROUTES) {
      match = path.match(candidate.pattern);
      if (match && candidate.method === method) {
        route = candidate;
        break;
      }
    }
    if (!route || !match) {
      sendReply(invalid(`Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs.`, {}, 404));
      return;
    }

    let params: FormObject = {};
    if (method === 'GET' && query.length > 0) {
      try {
        params = parseStripeForm(query);
      } catch (e) {
        sendReply(invalid(e instanceof FormBodyError ? e.message : 'Invalid query string.'));
        return;
      }
    }
    if (method === 'POST' && rawBody.length > 0) {
      const contentType = String(req.headers['content-type'] ?? '');
      if (!contentType.startsWith('application/x-www-form-urlencoded')) {
        sendReply(invalid('Invalid request: the body must be application/x-www-form-urlencoded.'));
        return;
      }
      try {
        params = parseStripeForm(rawBody);
      } catch (e) {
        sendReply(invalid(e instanceof FormBodyError ? e.message : 'Invalid request body.'));
        return;
      }
    }

    // Faults first: an injected failure happens "in front of" Stripe, so nothing executes or is stored.
    const fault = route.point ? faults?.take(route.point) : undefined;
    if (fault) {
      entry.fault = fault.mode;
      if (fault.mode === 'error') {
        sendReply(error(500, { type: 'api_error', message: `An unknown error occurred (injected fault at ${route.point}).` }));
        return;
      }
      if (fault.mode === 'timeout') {
        entry.status = 0;
        store.record(entry);
        await hold(fault.delayMs, res);
        res.socket?.destroy();
        return;
      }
      if (fault.mode === 'latency' && !(await hold(fault.delayMs, res))) return;
    }

    const matched = route;
    const routeMatch = match;
    const answerOf = (reply: Reply): Answer => ({ status: reply.status, body: JSON.stringify(reply.body) });
    const execute = async (): Promise<Answer> => {
      if (method !== 'POST' || idempotencyKey === undefined) return answerOf(matched.handle(store, params, routeMatch));
      if (idempotencyKey.length === 0 || idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
        return answerOf(invalid(`Invalid Idempotency-Key: must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters long.`));
      }
      return locks.run(idempotencyKey, async () => {
        const fingerprint = `${method} ${path} ${canonicalJson(params)}`;
        const stored = store.idempotency.get(idempotencyKey);
        if (stored) {
          if (stored.fingerprint !== fingerprint) {
            return answerOf(
              error(400, {
                type: 'idempotency_error',
                message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
              }),
            );
          }
          entry.replayed = true;
          return { status: stored.status, body: stored.body, headers: { 'Idempotent-Replayed': 'true', 'Original-Request': stored.requestId } };
        }
        const reply = matched.handle(store, params, routeMatch);
        const body = JSON.stringify(reply.body);
        if (reply.store) store.idempotency.set(idempotencyKey, { fingerprint, status: reply.status, body, requestId });
        return { status: reply.status, body };
      });
    };

    const answer = await execute();
    // `late`: the effect has happened (and is stored for the key); only the answer is held back,
    // outside the key's lock, so a retry with the same key replays it meanwhile.
    if (fault?.mode === 'late' && !(await hold(fault.delayMs, res))) {
      entry.status = 0;
      store.record(entry);
      return;
    }
    send(answer.status, answer.body, answer.headers);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: { type: 'api_error', message: `Simulator failure: ${String(e)}` } }));
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  const state: StripeSimulatorState = {
    intent: (id) => {
      const intent = store.intents.get(id);
      return intent ? clone(intent) : undefined;
    },
    intents: () => [...store.intents.values()].map(clone),
    intentsForBooking: (bookingId) => [...store.intents.values()].filter((i) => i.metadata.bookingId === bookingId).map(clone),
    refunds: () => [...store.refunds.values()].map(clone),
    counts: (bookingId) => ({ ...(store.counts.get(bookingId) ?? { creates: 0, captures: 0, cancels: 0, refunds: 0 }) }),
    ledger: (bookingId) => bookingLedger(store, bookingId),
    ledgers: () => [...bookingLedgers(store).values()],
    indexSearch: () => store.indexSearch(),
    expireIdempotencyKeys: () => store.idempotency.clear(),
    requests: () => store.log.map((r) => ({ ...r })),
    reset: () => store.reset(),
  };

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    host,
    port,
    protocol: 'http',
    secretKey,
    state,
    async stop() {
      stopping.abort();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
