import { PmsRateLimitedError } from '#domain/pms-errors.ts';
import type { PmsRateLimit, PmsRateLimiter } from '#ports/pms-rate-limiter.port.ts';

/**
 * The PMS request limiter every function shares: request slots handed out in order, one request
 * per slot, from one small record per key (vendor + property, or OHIP environment).
 *
 * ## The scheme
 * A key's record holds `nextAt`, the start of its first free slot (epoch milliseconds). A caller
 * takes the slot starting at `max(nextAt, now)` and moves `nextAt` one interval further, in one
 * atomic conditional write (`RateSlotStore.take`), then waits until its slot starts and sends.
 * With `interval = (1000 + margin) / rate`, any `rate + 1` consecutive slots span at least
 * `1000 + margin` ms, so no sliding one-second window holds more than `rate` requests, as long as
 * each request leaves less than `margin` ms after its slot starts (the lateness check below) and
 * the functions' clocks agree within what is left of the margin (Lambda hosts keep NTP time to
 * well under a millisecond).
 *
 * Why this and not the alternatives:
 * - A token bucket of `rate` tokens lets `rate` through at once and `rate` more as it refills
 *   within the same second: 9 in the first second for Cloudbeds' 5. Only a bucket of one token
 *   keeps any window under the limit, and a one-token bucket is this scheme (GCRA).
 * - Fixed slots stored one item each (`attribute_not_exists` per slot) cost every contender a
 *   failed write per slot taken before it: N simultaneous callers make N^2/2 writes. Here a busy
 *   key's callers each make one write, whatever their number: "append a slot" always succeeds.
 * - A sliding-window log (the previous in-process limiter) allows bursts, but shared it needs the
 *   last `rate` send times and optimistic concurrency on them (a read, then retries on every
 *   collision).
 * The price is that a burst is spread out: five requests at once go out over 0.9 s (Cloudbeds) or
 * 0.09 s (OHIP), and the steady rate is `rate / (1 + margin / 1000)` (4.5/s and 45/s with the
 * default 100 ms margin). On AWS a vendor call takes longer than an interval, so one operation's
 * sequential calls rarely wait at all.
 *
 * ## Waiting
 * A caller waits at most `maxWaitMs` for its slot: a slot starting later is not taken, and the
 * caller gets `PmsRateLimitedError` (`origin: 'client'`, retryable, with how long until the queue
 * is short enough), so a flood of work sheds instead of queueing past Lambda and saga timeouts.
 *
 * ## Lateness
 * A request leaves no earlier than the end of the slot before its own (`notBefore`) and no later
 * than `lateToleranceMs` (default half the margin) after its slot's start. The store's write takes
 * time, so a caller asks for a slot starting at now plus the store's usual latency (`lead`): on
 * an idle key the answer then arrives inside that window and the request leaves at once; on a
 * busy key it arrives before the slot and the caller waits for it. A caller that still gets there
 * late (a slower write, an overloaded event loop) moves its slot to later if nobody has queued
 * behind it yet (`RateSlotStore.slide`), or else gives the slot up and takes a new one: it never
 * sends late into the spacing of the slots after its own.
 *
 * Records expire by the table's TTL an hour after their last slot; an expired record that is still
 * there is simply a free key (its `nextAt` is in the past).
 */

/** What a caller asks of the store: the first free slot from `now` on, if it starts by `latestStart`. */
export interface SlotClaim {
  /** The earliest start the caller wants: its clock plus the store's latency (epoch milliseconds). */
  now: number;
  intervalMs: number;
  /** The latest slot start the caller will wait for (`now + maxWaitMs`). */
  latestStart: number;
  /** Epoch seconds after which the record may be deleted (TTL). */
  expiresAt: number;
}

export type SlotResult =
  /**
   * The slot `[startAt, startAt + interval)` is the caller's; `nextAt` is the key's new first free
   * slot. `notBefore` is when the slot before it ends (at most `startAt`; 0 when there was none):
   * the request may leave from then until shortly after `startAt`.
   */
  | { granted: true; startAt: number; nextAt: number; notBefore: number }
  /** The first free slot starts at `nextAt`, after `latestStart`: nothing was taken. */
  | { granted: false; nextAt: number };

/** Where the keys' `nextAt` live: DynamoDB for every function (`pms-rate-slots.dynamodb.ts`), or one process's memory. */
export interface RateSlotStore {
  /**
   * Atomically: `start = max(nextAt, now)`; if `start <= latestStart`, `nextAt = start + interval`
   * and the slot is granted, with `notBefore` the `nextAt` it replaced (`start` when busy).
   */
  take(key: string, claim: SlotClaim): Promise<SlotResult>;
  /**
   * Moves a granted slot to start at `startAt` (`nextAt = startAt + interval`) only while `nextAt`
   * is still `expectedNextAt`, i.e. nobody took a slot after it. True when moved.
   */
  slide(key: string, move: { expectedNextAt: number; startAt: number; intervalMs: number; expiresAt: number }): Promise<boolean>;
}

export interface SlotRateLimiterOptions {
  /** Added to the vendor's one-second window to absorb clock and network differences. Default 100 ms. */
  marginMs?: number;
  /** The longest a caller waits for its slot before `PmsRateLimitedError`. Default 5 s. */
  maxWaitMs?: number;
  /** How late after its slot's start a request may still leave. Default half the margin. */
  lateToleranceMs?: number;
  /** Epoch milliseconds shared by every function (wall clock, not a monotonic one). Default `Date.now`. */
  now?: () => number;
  /** Waits for a slot to start; injected so tests never wait. Default: a real timer. */
  sleep?: (ms: number) => Promise<void>;
}

/** What one acquire got: the slot's start, and how long the caller waited for it. */
export interface RateSlot {
  key: string;
  startAt: number;
  waitedMs: number;
}

export const DEFAULT_RATE_MARGIN_MS = 100;
export const DEFAULT_RATE_MAX_WAIT_MS = 5_000;
/** How long a key's record outlives its last slot before TTL may delete it. */
export const RATE_RECORD_TTL_SECONDS = 3_600;
/** Attempts at one acquire (takes and slides) before giving up even within the budget. */
const MAX_ATTEMPTS = 8;
/** The most a slot is asked to start after now to cover the store's latency. */
const MAX_LEAD_MS = 1_000;
/** Store call times the lead is the median of. */
const LATENCY_SAMPLES = 5;
const VENDOR_WINDOW_MS = 1_000;

/** The slot length that keeps `ratePerSecond` in any one-second window, with `marginMs` to spare. */
export function slotIntervalMs(ratePerSecond: number, marginMs = DEFAULT_RATE_MARGIN_MS): number {
  return Math.ceil((VENDOR_WINDOW_MS + marginMs) / ratePerSecond);
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class SlotRateLimiter implements PmsRateLimiter {
  private readonly marginMs: number;
  private readonly maxWaitMs: number;
  private readonly lateToleranceMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /**
   * How long the latest store calls took, by the injected clock (at most `LATENCY_SAMPLES`). The
   * process's first call is left out: it opens the connection, and its time says nothing about
   * the next ones (a cold one would hold every following slot back for a second).
   */
  private readonly latencies: number[] = [];
  private storeCalls = 0;

  constructor(
    private readonly store: RateSlotStore,
    options: SlotRateLimiterOptions = {},
  ) {
    this.marginMs = options.marginMs ?? DEFAULT_RATE_MARGIN_MS;
    this.maxWaitMs = options.maxWaitMs ?? DEFAULT_RATE_MAX_WAIT_MS;
    this.lateToleranceMs = options.lateToleranceMs ?? this.marginMs / 2;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
    if (this.marginMs < 0 || this.maxWaitMs < 0) throw new RangeError('marginMs and maxWaitMs must not be negative');
    if (this.lateToleranceMs >= this.marginMs && this.marginMs > 0) throw new RangeError('lateToleranceMs must be less than marginMs');
  }

  async acquire(key: string, limit: PmsRateLimit): Promise<void> {
    await this.takeSlot(key, limit);
  }

  /** Resolves at the start of this caller's slot, saying which (a rate of 0 or less means no limit: at once, undefined). */
  async takeSlot(key: string, limit: PmsRateLimit): Promise<RateSlot | undefined> {
    if (!(limit.ratePerSecond > 0)) return undefined;
    const intervalMs = slotIntervalMs(limit.ratePerSecond, this.marginMs);
    const began = this.now();
    const deadline = began + this.maxWaitMs;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const earliest = this.now() + this.lead();
      const taken = await this.timed(() => this.store.take(key, { now: earliest, intervalMs, latestStart: deadline, expiresAt: expiry(deadline + intervalMs) }));
      if (!taken.granted) throw this.refusal(key, limit, taken.nextAt - deadline);
      let { startAt, nextAt, notBefore } = taken;
      for (;;) {
        const wait = notBefore - this.now();
        if (wait > 0) await this.sleep(wait);
        const sendAt = this.now();
        if (sendAt - startAt <= this.lateToleranceMs) return { key, startAt, waitedMs: sendAt - began };
        // Late: leaving now would shorten the spacing to the slots after ours. Move the slot to
        // now, allowing for the write itself, if nobody queued behind it; otherwise take another.
        if (sendAt > deadline || attempt + 1 >= MAX_ATTEMPTS) break;
        attempt += 1;
        const movedStart = sendAt + this.lead();
        const moved = await this.timed(() => this.store.slide(key, { expectedNextAt: nextAt, startAt: movedStart, intervalMs, expiresAt: expiry(movedStart + intervalMs) }));
        if (!moved) break;
        // The slots before ours ended before our old start, which has passed: leave once the move is written.
        startAt = movedStart;
        nextAt = movedStart + intervalMs;
        notBefore = sendAt;
      }
      if (this.now() > deadline) break;
    }
    throw this.refusal(key, limit, intervalMs);
  }

  /** How far ahead of now to ask for a slot to start: half as much again as a store call lately takes (the median). */
  private lead(): number {
    if (this.latencies.length === 0) return 0;
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return Math.min(MAX_LEAD_MS, Math.ceil(sorted[Math.floor(sorted.length / 2)]! * 1.5));
  }

  private async timed<T>(call: () => Promise<T>): Promise<T> {
    const started = this.now();
    const result = await call();
    const took = Math.max(0, this.now() - started);
    this.storeCalls += 1;
    if (this.storeCalls > 1) {
      this.latencies.push(took);
      if (this.latencies.length > LATENCY_SAMPLES) this.latencies.shift();
    }
    return result;
  }

  private refusal(key: string, limit: PmsRateLimit, retryAfterMs: number): PmsRateLimitedError {
    const vendor = key.split('|', 1)[0];
    return new PmsRateLimitedError(
      `Too many requests are waiting for ${vendor ?? 'the PMS'} (${limit.ratePerSecond}/s for this property): no request slot within ${this.maxWaitMs} ms, so nothing was sent`,
      { ...(vendor ? { vendor } : {}), retryAfterMs: Math.max(1, Math.ceil(retryAfterMs)), origin: 'client' },
    );
  }
}

function expiry(lastSlotEndMs: number): number {
  return Math.ceil(lastSlotEndMs / 1000) + RATE_RECORD_TTL_SECONDS;
}

/**
 * The store in one process's memory: the same scheme, atomic by the event loop. It is what an
 * adapter uses when it is built without a shared limiter (scripts, adapter tests), and the
 * reference the DynamoDB store's contract test compares with. It never shares a limit across
 * functions: the composition always passes the DynamoDB one.
 */
export class InMemoryRateSlotStore implements RateSlotStore {
  private readonly next = new Map<string, number>();

  take(key: string, claim: SlotClaim): Promise<SlotResult> {
    const previous = this.next.get(key);
    const busy = previous !== undefined && previous > claim.now;
    const startAt = busy ? previous : claim.now;
    if (startAt > claim.latestStart) return Promise.resolve({ granted: false, nextAt: startAt });
    this.next.set(key, startAt + claim.intervalMs);
    return Promise.resolve({ granted: true, startAt, nextAt: startAt + claim.intervalMs, notBefore: busy ? startAt : (previous ?? 0) });
  }

  slide(key: string, move: { expectedNextAt: number; startAt: number; intervalMs: number }): Promise<boolean> {
    if (this.next.get(key) !== move.expectedNextAt) return Promise.resolve(false);
    this.next.set(key, move.startAt + move.intervalMs);
    return Promise.resolve(true);
  }
}

let processLimiter: SlotRateLimiter | undefined;

/**
 * The process-wide limiter an adapter falls back to when none is injected: every client of a
 * property in this process shares its slots. Functions never rely on it; they get the shared one.
 */
export function processRateLimiter(): SlotRateLimiter {
  processLimiter ??= new SlotRateLimiter(new InMemoryRateSlotStore());
  return processLimiter;
}

/** Lets everything through at once: for adapter tests about a dialect, not about its limit. */
export const UNLIMITED: PmsRateLimiter = { acquire: () => Promise.resolve() };
