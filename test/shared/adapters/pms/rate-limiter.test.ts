import { describe, expect, it } from 'vitest';
import { SlidingWindowRateLimiter, sharedRateLimiter } from '../../../../shared/adapters/pms/rate-limiter.ts';

describe('SlidingWindowRateLimiter', () => {
  it('lets a burst up to the limit through at once and spaces the rest by the window', async () => {
    // Prepare: 3 per 200 ms (plus 20 ms margin), 7 callers at once.
    const limiter = new SlidingWindowRateLimiter({ limit: 3, windowMs: 200, marginMs: 20 });
    const started = performance.now();

    // Act
    const times = await Promise.all(Array.from({ length: 7 }, () => limiter.acquire().then(() => performance.now() - started)));

    // Assess: never more than 3 starts inside any 200 ms.
    const sorted = times.sort((a, b) => a - b);
    expect(sorted.slice(0, 3).every((t) => t < 50)).toBe(true);
    for (let i = 3; i < sorted.length; i += 1) expect(sorted[i]! - sorted[i - 3]!).toBeGreaterThanOrEqual(199);
  });

  it('is shared per key within the process', () => {
    const a = sharedRateLimiter('test|hotel-1', { limit: 5, windowMs: 1000 });
    const b = sharedRateLimiter('test|hotel-1', { limit: 5, windowMs: 1000 });
    const c = sharedRateLimiter('test|hotel-2', { limit: 5, windowMs: 1000 });

    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });
});
