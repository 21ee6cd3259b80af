import type { PmsVendor } from '#domain/pms.ts';
import {
  PmsAuthError,
  PmsNotFoundError,
  PmsRateLimitedError,
  PmsRejectedError,
  PmsUnavailableError,
  type PmsError,
  type PmsRejectionReason,
} from '#domain/pms-errors.ts';
import type { PmsCallObserver } from '#ports/pms.port.ts';
import type { PmsRateLimiter } from '#ports/pms-rate-limiter.port.ts';
import { PmsHostNotAllowedError } from '#domain/pms-egress.ts';
import type { PmsFetch } from './pinned-fetch.ts';
import { processRateLimiter } from './rate-limiter.ts';

/**
 * The one HTTP path every PMS adapter uses: a per-call timeout, JSON and form bodies, a response
 * time for every call, and one table from HTTP status to domain error. Adapters add only what is
 * vendor-specific (headers, envelopes, how a vendor spells "sold out").
 */

/** Options every adapter accepts. */
export interface PmsAdapterOptions {
  /** Per HTTP call; a PMS that does not answer in time is treated as unavailable. Default 10 s. */
  timeoutMs?: number;
  /** Called once per HTTP call with its response time; metrics subscribe here. */
  onCall?: PmsCallObserver;
  /**
   * How requests are sent. The composition passes the egress guard's pinned fetch
   * (`pinned-fetch.ts`), so every function's PMS requests go only to checked addresses; tests
   * inject their own, and the global `fetch` is used otherwise.
   */
  fetch?: PmsFetch;
  /** Milliseconds since the epoch; injected so token expiry can be tested without waiting. */
  now?: () => number;
  /**
   * Monotonic milliseconds that response times are measured in; default `performance.now`.
   * Injected so a test can check what is reported without depending on how long a call took.
   */
  monotonicNow?: () => number;
  /** Waits before a rate-limited read is retried; injected so tests never wait. Default: a real timer. */
  sleep?: (ms: number) => Promise<void>;
  /** How a `429` on a read is waited out (`retryRateLimitedRead`). */
  rateLimitRetry?: { maxRetries?: number; maxWaitMs?: number };
  /**
   * Every request takes a slot here before it is sent, 429 retries included. The composition
   * passes the DynamoDB-backed limiter every function shares; an adapter built without one (a
   * script, an adapter test) shares a process-wide one with the same scheme.
   */
  rateLimiter?: PmsRateLimiter;
  /**
   * The vendor's limit for this client's key, in requests per second; 0 turns limiting off.
   * Defaults per vendor: Cloudbeds 5 per property, OHIP 50 per environment, generic none.
   */
  requestsPerSecond?: number;
}

/** What the vendor counts requests against, and at what rate (`PmsRateLimiter`). */
export interface PmsRequestLimit {
  key: string;
  ratePerSecond: number;
}

export const DEFAULT_PMS_TIMEOUT_MS = 10_000;
/** Retries of one read after 429s: two, so a read costs at most three requests. */
export const DEFAULT_READ_RETRIES = 2;
/** The longest `Retry-After` a read waits out; a vendor asking for more is answered with the error. */
export const DEFAULT_MAX_RETRY_WAIT_MS = 5_000;
/** What a 429 without `Retry-After` is taken to ask for: Cloudbeds' and OHIP's limits are per second. */
export const DEFAULT_RETRY_AFTER_MS = 1_000;

export interface PmsHttpContext {
  vendor: PmsVendor;
  timeoutMs: number;
  fetch: PmsFetch;
  now: () => number;
  monotonicNow: () => number;
  sleep: (ms: number) => Promise<void>;
  readRetries: number;
  maxRetryWaitMs: number;
  onCall?: PmsCallObserver;
  limiter: PmsRateLimiter;
  /** Absent or a rate of 0: requests are not limited. */
  limit?: PmsRequestLimit;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The HTTP context of one client. `limit` names the key the vendor counts this client's requests
 * against, with the vendor's default rate; `options.requestsPerSecond` overrides the rate.
 */
export function httpContext(vendor: PmsVendor, options: PmsAdapterOptions = {}, limit?: PmsRequestLimit): PmsHttpContext {
  const ratePerSecond = options.requestsPerSecond ?? limit?.ratePerSecond ?? 0;
  return {
    vendor,
    timeoutMs: options.timeoutMs ?? DEFAULT_PMS_TIMEOUT_MS,
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    now: options.now ?? Date.now,
    monotonicNow: options.monotonicNow ?? (() => performance.now()),
    sleep: options.sleep ?? realSleep,
    readRetries: Math.max(0, options.rateLimitRetry?.maxRetries ?? DEFAULT_READ_RETRIES),
    maxRetryWaitMs: Math.max(0, options.rateLimitRetry?.maxWaitMs ?? DEFAULT_MAX_RETRY_WAIT_MS),
    ...(options.onCall ? { onCall: options.onCall } : {}),
    limiter: options.rateLimiter ?? processRateLimiter(),
    ...(limit && ratePerSecond > 0 ? { limit: { key: limit.key, ratePerSecond } } : {}),
  };
}

/**
 * Runs one read (a GET: the vendor changes nothing) and waits out a `429`: sleeps what the vendor
 * asked in `Retry-After` (1 s when it did not say) and tries again, at most `readRetries` times,
 * and never for longer than `maxRetryWaitMs` at once (a vendor asking for longer gets its
 * `PmsRateLimitedError` back at once: holding a Lambda for it helps nobody). Writes never come
 * here: a state-changing call answers `PmsRateLimitedError` to its caller, whose retry policy
 * (the saga's `Retry`, a compensation) knows whether and when to try again.
 */
export async function retryRateLimitedRead<T>(ctx: PmsHttpContext, read: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await read();
    } catch (error) {
      // Our own limiter's refusal already waited its whole budget: waiting again helps nobody.
      if (!(error instanceof PmsRateLimitedError) || error.origin === 'client' || attempt >= ctx.readRetries) throw error;
      const waitMs = error.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS;
      if (waitMs > ctx.maxRetryWaitMs) throw error;
      await ctx.sleep(waitMs);
    }
  }
}

export type QueryValue = string | number | boolean | undefined;

export interface PmsHttpRequest {
  /** Port operation this call serves, for metrics. */
  operation: string;
  /** Vendor endpoint name, for metrics and messages (never carries secrets). */
  endpoint: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  query?: Record<string, QueryValue | QueryValue[]>;
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, QueryValue>;
}

export interface PmsHttpResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the raw text when the body is not JSON, or `undefined` when empty. */
  body: unknown;
}

export function withQuery(url: string, query: Record<string, QueryValue | QueryValue[]> | undefined): string {
  if (!query) return url;
  const u = new URL(url);
  for (const [key, raw] of Object.entries(query)) {
    for (const value of Array.isArray(raw) ? raw : [raw]) {
      if (value !== undefined) u.searchParams.append(key, String(value));
    }
  }
  return u.toString();
}

/** `application/x-www-form-urlencoded`, skipping absent values (Cloudbeds writes). */
export function formEncode(fields: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) params.append(key, String(value));
  }
  return params.toString();
}

/**
 * Sends one request, after taking its slot from the rate limiter. Resolves with any HTTP answer
 * (the caller decides what a status means); rejects with `PmsRateLimitedError` when the limiter
 * had no slot within its budget (nothing was sent), and with `PmsUnavailableError` when no answer
 * came: timeout, refused, reset, or an address the egress guard refuses.
 */
export async function sendPmsRequest(ctx: PmsHttpContext, req: PmsHttpRequest): Promise<PmsHttpResponse> {
  if (ctx.limit) await takeSlot(ctx, req);
  const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
  let body: string | undefined;
  if (req.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(req.json);
  } else if (req.form !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = formEncode(req.form);
  }
  const started = ctx.monotonicNow();
  let status: number | undefined;
  let ok = false;
  try {
    const res = await ctx.fetch(withQuery(req.url, req.query), {
      method: req.method,
      headers,
      ...(body !== undefined ? { body } : {}),
      signal: AbortSignal.timeout(ctx.timeoutMs),
    });
    status = res.status;
    const text = await res.text();
    ok = res.ok;
    return { status: res.status, headers: res.headers, body: parseBody(text) };
  } catch (error) {
    if (error instanceof PmsHostNotAllowedError) {
      // A stored config's host that no longer passes (a changed allow-list, DNS now pointing inside).
      throw new PmsUnavailableError(`${ctx.vendor} is not reachable at an allowed address for ${req.endpoint}: ${error.message}`, { vendor: ctx.vendor, cause: error });
    }
    if (error instanceof PmsUnavailableError) throw new PmsUnavailableError(`${ctx.vendor}: ${error.message} (${req.endpoint})`, { vendor: ctx.vendor, cause: error });
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    throw new PmsUnavailableError(
      timedOut
        ? `${ctx.vendor} did not answer ${req.endpoint} within ${ctx.timeoutMs} ms`
        : `${ctx.vendor} could not be reached for ${req.endpoint}`,
      { vendor: ctx.vendor, cause: error },
    );
  } finally {
    report(ctx, { operation: req.operation, endpoint: req.endpoint, durationMs: ctx.monotonicNow() - started, ok, ...(status !== undefined ? { status } : {}) });
  }
}

/** The limiter's refusal passes as it is; its store failing fails the call closed: better no request than a burst. */
async function takeSlot(ctx: PmsHttpContext, req: PmsHttpRequest): Promise<void> {
  const { key, ratePerSecond } = ctx.limit!;
  try {
    await ctx.limiter.acquire(key, { ratePerSecond });
  } catch (error) {
    if (error instanceof PmsRateLimitedError) throw error;
    throw new PmsUnavailableError(`${ctx.vendor}: no request slot could be taken for ${req.endpoint} (the rate limiter's store failed)`, { vendor: ctx.vendor, cause: error });
  }
}

function parseBody(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function report(ctx: PmsHttpContext, record: { operation: string; endpoint: string; durationMs: number; ok: boolean; status?: number }): void {
  if (!ctx.onCall) return;
  try {
    ctx.onCall({ vendor: ctx.vendor, ...record, durationMs: Math.round(record.durationMs * 1000) / 1000 });
  } catch {
    // An observer's bug must never fail a booking.
  }
}

/** `Retry-After` in milliseconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

export interface StatusErrorOptions {
  /** What failed, in our words: "create reservation". */
  what: string;
  /** The vendor's own message, kept in `cause` only. */
  vendorMessage?: string;
  /** How a 4xx rejection is classified; defaults to `invalid_request` for 400/422, else `other`. */
  rejection?: PmsRejectionReason;
}

/**
 * The status table shared by all vendors: 401/403 auth, 404 not found, 429 rate limited (with
 * `Retry-After`), 5xx unavailable, any other 4xx a rejection. Returns `undefined` for 2xx/3xx.
 */
export function errorForStatus(ctx: PmsHttpContext, res: PmsHttpResponse, options: StatusErrorOptions): PmsError | undefined {
  const { status } = res;
  if (status < 400) return undefined;
  const base = { vendor: ctx.vendor, ...(options.vendorMessage ? { cause: new Error(options.vendorMessage) } : {}) };
  if (status === 401 || status === 403) return new PmsAuthError(`${ctx.vendor} refused our credentials (${options.what})`, base);
  if (status === 404) return new PmsNotFoundError(`${ctx.vendor} has no such resource (${options.what})`, base);
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), ctx.now());
    return new PmsRateLimitedError(`${ctx.vendor} rate-limited us (${options.what})`, { ...base, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
  }
  if (status >= 500) return new PmsUnavailableError(`${ctx.vendor} failed on its side (${options.what}, HTTP ${status})`, base);
  const reason = options.rejection ?? (status === 400 || status === 422 ? 'invalid_request' : 'other');
  return new PmsRejectedError(`${ctx.vendor} rejected the request (${options.what})`, { ...base, reason });
}

/** A 2xx body that is not the shape we rely on is the vendor failing, not us: unavailable. */
export function malformed(ctx: PmsHttpContext, what: string): PmsUnavailableError {
  return new PmsUnavailableError(`${ctx.vendor} sent an answer we cannot read (${what})`, { vendor: ctx.vendor });
}

/** Small readers for untyped JSON: vendor data is checked field by field at the boundary. */
export type Json = Record<string, unknown>;

export function asObject(value: unknown): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

export function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === '1' || value === 1) return true;
  if (value === 'false' || value === '0' || value === 0) return false;
  return undefined;
}

/** `3:00 PM`, `15:00`, `15:00:00` -> `15:00`; anything else -> undefined. */
export function toHhMm(value: unknown): string | undefined {
  const s = asString(value)?.trim();
  if (!s) return undefined;
  const m = /^(\d{1,2}):(\d{2})(?::\d{2})?\s*([AaPp][Mm])?$/.exec(s);
  if (!m) return undefined;
  let hours = Number(m[1]);
  const suffix = m[3]?.toLowerCase();
  if (suffix === 'pm' && hours < 12) hours += 12;
  if (suffix === 'am' && hours === 12) hours = 0;
  if (hours > 23) return undefined;
  return `${String(hours).padStart(2, '0')}:${m[2]}`;
}

/**
 * Runs `fn` once per key at a time: concurrent calls with the same key share one promise. Used so
 * that two simultaneous creates for one booking id do one lookup-then-create, not two.
 */
export class InFlight<T> {
  private readonly pending = new Map<string, Promise<T>>();

  run(key: string, fn: () => Promise<T>): Promise<T> {
    const existing = this.pending.get(key);
    if (existing) return existing;
    const p = fn().finally(() => this.pending.delete(key));
    this.pending.set(key, p);
    return p;
  }
}
