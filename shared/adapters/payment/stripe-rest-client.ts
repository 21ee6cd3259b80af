import { randomUUID } from 'node:crypto';
import { encodeStripeForm, type StripeParams } from './stripe-form-encoding.ts';

/**
 * A lean client for Stripe's v1 REST API: the few endpoints the payment adapter calls, over
 * `fetch`. It replaces the official `stripe` SDK, which is 240 KB minified and alone put the
 * payment functions over the 300 KB bundle budget (docs/architecture.md, Decisions). What the SDK
 * did for us, and this does the same way:
 * - form-encoded parameters with bracketed nesting, `Authorization: Bearer <secret key>`, a pinned
 *   `Stripe-Version`, `Idempotency-Key` on every POST (a random one when the caller gives none, so
 *   a network retry can never execute twice);
 * - a timeout per attempt (`AbortSignal.timeout`), and retries of what Stripe documents as safe to
 *   retry: connection failures and timeouts, 409, 5xx, and whatever `Stripe-Should-Retry` says,
 *   with exponential backoff and jitter (0.5 s doubling up to 5 s); a connection closed under a
 *   request is retried once even with retries off, since it usually means a stale keep-alive socket
 *   (a Lambda thawed from a freeze), as the SDK does;
 * - Stripe's error envelope turned into `StripeApiError` (status, type, code, decline_code, param)
 *   and transport failures into `StripeConnectionError`; `stripe-error-mapping.ts` maps both to
 *   domain errors.
 * The secret key lives in a private field, so it is in no enumerable property, log line or error.
 */

/** The API version every request pins (the one stripe-node 23.1.0 was generated for, which we used before). */
export const STRIPE_API_VERSION = '2026-10-28.endive';
export const STRIPE_API_BASE = 'https://api.stripe.com';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
const CONNECTION_CLOSED_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);
const INITIAL_RETRY_DELAY_MS = 500;
const MAX_RETRY_DELAY_MS = 5_000;

export interface StripeRestClientOptions {
  secretKey: string;
  /** `https://api.stripe.com` by default; `http` only to a loopback host (the local simulator). */
  baseUrl?: string;
  /** Default `STRIPE_API_VERSION`. */
  apiVersion?: string;
  /** Per attempt, from sending the request to having read the whole response. */
  timeoutMs: number;
  /** Retries after the first attempt. */
  maxNetworkRetries: number;
  /** Tests replace the transport or the wait between retries; production uses the globals. */
  fetch?: typeof globalThis.fetch;
  sleep?: (ms: number) => Promise<void>;
}

export interface StripeResponse<T> {
  status: number;
  body: T;
  /** True when Stripe answered from an earlier request with the same Idempotency-Key. */
  replayed: boolean;
  requestId?: string;
}

export interface StripeRequestOptions {
  idempotencyKey?: string;
}

/** The invalid configuration of a client: no key, or a secret key that would travel in clear text. */
export class StripeClientConfigError extends Error {
  override readonly name = 'StripeClientConfigError';
  readonly problem: 'authentication' | 'invalid_request';
  constructor(problem: 'authentication' | 'invalid_request', message: string) {
    super(message);
    this.problem = problem;
  }
}

/** Stripe answered with its error envelope `{error: {type, code, decline_code, message, param}}`. */
export class StripeApiError extends Error {
  override readonly name = 'StripeApiError';
  readonly statusCode: number;
  /** `card_error`, `invalid_request_error`, `idempotency_error`, `api_error`, ... */
  readonly type?: string;
  readonly code?: string;
  readonly declineCode?: string;
  readonly param?: string;
  readonly requestId?: string;
  /** The PaymentIntent the error is about, when Stripe names one (a card error's declined intent). */
  readonly paymentIntentId?: string;
  /** Stripe's own advice from the `Stripe-Should-Retry` header, when it gave one. */
  readonly shouldRetry?: boolean;

  constructor(statusCode: number, error: Record<string, unknown>, requestId?: string, shouldRetryHeader?: string | null) {
    super(typeof error.message === 'string' ? error.message : `Stripe answered ${statusCode}`);
    this.statusCode = statusCode;
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
    const fields = {
      type: text(error.type),
      code: text(error.code),
      declineCode: text(error.decline_code),
      param: text(error.param),
      requestId,
      // Only the id: the object Stripe attaches carries the client secret, which must not travel in errors.
      paymentIntentId: text((error.payment_intent as { id?: unknown } | undefined)?.id),
    };
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) Object.assign(this, { [key]: value });
    if (shouldRetryHeader === 'true' || shouldRetryHeader === 'false') this.shouldRetry = shouldRetryHeader === 'true';
  }
}

/** The request got no answer from Stripe: refused, reset, or timed out. It may still have executed. */
export class StripeConnectionError extends Error {
  override readonly name = 'StripeConnectionError';
  readonly timedOut: boolean;
  /** The transport's error code (`ECONNREFUSED`, `UND_ERR_SOCKET`, ...), when it gave one. */
  readonly transportCode?: string;

  constructor(message: string, options: ErrorOptions & { timedOut: boolean; transportCode?: string | undefined }) {
    super(message, { cause: options.cause });
    this.timedOut = options.timedOut;
    if (options.transportCode) this.transportCode = options.transportCode;
  }
}

/** Checks the base URL: https anywhere, plain http only to loopback, so a secret key never crosses a network in clear. */
function checkedBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new StripeClientConfigError('invalid_request', 'the Stripe base URL is not a URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) {
    throw new StripeClientConfigError('invalid_request', 'plain http is only allowed to a loopback host (the local simulator)');
  }
  return url.origin;
}

function transportCodeOf(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || transportCodeOf(error) === 'ETIMEDOUT');
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class StripeRestClient {
  readonly #authorization: string;
  private readonly baseUrl: string;
  private readonly apiVersion: string;
  private readonly timeoutMs: number;
  private readonly maxNetworkRetries: number;
  private readonly fetch: typeof globalThis.fetch;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: StripeRestClientOptions) {
    if (typeof options.secretKey !== 'string' || options.secretKey.trim() === '') {
      throw new StripeClientConfigError('authentication', 'no Stripe secret key was configured');
    }
    this.#authorization = `Bearer ${options.secretKey.trim()}`;
    this.baseUrl = checkedBaseUrl(options.baseUrl ?? STRIPE_API_BASE);
    this.apiVersion = options.apiVersion ?? STRIPE_API_VERSION;
    this.timeoutMs = options.timeoutMs;
    this.maxNetworkRetries = Math.max(0, Math.floor(options.maxNetworkRetries));
    this.fetch = options.fetch ?? globalThis.fetch;
    this.sleep = options.sleep ?? defaultSleep;
  }

  get<T>(path: string, params: StripeParams = {}): Promise<StripeResponse<T>> {
    return this.request<T>('GET', path, params);
  }

  post<T>(path: string, params: StripeParams, options: StripeRequestOptions = {}): Promise<StripeResponse<T>> {
    return this.request<T>('POST', path, params, options);
  }

  /**
   * One API call, retried as described above. Throws `StripeApiError` for Stripe's error answers
   * and `StripeConnectionError` when no answer came.
   */
  async request<T>(method: 'GET' | 'POST', path: string, params: StripeParams = {}, options: StripeRequestOptions = {}): Promise<StripeResponse<T>> {
    const encoded = encodeStripeForm(params);
    const url = `${this.baseUrl}${path}${method === 'GET' && encoded ? `?${encoded}` : ''}`;
    const headers: Record<string, string> = {
      Authorization: this.#authorization,
      'Stripe-Version': this.apiVersion,
      Accept: 'application/json',
      'User-Agent': 'hotel-booking-pms (fetch; Stripe v1)',
    };
    if (method === 'POST') {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      headers['Idempotency-Key'] = options.idempotencyKey ?? `hotel-booking-${randomUUID()}`;
    }

    for (let retries = 0; ; retries += 1) {
      try {
        return await this.attempt<T>(method, url, headers, method === 'POST' ? encoded : undefined);
      } catch (error) {
        if (!this.shouldRetry(error, retries)) throw error;
      }
      await this.sleep(this.retryDelayMs(retries + 1));
    }
  }

  private async attempt<T>(method: string, url: string, headers: Record<string, string>, body: string | undefined): Promise<StripeResponse<T>> {
    let status: number;
    let text: string;
    let responseHeaders: Headers;
    try {
      const response = await this.fetch(url, {
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
        // A redirect would carry the key elsewhere; Stripe's API never redirects.
        redirect: 'error',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.status;
      responseHeaders = response.headers;
      text = await response.text();
    } catch (error) {
      const timedOut = isTimeout(error);
      throw new StripeConnectionError(
        timedOut ? `No answer from Stripe within ${this.timeoutMs} ms` : 'An error occurred with our connection to Stripe.',
        { cause: error, timedOut, transportCode: transportCodeOf(error) },
      );
    }
    const requestId = responseHeaders.get('request-id') ?? undefined;
    const retryHeader = responseHeaders.get('stripe-should-retry');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new StripeApiError(status, { type: 'api_error', message: 'Invalid JSON received from the Stripe API' }, requestId, retryHeader);
    }
    const error = (parsed as { error?: unknown } | null)?.error;
    if (status >= 300 || error !== undefined) {
      const fields = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : { type: 'api_error' };
      throw new StripeApiError(status, fields, requestId, retryHeader);
    }
    return {
      status,
      body: parsed as T,
      replayed: responseHeaders.get('idempotent-replayed') === 'true',
      ...(requestId ? { requestId } : {}),
    };
  }

  /** Stripe's documented retry rules, as stripe-node applies them. */
  private shouldRetry(error: unknown, retries: number): boolean {
    if (error instanceof StripeConnectionError) {
      if (retries === 0 && !error.timedOut && CONNECTION_CLOSED_CODES.has(error.transportCode ?? '')) return true;
      return retries < this.maxNetworkRetries;
    }
    if (!(error instanceof StripeApiError) || retries >= this.maxNetworkRetries) return false;
    if (error.shouldRetry !== undefined) return error.shouldRetry;
    return error.statusCode === 409 || error.statusCode >= 500;
  }

  /** 0.5 s doubling per retry up to 5 s, jittered down to half, never under 0.5 s. */
  private retryDelayMs(retry: number): number {
    const ceiling = Math.min(INITIAL_RETRY_DELAY_MS * 2 ** (retry - 1), MAX_RETRY_DELAY_MS);
    return Math.max(INITIAL_RETRY_DELAY_MS, ceiling * 0.5 * (1 + Math.random()));
  }
}
