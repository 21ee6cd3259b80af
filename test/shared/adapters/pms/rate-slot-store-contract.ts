import { describe, expect, it } from 'vitest';
import type { RateSlotStore, SlotClaim, SlotResult } from '../../../../shared/adapters/pms/rate-limiter.ts';

/**
 * What every `RateSlotStore` must do, run against the in-memory store (unit) and the DynamoDB one
 * (integration, real conditional writes). `functionStore()` gives the store as one more function
 * would see it: for DynamoDB a new instance (its own hints) on the same table, so concurrent takes
 * really race in DynamoDB. Times are chosen, never read from a clock: the outcome is arithmetic.
 */
export interface RateSlotStoreSetup {
  functionStore(): RateSlotStore;
}

const T0 = Date.parse('2026-03-01T00:00:00.000Z');
const INTERVAL = 220;

function claim(now: number, budgetMs = 5_000): SlotClaim {
  return { now, intervalMs: INTERVAL, latestStart: now + budgetMs, expiresAt: Math.ceil((now + budgetMs) / 1000) + 3600 };
}

function starts(results: SlotResult[]): number[] {
  return results.flatMap((r) => (r.granted ? [r.startAt] : [])).sort((a, b) => a - b);
}

let keySeq = 0;
const freshKey = (label: string) => `test|${label}|${Date.now()}-${(keySeq += 1)}`;

export function describeRateSlotStoreContract(name: string, setup: () => RateSlotStoreSetup): void {
  describe(`${name}: the RateSlotStore contract`, () => {
    it('gives an idle key the slot starting now, and a busy one the slot after the last', async () => {
      const store = setup().functionStore();
      const key = freshKey('order');

      const first = await store.take(key, claim(T0));
      const second = await store.take(key, claim(T0 + 5));
      const third = await store.take(key, claim(T0 + 10));

      expect(first).toEqual({ granted: true, startAt: T0, nextAt: T0 + INTERVAL, notBefore: 0 });
      expect(second).toEqual({ granted: true, startAt: T0 + INTERVAL, nextAt: T0 + 2 * INTERVAL, notBefore: T0 + INTERVAL });
      expect(third).toEqual({ granted: true, startAt: T0 + 2 * INTERVAL, nextAt: T0 + 3 * INTERVAL, notBefore: T0 + 2 * INTERVAL });
    });

    it('starts again from now once the queue has drained', async () => {
      const store = setup().functionStore();
      const key = freshKey('drained');
      await store.take(key, claim(T0));

      const later = await store.take(key, claim(T0 + 10_000));

      expect(later).toEqual({ granted: true, startAt: T0 + 10_000, nextAt: T0 + 10_000 + INTERVAL, notBefore: T0 + INTERVAL });
    });

    it('starts a slot asked for a little ahead (the write\'s latency) right after the slot that ends before it', async () => {
      // Prepare: the key's last slot ends at T0 + 220; a caller at T0 + 100 asks from T0 + 300.
      const store = setup().functionStore();
      const key = freshKey('lead');
      await store.take(key, claim(T0));

      const ahead = await store.take(key, claim(T0 + 300));

      // Its request may leave from T0 + 220 (not before the other slot ends) until about T0 + 300.
      expect(ahead).toEqual({ granted: true, startAt: T0 + 300, nextAt: T0 + 300 + INTERVAL, notBefore: T0 + INTERVAL });
    });

    it('takes nothing when the first free slot starts after the budget, and says when it starts', async () => {
      const store = setup().functionStore();
      const key = freshKey('budget');
      for (let i = 0; i < 5; i += 1) await store.take(key, claim(T0));

      const refused = await store.take(key, claim(T0, 4 * INTERVAL - 1));
      const patient = await store.take(key, claim(T0, 10 * INTERVAL));

      expect(refused).toEqual({ granted: false, nextAt: T0 + 5 * INTERVAL });
      expect(patient).toEqual({ granted: true, startAt: T0 + 5 * INTERVAL, nextAt: T0 + 6 * INTERVAL, notBefore: T0 + 5 * INTERVAL });
    });

    it('keeps keys apart', async () => {
      const store = setup().functionStore();
      const a = freshKey('a');
      const b = freshKey('b');
      await store.take(a, claim(T0));

      expect(await store.take(b, claim(T0))).toMatchObject({ granted: true, startAt: T0 });
    });

    it('moves a late slot only while nobody has queued behind it', async () => {
      const store = setup().functionStore();
      const key = freshKey('slide');
      const mine = await store.take(key, claim(T0));
      if (!mine.granted) throw new Error('expected a slot');

      const moved = await store.slide(key, { expectedNextAt: mine.nextAt, startAt: T0 + 90, intervalMs: INTERVAL, expiresAt: 0 });
      const after = await store.take(key, claim(T0 + 100));
      const movedAgain = await store.slide(key, { expectedNextAt: T0 + 90 + INTERVAL, startAt: T0 + 400, intervalMs: INTERVAL, expiresAt: 0 });

      expect(moved).toBe(true);
      expect(after).toEqual({ granted: true, startAt: T0 + 90 + INTERVAL, nextAt: T0 + 90 + 2 * INTERVAL, notBefore: T0 + 90 + INTERVAL });
      expect(movedAgain).toBe(false);
    });

    it('hands 30 functions taking slots at once distinct, consecutive slots, and refuses those past the budget', async () => {
      // Prepare: 30 "functions", each with its own view of the store, all at the same instant,
      // with a budget of 2 s: slots start at T0, T0 + 220, ... so 10 fit (the 10th at T0 + 1980).
      const s = setup();
      const key = freshKey('contention');
      const functions = Array.from({ length: 30 }, () => s.functionStore());

      const results = await Promise.all(functions.map((store) => store.take(key, claim(T0, 2_000))));

      const granted = starts(results);
      expect(granted).toEqual(Array.from({ length: 10 }, (_, k) => T0 + k * INTERVAL));
      const refused = results.filter((r) => !r.granted);
      expect(refused).toHaveLength(20);
      expect(refused.every((r) => r.nextAt > T0 + 2_000)).toBe(true);
    });
  });
}
