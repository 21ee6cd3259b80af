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
export type FaultMode = 'error' | 'timeout' | 'latency';

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
  /** For `latency` (and how long `timeout` hangs): milliseconds to wait before answering. */
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

/** How long a `timeout` fault holds a request: longer than any client timeout we configure. */
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
    const delayMs = spec.delayMs ?? (spec.mode === 'timeout' ? TIMEOUT_HANG_MS : 0);
    return { mode: spec.mode, delayMs };
  }

  list(): FaultSpec[] {
    return [...this.faults.values()].flat().map((f) => ({ ...f }));
  }
}
