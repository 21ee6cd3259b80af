/**
 * Fault injection for the local simulators. Evaluators and tests arm a fault at a named point
 * (`pms.confirm`, `payment.capture`, ...) and the simulator serving that point consults the
 * registry on each call. One registry is shared by every simulator of a local stack, and the
 * local-only `/_local/faults` route writes to it.
 */
/**
 * - `error`: the call fails at once (a 5xx from the simulator); nothing executes.
 * - `timeout`: the call hangs for `delayMs`, then the connection drops; nothing executes.
 * - `latency`: the call waits `delayMs`, then executes and answers normally.
 * - `late`: the call executes at once, then its answer is held for `delayMs`: the client times out
 *   although the effect happened (simulators that support it: the Stripe simulator).
 */
export type FaultMode = 'error' | 'timeout' | 'latency' | 'late';

export interface FaultSpec {
  point: string;
  mode: FaultMode;
  /** How many calls it affects; afterwards the point behaves normally again. */
  times: number;
  /** For `latency` (and how long `timeout` hangs, or `late` holds the answer): milliseconds to wait before answering. */
  delayMs?: number;
}

export interface ArmedFault {
  mode: FaultMode;
  delayMs: number;
}

/** How long a `timeout` fault holds a request: longer than any client timeout we configure. */
export const TIMEOUT_HANG_MS = 120_000;

export class FaultRegistry {
  private readonly faults = new Map<string, FaultSpec[]>();

  arm(spec: FaultSpec): void {
    const queue = this.faults.get(spec.point) ?? [];
    queue.push({ ...spec });
    this.faults.set(spec.point, queue);
  }

  clear(point?: string): void {
    if (point) this.faults.delete(point);
    else this.faults.clear();
  }

  /** Consumes one use of the first fault armed at `point`, if any. */
  take(point: string): ArmedFault | undefined {
    const queue = this.faults.get(point);
    const spec = queue?.[0];
    if (!queue || !spec) return undefined;
    spec.times -= 1;
    if (spec.times <= 0) queue.shift();
    if (queue.length === 0) this.faults.delete(point);
    const delayMs = spec.delayMs ?? (spec.mode === 'timeout' || spec.mode === 'late' ? TIMEOUT_HANG_MS : 0);
    return { mode: spec.mode, delayMs };
  }

  list(): FaultSpec[] {
    return [...this.faults.values()].flat().map((f) => ({ ...f }));
  }
}
