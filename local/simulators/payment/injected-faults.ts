import type { FaultRegistry, FaultMode } from '../../faults/fault-registry.ts';
import { error, type Reply } from './stripe-replies.ts';

/**
 * Fault points of the payment simulator (`FaultRegistry`): `payment.authorize` (create),
 * `payment.capture`, `payment.void` (cancel), `payment.refund`. They are checked after
 * authentication and BEFORE the idempotency layer, as if the failure happened in front of Stripe:
 * nothing executes and nothing is stored, so a retry with the same key after an injected fault can
 * succeed. (A real Stripe 500 from an executed request would be replayed.) Modes: `error` answers
 * 500 `api_error`; `timeout` holds the request for `delayMs` (default 120 s) and then drops the
 * connection without an answer; `latency` waits `delayMs` and then answers normally. The SDK
 * retries 500s and dropped connections by itself (`maxNetworkRetries`), and each attempt uses up
 * one armed time.
 */
export interface FaultedRequest {
  faults: FaultRegistry | undefined;
  point: string | undefined;
  /** Notes on the request log which fault answered. */
  record(mode: FaultMode): void;
  answer(reply: Reply): void;
  /** Ends the exchange without an answer. */
  hangUp(): void;
  /** Waits `ms`; false when the client left or the simulator stopped meanwhile. */
  wait(ms: number): Promise<boolean>;
}

/** Applies the fault armed at the request's point, if any: `proceed` to execute the request, `done` when the fault answered. */
export async function applyInjectedFault(request: FaultedRequest): Promise<'proceed' | 'done'> {
  const fault = request.point ? request.faults?.take(request.point) : undefined;
  if (!fault) return 'proceed';
  request.record(fault.mode);
  if (fault.mode === 'error') {
    request.answer(error(500, { type: 'api_error', message: `An unknown error occurred (injected fault at ${request.point}).` }));
    return 'done';
  }
  if (fault.mode === 'timeout') {
    await request.wait(fault.delayMs);
    request.hangUp();
    return 'done';
  }
  return (await request.wait(fault.delayMs)) ? 'proceed' : 'done';
}
