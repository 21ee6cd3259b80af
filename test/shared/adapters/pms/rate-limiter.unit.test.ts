import { describe, expect, it } from 'vitest';
import {
  InMemoryRateSlotStore,
  SlotRateLimiter,
  processRateLimiter,
  slotIntervalMs,
  type RateSlotStore,
} from '../../../../shared/adapters/pms/rate-limiter.ts';
import { PmsRateLimitedError } from '../../../../shared/domain/pms-errors.ts';
import { TokenBucket } from '../../../../local/http/token-bucket.ts';
import { fakeClock, type FakeClock } from '../../../support/fakes/clock.fake.ts';
import { describeRateSlotStoreContract } from './rate-slot-store-contract.ts';

describeRateSlotStoreContract('InMemoryRateSlotStore', () => {
  const shared = new InMemoryRateSlotStore();
  return { functionStore: () => shared };
});

/** Deterministic pseudo-random numbers in [0, 1): the schedules below are reproducible by seed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The most requests any window of `windowMs` (half-open) holds. */
function busiestWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i += 1) {
    while (sorted[i]! - sorted[j]! >= windowMs) j += 1;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

function limiterOn(clock: FakeClock, store: RateSlotStore = new InMemoryRateSlotStore(), options: { maxWaitMs?: number; marginMs?: number } = {}) {
  return new SlotRateLimiter(store, { now: clock.nowMs, sleep: clock.sleep, ...options });
}

/**
 * Every time below is the injected clock's: the fake clock moves only when the code under test
 * waits on it, so what is asserted is when each request was let go by that clock, never how long
 * the test took on a busy machine.
 */
describe('SlotRateLimiter', () => {
  it('spaces slots by (1000 + margin) / rate: 220 ms for Cloudbeds, 22 ms for OHIP', () => {
    expect(slotIntervalMs(5)).toBe(220);
    expect(slotIntervalMs(50)).toBe(22);
    expect(slotIntervalMs(5, 0)).toBe(200);
  });

  it('lets an idle key go at once and releases simultaneous callers one slot apart, in order', async () => {
    const clock = fakeClock();
    const limiter = limiterOn(clock);
    const t0 = clock.nowMs();
    const released: number[] = [];

    await Promise.all(Array.from({ length: 7 }, () => limiter.acquire('cloudbeds|h|1', { ratePerSecond: 5 }).then(() => released.push(clock.nowMs() - t0))));

    expect(released).toEqual([0, 220, 440, 660, 880, 1100, 1320]);
    expect(busiestWindow(released, 1000)).toBe(5);
  });

  it('never lets a sliding one-second window see more than the rate, whatever the arrivals (seeded schedules)', async () => {
    for (const seed of [1, 7, 42, 2026]) {
      // Prepare: 60 requests for one property arriving over 8 s, in bursts and alone.
      const random = seeded(seed);
      const clock = fakeClock();
      const limiter = limiterOn(clock, new InMemoryRateSlotStore(), { maxWaitMs: 60_000 });
      const t0 = clock.nowMs();
      const arrivals = Array.from({ length: 60 }, () => Math.floor(random() * random() * 8_000));
      const sent: number[] = [];

      // Act
      await Promise.all(arrivals.map((at) => clock.sleep(at).then(() => limiter.acquire('cloudbeds|h|1', { ratePerSecond: 5 })).then(() => sent.push(clock.nowMs() - t0))));

      // Assess: all sent, never before arriving, and at most 5 in any second (the margin keeps even 1.1 s to 5).
      expect(sent).toHaveLength(60);
      expect(busiestWindow(sent, 1000)).toBeLessThanOrEqual(5);
      expect(busiestWindow(sent, 1100)).toBeLessThanOrEqual(5);
    }
  });

  it('keeps the window when the store is slow and uneven: late slots are moved or given up, never sent into (seeded)', async () => {
    for (const [seed, rate] of [[5, 5], [8, 5], [13, 50], [21, 50]] as const) {
      // Prepare: every store call takes 0 to 150 ms of the injected clock, before and after it acts,
      // so answers come back late, out of order, and slides race with takes of other callers.
      const random = seeded(seed);
      const clock = fakeClock();
      const inner = new InMemoryRateSlotStore();
      const slow: RateSlotStore = {
        take: async (key, claim) => {
          await clock.sleep(Math.floor(random() * 75));
          const result = await inner.take(key, claim);
          await clock.sleep(Math.floor(random() * 75));
          return result;
        },
        slide: async (key, move) => {
          await clock.sleep(Math.floor(random() * 75));
          const moved = await inner.slide(key, move);
          await clock.sleep(Math.floor(random() * 75));
          return moved;
        },
      };
      // Each caller is its own function (its own latency estimate), as on AWS.
      const sent: number[] = [];
      const t0 = clock.nowMs();
      const callers = Array.from({ length: 80 }, () => ({ at: Math.floor(random() * 6_000), limiter: limiterOn(clock, slow, { maxWaitMs: 60_000 }) }));

      // Act
      const outcomes = await Promise.allSettled(
        callers.map(({ at, limiter }) => clock.sleep(at).then(() => limiter.acquire('k', { ratePerSecond: rate })).then(() => sent.push(clock.nowMs() - t0))),
      );

      // Assess: everyone got through, and no second ever saw more than the rate.
      expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
      expect(busiestWindow(sent, 1000)).toBeLessThanOrEqual(rate);
    }
  });

  it("sends nothing the simulated Cloudbeds' bucket (10 at once, 5/s) would refuse, even when arrivals bunch by up to a second", async () => {
    for (const seed of [3, 11, 99]) {
      const random = seeded(seed);
      const clock = fakeClock();
      const limiter = limiterOn(clock, new InMemoryRateSlotStore(), { maxWaitMs: 60_000 });
      const t0 = clock.nowMs();
      const sent: number[] = [];
      await Promise.all(
        Array.from({ length: 80 }, () => Math.floor(random() * 10_000)).map((at) =>
          clock.sleep(at).then(() => limiter.acquire('cloudbeds|h|1', { ratePerSecond: 5 })).then(() => sent.push(clock.nowMs() - t0)),
        ),
      );

      // The simulator sees each request when it arrives: up to 1 s after it was sent, in any order.
      const arrived = sent.map((t) => t + Math.floor(random() * 1_000)).sort((a, b) => a - b);
      const bucket = new TokenBucket(10, 5, t0);
      const refused = arrived.filter((t) => !bucket.take(t0 + t));

      expect(refused).toEqual([]);
    }
  });

  it('refuses a caller whose slot would start after the wait budget, takes nothing for it, and says when to retry', async () => {
    // Prepare: a 1 s budget at 5/s: slots at 0, 220, ..., 880 fit, the 6th (1100) does not.
    const clock = fakeClock();
    const limiter = limiterOn(clock, new InMemoryRateSlotStore(), { maxWaitMs: 1_000 });
    const key = 'cloudbeds|h|1';

    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => limiter.takeSlot(key, { ratePerSecond: 5 })));

    const granted = outcomes.flatMap((o) => (o.status === 'fulfilled' && o.value ? [o.value.startAt - Date.parse('2026-03-01T00:00:00.000Z')] : []));
    const errors = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
    expect(granted.sort((a, b) => a - b)).toEqual([0, 220, 440, 660, 880]);
    expect(errors).toHaveLength(3);
    expect(errors.every((e) => e instanceof PmsRateLimitedError && e.origin === 'client' && e.retryable && (e.retryAfterMs ?? 0) > 0)).toBe(true);
    expect((errors[0] as PmsRateLimitedError).vendor).toBe('cloudbeds');
    // Nothing was taken for them: the next caller gets the slot right after the last granted one.
    expect((await limiter.takeSlot(key, { ratePerSecond: 5 }))?.startAt).toBe(Date.parse('2026-03-01T00:00:00.000Z') + 1_100);
  });

  it('moves its slot when it wakes late and nobody queued behind, so the spacing after it holds', async () => {
    // Prepare: a store whose write takes 80 ms of the injected clock (more than the 50 ms tolerance).
    const clock = fakeClock();
    const inner = new InMemoryRateSlotStore();
    const slow: RateSlotStore = {
      take: async (key, claim) => {
        const result = await inner.take(key, claim);
        clock.advance(80);
        return result;
      },
      slide: (key, move) => inner.slide(key, move),
    };
    const limiter = limiterOn(clock, slow);
    const t0 = clock.nowMs();

    const first = await limiter.takeSlot('k', { ratePerSecond: 5 });
    const sentFirst = clock.nowMs() - t0;
    const second = await limiter.takeSlot('k', { ratePerSecond: 5 });
    const sentSecond = clock.nowMs() - t0;

    // The first slot (0) was 80 ms late, so it moved to 80 (the process's first, connection-opening
    // call does not count towards the latency allowed for), and its request left then; the second
    // slot starts a full interval after the moved one, and waited for it (the key was busy).
    expect(first!.startAt - t0).toBe(80);
    expect(sentFirst).toBe(80);
    expect(second!.startAt - t0).toBe(300);
    expect(sentSecond).toBe(300);
  });

  it('gives a late slot up and takes a new one when someone queued behind it meanwhile', async () => {
    const clock = fakeClock();
    const inner = new InMemoryRateSlotStore();
    let interloper = true;
    const racy: RateSlotStore = {
      take: async (key, claim) => {
        const result = await inner.take(key, claim);
        if (interloper) {
          // Another function takes the next slot while this write is slow.
          interloper = false;
          await inner.take(key, { ...claim });
          clock.advance(100);
        }
        return result;
      },
      slide: (key, move) => inner.slide(key, move),
    };
    const limiter = limiterOn(clock, racy);
    const t0 = clock.nowMs();

    const slot = await limiter.takeSlot('k', { ratePerSecond: 5 });

    // Its first slot (0) was late and could not move; the other function holds 220; it got 440.
    expect(slot!.startAt - t0).toBe(440);
    expect(clock.nowMs() - t0).toBe(440);
  });

  it('does not touch the store for an unlimited key', async () => {
    const clock = fakeClock();
    const calls: string[] = [];
    const store: RateSlotStore = {
      take: async () => {
        calls.push('take');
        return { granted: true, startAt: 0, nextAt: 0, notBefore: 0 };
      },
      slide: async () => true,
    };

    await limiterOn(clock, store).acquire('generic|h|1', { ratePerSecond: 0 });

    expect(calls).toEqual([]);
  });

  it('refuses a tolerance that would eat the whole margin', () => {
    expect(() => new SlotRateLimiter(new InMemoryRateSlotStore(), { marginMs: 100, lateToleranceMs: 100 })).toThrow(RangeError);
  });

  it('is one limiter per process for adapters built without a shared one', () => {
    expect(processRateLimiter()).toBe(processRateLimiter());
  });
});
