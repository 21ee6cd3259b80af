/**
 * Client-side request limit for vendors that punish bursts. Cloudbeds allows 5 requests per
 * second per property and may suspend credentials that keep exceeding it, so we never send the
 * 6th request inside any one-second window.
 *
 * A sliding window, not a token bucket: a bucket of 5 refilling at 5/s lets 9 requests through in
 * the first second (5 at once plus 4 refills), which breaks the vendor's "5 per second" in any
 * window that starts with the burst. The window is a little longer than a second (`marginMs`) so
 * scheduling jitter between our clock and the vendor's cannot push two windows into one.
 */
export interface RateLimiter {
  /** Resolves when one request may start; callers then send it at once. */
  acquire(): Promise<void>;
}

export interface SlidingWindowOptions {
  limit: number;
  windowMs: number;
  /** Added to the window to absorb network and event-loop jitter. Default 100 ms. */
  marginMs?: number;
  /**
   * Monotonic milliseconds the window is measured in; default `performance.now`. Injected so a
   * test decides what time it is, and a request is never let through (or held) by wall-clock luck.
   */
  now?: () => number;
}

export class SlidingWindowRateLimiter implements RateLimiter {
  private readonly starts: number[] = [];
  private tail: Promise<void> = Promise.resolve();
  private readonly spanMs: number;
  private readonly now: () => number;

  constructor(private readonly options: SlidingWindowOptions) {
    if (options.limit < 1) throw new RangeError('limit must be at least 1');
    this.spanMs = options.windowMs + (options.marginMs ?? 100);
    this.now = options.now ?? (() => performance.now());
  }

  acquire(): Promise<void> {
    // Callers queue in arrival order, so one busy caller cannot starve the others.
    const turn = this.tail.then(() => this.waitForSlot());
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  private async waitForSlot(): Promise<void> {
    for (;;) {
      const now = this.now();
      while (this.starts.length > 0 && now - this.starts[0]! >= this.spanMs) this.starts.shift();
      if (this.starts.length < this.options.limit) {
        this.starts.push(now);
        return;
      }
      const waitMs = this.starts[0]! + this.spanMs - now;
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, Math.ceil(waitMs))));
    }
  }
}

const shared = new Map<string, RateLimiter>();

/**
 * The process-wide limiter for `key` (vendor + property): every client of the same property in
 * this process waits in the same queue, however many adapters were constructed.
 */
export function sharedRateLimiter(key: string, options: SlidingWindowOptions): RateLimiter {
  let limiter = shared.get(key);
  if (!limiter) {
    limiter = new SlidingWindowRateLimiter(options);
    shared.set(key, limiter);
  }
  return limiter;
}
