import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SlidingWindowRateLimiter, sharedRateLimiter } from '../../../../shared/adapters/pms/rate-limiter.ts';

/**
 * The limiter decides by the clock it is given (`now`) and waits with timers; both are fake here,
 * so what is asserted is when each request was let through by that clock, never how long a test
 * took on a busy machine.
 */
describe('SlidingWindowRateLimiter', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: Date.parse('2026-03-01T00:00:00.000Z') });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  /** Starts `n` acquires at once and records, per caller, the injected time its turn came. */
  async function acquireAll(limiter: SlidingWindowRateLimiter, n: number, now: () => number): Promise<number[]> {
    const t0 = now();
    const times = Array.from({ length: n }, () => limiter.acquire().then(() => now() - t0));
    await vi.runAllTimersAsync();
    return Promise.all(times);
  }

  it('lets a burst up to the limit through at once and spaces the rest by the window plus margin', async () => {
    // Prepare: 3 per 200 ms plus a 20 ms margin, 7 callers at once.
    const now = () => Date.now();
    const limiter = new SlidingWindowRateLimiter({ limit: 3, windowMs: 200, marginMs: 20, now });

    // Act
    const times = await acquireAll(limiter, 7, now);

    // Assess
    expect(times).toEqual([0, 0, 0, 220, 220, 220, 440]);
  });

  it('holds the 6th request of a second (Cloudbeds: 5 per second) until 1.1 s after the 1st', async () => {
    const now = () => Date.now();
    const limiter = new SlidingWindowRateLimiter({ limit: 5, windowMs: 1000, now });

    const times = await acquireAll(limiter, 6, now);

    expect(times).toEqual([0, 0, 0, 0, 0, 1_100]);
  });

  it('decides by the injected clock: timers firing do not let a request through while that clock stands still', async () => {
    // Prepare: a clock the test moves by hand; one request per second.
    let t = 0;
    const limiter = new SlidingWindowRateLimiter({ limit: 1, windowMs: 1_000, marginMs: 0, now: () => t });
    await limiter.acquire();
    let second = false;
    void limiter.acquire().then(() => {
      second = true;
    });

    // Act
    await vi.advanceTimersByTimeAsync(5_000);
    const whileStopped = second;
    t = 1_000;
    await vi.advanceTimersByTimeAsync(1_000);

    // Assess
    expect(whileStopped).toBe(false);
    expect(second).toBe(true);
  });

  it('serves callers in the order they came', async () => {
    const limiter = new SlidingWindowRateLimiter({ limit: 1, windowMs: 100, marginMs: 0, now: () => Date.now() });
    const order: number[] = [];

    const all = Array.from({ length: 4 }, (_, i) => limiter.acquire().then(() => order.push(i)));
    await vi.runAllTimersAsync();
    await Promise.all(all);

    expect(order).toEqual([0, 1, 2, 3]);
  });

  it('refuses a limit below one', () => {
    expect(() => new SlidingWindowRateLimiter({ limit: 0, windowMs: 1000 })).toThrow(RangeError);
  });

  it('is shared per key within the process', () => {
    const a = sharedRateLimiter('test|hotel-1', { limit: 5, windowMs: 1000 });
    const b = sharedRateLimiter('test|hotel-1', { limit: 5, windowMs: 1000 });
    const c = sharedRateLimiter('test|hotel-2', { limit: 5, windowMs: 1000 });

    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });
});
