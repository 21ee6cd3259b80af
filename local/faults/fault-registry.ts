/**
 * Fault injection for the local simulators. Evaluators and tests arm a fault at a named point
 * (`pms.confirm`, `payment.capture`, ...) and the simulator serving that point consults the
 * registry on each request it receives there. One registry is shared by every simulator of a local
 * stack, and the local-only `/_local/faults` route writes to it.
 *
 * One "time" is one HTTP request that reaches a simulator at the point: every retry (the Stripe
 * SDK's own, the saga step's `Retry`) is a request of its own and uses one up. What is not used
 * up stays armed for whatever request comes next, the next booking's included.
 */
/**
 * - `error`: the request fails at once (the vendor's 5xx); nothing executes.
 * - `timeout`: the request hangs for `delayMs` (default 120 s). The PMS simulator then carries it
 *   out as if the answer was lost on the way back (the effect comes late, the answer never);
 *   the payment simulator drops the connection without executing it.
 * - `latency`: the request waits `delayMs`, then executes and answers normally.
 * - `late`: the request executes at once, then its answer is held for `delayMs` (default 120 s),
 *   past the client's timeout: the effect happened although the client gave up. What saga
 *   recovery must survive; a retry or a look-up finds the effect straight away.
 */
export type FaultMode = 'error' | 'timeout' | 'latency' | 'late';

export const FAULT_MODES = ['error', 'timeout', 'latency', 'late'] as const satisfies readonly FaultMode[];

/** Narrows a fault to the requests about one PMS vendor or one hotel. */
export interface FaultScope {
  /** Only requests to this PMS vendor's simulator. */
  vendor?: string;
  /** Only requests about this hotel: our id (`htl_seoul_hanriver`) or the PMS's (`GNBS01`). */
  hotelId?: string;
}

export interface FaultSpec extends FaultScope {
  point: string;
  mode: FaultMode;
  /** How many requests it affects; afterwards the point behaves normally again. */
  times: number;
  /** For `latency` (and how long `timeout` hangs, or `late` holds the answer): milliseconds to wait before answering. */
  delayMs?: number;
}

/** What the simulator knows about the request that consults a point. */
export interface FaultSubject {
  vendor?: string;
  /** Every id the hotel is known by (the PMS's, and ours when the simulator knows it). */
  hotelIds?: readonly string[];
}

export interface ArmedFault {
  mode: FaultMode;
  delayMs: number;
}

/** How long a `timeout` or `late` fault holds a request: longer than any client timeout we configure. */
export const TIMEOUT_HANG_MS = 120_000;

function fits(spec: FaultSpec, subject: FaultSubject): boolean {
  if (spec.vendor !== undefined && spec.vendor !== subject.vendor) return false;
  if (spec.hotelId !== undefined && !(subject.hotelIds ?? []).includes(spec.hotelId)) return false;
  return true;
}

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

  /** Uses up one time of the first fault armed at `point` whose scope fits the request, if any. */
  take(point: string, subject: FaultSubject = {}): ArmedFault | undefined {
    const queue = this.faults.get(point);
    const index = queue?.findIndex((spec) => fits(spec, subject)) ?? -1;
    if (!queue || index === -1) return undefined;
    const spec = queue[index]!;
    spec.times -= 1;
    if (spec.times <= 0) queue.splice(index, 1);
    if (queue.length === 0) this.faults.delete(point);
    const delayMs = spec.delayMs ?? (spec.mode === 'timeout' || spec.mode === 'late' ? TIMEOUT_HANG_MS : 0);
    return { mode: spec.mode, delayMs };
  }

  list(): FaultSpec[] {
    return [...this.faults.values()].flat().map((f) => ({ ...f }));
  }
}
