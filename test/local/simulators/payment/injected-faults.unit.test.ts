import { describe, expect, it } from 'vitest';
import { FaultRegistry, type FaultMode } from '../../../../local/faults/fault-registry.ts';
import { applyInjectedFault, type FaultedRequest } from '../../../../local/simulators/payment/injected-faults.ts';
import type { Reply } from '../../../../local/simulators/payment/stripe-replies.ts';

/** What the server was told to do by a fault, with a wait that returns at once (or reports the client gone). */
function request(faults: FaultRegistry, clientStays = true) {
  const seen = { recorded: [] as FaultMode[], answers: [] as Reply[], hungUp: false, waited: [] as number[] };
  const faulted: FaultedRequest = {
    faults,
    point: 'payment.capture',
    record: (mode) => seen.recorded.push(mode),
    answer: (reply) => seen.answers.push(reply),
    hangUp: () => {
      seen.hungUp = true;
    },
    wait: async (ms) => {
      seen.waited.push(ms);
      return clientStays;
    },
  };
  return { faulted, seen };
}

describe('applyInjectedFault', () => {
  it('executes at once when nothing is armed at the point', async () => {
    const { faulted, seen } = request(new FaultRegistry());

    expect(await applyInjectedFault(faulted)).toEqual({ then: 'execute', holdAnswerMs: 0 });
    expect(seen).toEqual({ recorded: [], answers: [], hungUp: false, waited: [] });
  });

  it('late: executes at once and holds the answer delayMs (120 s unless told), without waiting first', async () => {
    const faults = new FaultRegistry();
    faults.arm({ point: 'payment.capture', mode: 'late', times: 1, delayMs: 30_000 });
    faults.arm({ point: 'payment.capture', mode: 'late', times: 1 });
    const first = request(faults);
    const second = request(faults);

    expect(await applyInjectedFault(first.faulted)).toEqual({ then: 'execute', holdAnswerMs: 30_000 });
    expect(await applyInjectedFault(second.faulted)).toEqual({ then: 'execute', holdAnswerMs: 120_000 });
    expect(first.seen).toEqual({ recorded: ['late'], answers: [], hungUp: false, waited: [] });
  });

  it('latency: waits, then executes with no hold; nothing when the client left meanwhile', async () => {
    const faults = new FaultRegistry();
    faults.arm({ point: 'payment.capture', mode: 'latency', times: 2, delayMs: 500 });
    const stays = request(faults);
    const leaves = request(faults, false);

    expect(await applyInjectedFault(stays.faulted)).toEqual({ then: 'execute', holdAnswerMs: 0 });
    expect(await applyInjectedFault(leaves.faulted)).toEqual({ then: 'done' });
    expect(stays.seen.waited).toEqual([500]);
  });

  it('error answers 500 api_error and timeout hangs up: neither executes', async () => {
    const faults = new FaultRegistry();
    faults.arm({ point: 'payment.capture', mode: 'error', times: 1 });
    faults.arm({ point: 'payment.capture', mode: 'timeout', times: 1, delayMs: 1_000 });
    const failed = request(faults);
    const hung = request(faults);

    expect(await applyInjectedFault(failed.faulted)).toEqual({ then: 'done' });
    expect(await applyInjectedFault(hung.faulted)).toEqual({ then: 'done' });
    expect(failed.seen.answers).toMatchObject([{ status: 500, body: { error: { type: 'api_error' } } }]);
    expect(hung.seen).toMatchObject({ recorded: ['timeout'], answers: [], hungUp: true, waited: [1_000] });
  });
});
