/**
 * A token bucket on an injected clock (milliseconds): `burst` tokens to start with, `perSecond`
 * more every second up to `burst`; each request takes one or is refused. The API Gateway
 * emulator throttles routes with it, as API Gateway does, and the PMS simulator limits Cloudbeds
 * requests with it, as tolerant of bunching as the vendor says it is.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    now: number,
  ) {
    this.tokens = burst;
    this.updatedAt = now;
  }

  /** Takes one token if there is one. */
  take(now: number): boolean {
    if (now > this.updatedAt) {
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.perSecond);
      this.updatedAt = now;
    }
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** One bucket per key (a route, a property), made on first use. */
export class TokenBuckets {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly clock: () => number) {}

  take(key: string, settings: { burst: number; perSecond: number }): boolean {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(settings.burst, settings.perSecond, this.clock());
      this.buckets.set(key, bucket);
    }
    return bucket.take(this.clock());
  }
}
