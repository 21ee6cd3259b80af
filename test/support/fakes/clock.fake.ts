/**
 * A controllable clock for unit tests: callable as the `() => Date` every use case takes, with
 * `advance(ms)` to move time by hand and `sleep(ms)` to inject where code waits.
 *
 * `sleep` is a virtual timer: nothing waits on the wall clock. In the default `auto` mode time
 * passes only when the code under test has nothing else to do (every pending timer fires on a
 * macrotask, after all promise callbacks ran), earliest deadline first, and the clock jumps to the
 * deadline. So a race between an in-memory fake that answers at once and a 3 s budget is always
 * won by the fake, and a call that never answers always loses to the budget, whatever the load on
 * the machine. In `manual` mode timers fire only when a test calls `advance`.
 */
export interface FakeClock {
  (): Date;
  /** The current instant (a fresh `Date`). */
  now(): Date;
  /** The current instant in epoch milliseconds, for APIs that take `() => number`. */
  nowMs(): number;
  /** Moves time forward and fires the timers that came due, in deadline order. */
  advance(ms: number): void;
  /** Moves time to an instant (forward or back); fires nothing. */
  set(at: Date | string): void;
  /**
   * Resolves once `ms` of virtual time has passed. An aborted `signal` removes the timer, which
   * then never resolves (as `timers/promises` would reject; callers that race do not care).
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Every `sleep` asked for, in order: what the code under test waited for. */
  readonly sleeps: number[];
  /** Timers not fired yet. */
  pendingTimers(): number;
}

export const DEFAULT_FAKE_NOW = '2026-03-01T00:00:00.000Z';

interface Timer {
  due: number;
  seq: number;
  resolve(): void;
}

export function fakeClock(start: Date | string = DEFAULT_FAKE_NOW, options: { mode?: 'auto' | 'manual' } = {}): FakeClock {
  const mode = options.mode ?? 'auto';
  let nowMs = typeof start === 'string' ? Date.parse(start) : start.getTime();
  if (Number.isNaN(nowMs)) throw new RangeError(`Not an instant: ${String(start)}`);
  let seq = 0;
  let pumping = false;
  const timers: Timer[] = [];
  const sleeps: number[] = [];

  const earliest = () => timers.reduce<Timer | undefined>((a, t) => (!a || t.due < a.due || (t.due === a.due && t.seq < a.seq) ? t : a), undefined);
  const remove = (timer: Timer) => {
    const i = timers.indexOf(timer);
    if (i >= 0) timers.splice(i, 1);
  };

  /** Fires one timer per macrotask, so the promise callbacks it releases run before time moves on. */
  function pump(): void {
    if (pumping || mode !== 'auto') return;
    pumping = true;
    setImmediate(() => {
      pumping = false;
      const next = earliest();
      if (!next) return;
      remove(next);
      nowMs = Math.max(nowMs, next.due);
      next.resolve();
      if (timers.length > 0) pump();
    });
  }

  const clock = (() => new Date(nowMs)) as FakeClock;
  clock.now = () => new Date(nowMs);
  clock.nowMs = () => nowMs;
  clock.advance = (ms: number) => {
    if (ms < 0) throw new RangeError('A clock only advances forward; use set() to go back');
    const target = nowMs + ms;
    for (let next = earliest(); next && next.due <= target; next = earliest()) {
      remove(next);
      nowMs = Math.max(nowMs, next.due);
      next.resolve();
    }
    nowMs = target;
  };
  clock.set = (at: Date | string) => {
    const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
    if (Number.isNaN(ms)) throw new RangeError(`Not an instant: ${String(at)}`);
    nowMs = ms;
  };
  clock.sleep = (ms: number, signal?: AbortSignal) => {
    sleeps.push(ms);
    if (signal?.aborted) return new Promise<void>(() => undefined);
    return new Promise<void>((resolve) => {
      const timer: Timer = { due: nowMs + Math.max(0, ms), seq: seq++, resolve };
      timers.push(timer);
      signal?.addEventListener('abort', () => remove(timer), { once: true });
      pump();
    });
  };
  Object.defineProperty(clock, 'sleeps', { get: () => sleeps });
  clock.pendingTimers = () => timers.length;
  return clock;
}
