import { describe, expect, it } from 'vitest';
import { inParallel } from '../../../shared/use-cases/in-parallel.ts';

describe('inParallel', () => {
  it('runs every item once, never more than the limit at a time, starting in item order', async () => {
    // Prepare: each task waits for a release by hand, so the number in flight is observable.
    const started: number[] = [];
    const waiting: (() => void)[] = [];
    let inFlight = 0;
    let most = 0;

    // Act
    const done = inParallel([1, 2, 3, 4, 5], 2, async (n) => {
      started.push(n);
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise<void>((resolve) => waiting.push(resolve));
      inFlight -= 1;
    });
    while (started.length < 5 || waiting.length > 0) {
      await Promise.resolve();
      waiting.shift()?.();
    }
    await done;

    // Assess
    expect(started).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
  });

  it('rejects with the first failure, and does nothing for no items', async () => {
    await expect(inParallel([1, 2], 4, async (n) => (n === 2 ? Promise.reject(new Error('night 2')) : undefined))).rejects.toThrow('night 2');
    await expect(inParallel([], 4, async () => undefined)).resolves.toBeUndefined();
  });
});
