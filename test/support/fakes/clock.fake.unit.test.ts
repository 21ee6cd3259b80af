import { describe, expect, it } from 'vitest';
import { fakeClock } from './clock.fake.ts';

describe('fakeClock', () => {
  it('is a () => Date that moves only when told', () => {
    // Prepare
    const clock = fakeClock('2026-03-01T00:00:00.000Z');

    // Act
    const before = clock();
    clock.advance(90_000);

    // Assess
    expect(before.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(clock().toISOString()).toBe('2026-03-01T00:01:30.000Z');
    expect(clock.nowMs()).toBe(Date.parse('2026-03-01T00:01:30.000Z'));
  });

  it('fires virtual sleeps in deadline order, jumping the clock to each deadline', async () => {
    // Prepare
    const clock = fakeClock('2026-03-01T00:00:00.000Z');
    const fired: string[] = [];

    // Act
    await Promise.all([
      clock.sleep(3_000).then(() => fired.push(`3s at ${clock().toISOString()}`)),
      clock.sleep(1_000).then(() => fired.push(`1s at ${clock().toISOString()}`)),
    ]);

    // Assess
    expect(fired).toEqual(['1s at 2026-03-01T00:00:01.000Z', '3s at 2026-03-01T00:00:03.000Z']);
    expect(clock.sleeps).toEqual([3_000, 1_000]);
  });

  it('lets work that needs no time finish before any timer fires', async () => {
    // Prepare: a result that takes a few promise hops, racing a zero-length sleep.
    const clock = fakeClock();
    const slowChain = async () => {
      for (let i = 0; i < 20; i++) await Promise.resolve();
      return 'work';
    };

    // Act
    const winner = await Promise.race([slowChain(), clock.sleep(0).then(() => 'timer')]);

    // Assess
    expect(winner).toBe('work');
  });

  it('in manual mode fires timers only on advance, and drops aborted ones', async () => {
    // Prepare
    const clock = fakeClock('2026-03-01T00:00:00.000Z', { mode: 'manual' });
    const abort = new AbortController();
    let fired = 0;
    void clock.sleep(500).then(() => fired++);
    void clock.sleep(100, abort.signal).then(() => fired++);
    abort.abort();

    // Act
    clock.advance(499);
    await Promise.resolve();
    const early = fired;
    clock.advance(1);
    await Promise.resolve();

    // Assess
    expect(early).toBe(0);
    expect(fired).toBe(1);
    expect(clock.pendingTimers()).toBe(0);
  });
});
