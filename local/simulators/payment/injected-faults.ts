import type { FaultRegistry, FaultMode } from '../../faults/fault-registry.ts';
import { error, type Reply } from './stripe-replies.ts';

/**
 * Fault points of the payment simulator (`FaultRegistry`): `payment.authorize` (create),
 * `payment.capture`, `payment.void` (cancel), `payment.refund`. They are checked after
 * authentication and BEFORE the idempotency layer, as if the failure happened in front of Stripe.
 * Modes:
 * - `error` answers 500 `api_error`; nothing executes and nothing is stored, so a retry with the
 *   same key can succeed. (A real Stripe 500 from an executed request would be replayed.)
 * - `timeout` holds the request for `delayMs` (default 120 s) and then drops the connection
 *   without an answer; nothing executes either.
 * - `latency` waits `delayMs` and then executes and answers normally.
 * - `late` is the opposite of `timeout`, the case where a timeout must never be read as "nothing
 *   happened": the request executes at once (its answer stored for its key), then the answer is
 *   held for `delayMs` (default 120 s), past the client's timeout. A client that gave up gets
 *   nothing; a retry with the same key gets the replay meanwhile, since the answer is held outside
 *   the key's lock, and a look-up finds the effect straight away.
 * The SDK retries 500s and dropped connections by itself (`maxNetworkRetries`), and each attempt
 * uses up one armed time.
 */
export interface FaultedRequest {
  faults: FaultRegistry | undefined;
  point: string | undefined;
  /** Notes on the request log which fault met the request. */
  record(mode: FaultMode): void;
  answer(reply: Reply): void;
  /** Ends the exchange without an answer. */
  hangUp(): void;
  /** Waits `ms`; false when the client left or the simulator stopped meanwhile. */
  wait(ms: number): Promise<boolean>;
}

/**
 * What the server does after the fault: nothing more (`done`: the fault answered, dropped the
 * exchange, or the client left), or `execute` the request and hold its answer `holdAnswerMs`
 * before sending it (only `late` holds; 0 otherwise).
 */
export type FaultOutcome = { then: 'done' } | { then: 'execute'; holdAnswerMs: number };

const DONE: FaultOutcome = { then: 'done' };

/** Applies the fault armed at the request's point, if any. */
export async function applyInjectedFault(request: FaultedRequest): Promise<FaultOutcome> {
  const fault = request.point ? request.faults?.take(request.point) : undefined;
  if (!fault) return { then: 'execute', holdAnswerMs: 0 };
  request.record(fault.mode);
  switch (fault.mode) {
    case 'error':
      request.answer(error(500, { type: 'api_error', message: `An unknown error occurred (injected fault at ${request.point}).` }));
      return DONE;
    case 'timeout':
      await request.wait(fault.delayMs);
      request.hangUp();
      return DONE;
    case 'latency':
      return (await request.wait(fault.delayMs)) ? { then: 'execute', holdAnswerMs: 0 } : DONE;
    case 'late':
      return { then: 'execute', holdAnswerMs: fault.delayMs };
  }
}
