import { describe, expect, it } from 'vitest';
import { TokenBucket, TokenBuckets } from '../../../local/http/token-bucket.ts';

describe('TokenBucket on an injected clock', () => {
  it('lets a burst through at once, then one request per refill interval', () => {
    const bucket = new TokenBucket(3, 2, 0);

    const burst = [0, 0, 0, 0].map(() => bucket.take(0));
    const tooSoon = bucket.take(499);
    const refilled = bucket.take(500);

    expect(burst).toEqual([true, true, true, false]);
    expect(tooSoon).toBe(false);
    expect(refilled).toBe(true);
  });

  it('never holds more than the burst, however long it was idle', () => {
    const bucket = new TokenBucket(2, 10, 0);

    const after = [0, 0, 0].map(() => bucket.take(60_000));

    expect(after).toEqual([true, true, false]);
  });

  it('keeps one bucket per key', () => {
    let now = 0;
    const buckets = new TokenBuckets(() => now);
    const settings = { burst: 1, perSecond: 1 };

    expect([buckets.take('a', settings), buckets.take('a', settings), buckets.take('b', settings)]).toEqual([true, false, true]);
    now = 1_000;
    expect(buckets.take('a', settings)).toBe(true);
  });
});
