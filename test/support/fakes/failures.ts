/**
 * Programmable failures for fakes of remote systems. A failure is armed for an operation and
 * consumed by the next calls to it (`times`, default 1). `executed: true` models the case the
 * guide insists on: "a timed-out call may still have happened". The operation takes effect and
 * the caller still gets the error, so a retry must find what the first attempt did.
 */
export interface ArmedFailure {
  error: () => unknown;
  times: number;
  executed: boolean;
}

export class Failures<Op extends string> {
  private readonly armed = new Map<Op, ArmedFailure[]>();

  /** Arms `error` (an instance, or a factory for a fresh one per call) for the next call(s) of `op`. */
  arm(op: Op, error: unknown, options: { times?: number; executed?: boolean } = {}): void {
    const queue = this.armed.get(op) ?? [];
    queue.push({ error: typeof error === 'function' ? (error as () => unknown) : () => error, times: options.times ?? 1, executed: options.executed ?? false });
    this.armed.set(op, queue);
  }

  /** Consumes the next failure of `op`; `undefined` when none is armed. */
  take(op: Op): ArmedFailure | undefined {
    const queue = this.armed.get(op);
    const next = queue?.[0];
    if (!queue || !next) return undefined;
    next.times -= 1;
    if (next.times <= 0) queue.shift();
    return next;
  }

  /**
   * Runs `effect` unless a failure is armed: an `executed` failure runs it and then throws, any
   * other throws without running it.
   */
  async run<T>(op: Op, effect: () => T | Promise<T>): Promise<T> {
    const failure = this.take(op);
    if (!failure) return effect();
    if (failure.executed) await effect();
    throw failure.error();
  }

  /** Failures still armed, by operation. */
  pending(): Partial<Record<Op, number>> {
    const out: Partial<Record<Op, number>> = {};
    for (const [op, queue] of this.armed) {
      const n = queue.reduce((sum, f) => sum + f.times, 0);
      if (n > 0) out[op] = n;
    }
    return out;
  }
}
