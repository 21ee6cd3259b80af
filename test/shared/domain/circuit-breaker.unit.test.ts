import { describe, expect, it } from 'vitest';
import {
  canAttempt,
  CIRCUIT_COOL_DOWN_MS,
  CLOSED_CIRCUIT,
  circuitStateValue,
  justOpened,
  onAttempt,
  onFailure,
  onSuccess,
  type Circuit,
} from '../../../shared/domain/circuit-breaker.ts';

const T0 = new Date('2026-03-01T10:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

function failTimes(n: number, circuit: Circuit = CLOSED_CIRCUIT): Circuit {
  let c = circuit;
  for (let i = 0; i < n; i++) c = onFailure(c, T0);
  return c;
}

describe('circuit breaker', () => {
  it('stays closed through four consecutive failures and lets calls through', () => {
    const circuit = failTimes(4);

    expect(circuit).toEqual({ state: 'CLOSED', failures: 4 });
    expect(canAttempt(circuit, T0)).toBe(true);
  });

  it('opens on the fifth consecutive failure and refuses calls for 60 s', () => {
    const circuit = failTimes(5);

    expect(circuit).toEqual({ state: 'OPEN', failures: 5, openedAt: T0.toISOString() });
    expect(canAttempt(circuit, at(1))).toBe(false);
    expect(canAttempt(circuit, at(CIRCUIT_COOL_DOWN_MS - 1))).toBe(false);
    expect(canAttempt(circuit, at(CIRCUIT_COOL_DOWN_MS))).toBe(true);
    expect(justOpened(failTimes(4), circuit)).toBe(true);
  });

  it('a success resets the count, so failures must be consecutive', () => {
    const circuit = failTimes(2, onSuccess(failTimes(4)));

    expect(circuit).toEqual({ state: 'CLOSED', failures: 2 });
  });

  it('after the cool-down lets one trial through as HALF_OPEN and refuses others while it runs', () => {
    const open = failTimes(5);

    const trial = onAttempt(open, at(CIRCUIT_COOL_DOWN_MS + 5));

    expect(trial).toEqual({ state: 'HALF_OPEN', failures: 5, openedAt: at(CIRCUIT_COOL_DOWN_MS + 5).toISOString() });
    expect(canAttempt(trial, at(CIRCUIT_COOL_DOWN_MS + 10))).toBe(false);
    // A trial that never reported back is given up after another cool-down.
    expect(canAttempt(trial, at(2 * CIRCUIT_COOL_DOWN_MS + 5))).toBe(true);
  });

  it('closes when the trial succeeds and opens again for another 60 s when it fails', () => {
    const trial = onAttempt(failTimes(5), at(CIRCUIT_COOL_DOWN_MS));

    const closed = onSuccess(trial);
    const reopened = onFailure(trial, at(CIRCUIT_COOL_DOWN_MS + 100));

    expect(closed).toEqual({ state: 'CLOSED', failures: 0 });
    expect(reopened).toEqual({ state: 'OPEN', failures: 6, openedAt: at(CIRCUIT_COOL_DOWN_MS + 100).toISOString() });
    expect(justOpened(trial, reopened)).toBe(true);
    expect(canAttempt(reopened, at(CIRCUIT_COOL_DOWN_MS + 200))).toBe(false);
  });

  it('leaves a closed circuit, or one still cooling down, unchanged on attempt', () => {
    const open = failTimes(5);

    expect(onAttempt(CLOSED_CIRCUIT, T0)).toBe(CLOSED_CIRCUIT);
    expect(onAttempt(open, at(10))).toBe(open);
  });

  it('treats an open circuit without a readable timestamp as cooled down', () => {
    expect(canAttempt({ state: 'OPEN', failures: 5 }, T0)).toBe(true);
  });

  it('encodes the state as a number for CloudWatch', () => {
    expect(['CLOSED', 'HALF_OPEN', 'OPEN'].map((s) => circuitStateValue(s as Circuit['state']))).toEqual([0, 1, 2]);
  });
});
