import type { CircuitState, PmsConfig } from './pms-config.ts';

/**
 * A circuit breaker for one PMS config, as pure functions over the state stored on the config.
 * Lambdas keep nothing between invocations, so the breaker cannot live in memory: every poll and
 * every live read loads it with the config, asks `canAttempt`, and writes back what
 * `onAttempt`/`onSuccess`/`onFailure` return. Polls and reads share it, so an outage seen by
 * either one stops both from hammering a PMS that is down.
 *
 * CLOSED --5 consecutive failures--> OPEN --60 s--> HALF_OPEN (one trial) --success--> CLOSED
 *                                                                        --failure--> OPEN
 *
 * `openedAt` is when the current wait began: the moment the circuit opened, and in HALF_OPEN the
 * moment the trial started. A trial whose outcome never arrived (its Lambda timed out) is given up
 * after another cool-down, and a new trial may start.
 */
export type Circuit = PmsConfig['circuit'];

/** Consecutive failures that open the circuit. */
export const CIRCUIT_FAILURE_THRESHOLD = 5;

/** How long an open circuit refuses calls before it lets one trial through. */
export const CIRCUIT_COOL_DOWN_MS = 60_000;

export const CLOSED_CIRCUIT: Circuit = Object.freeze({ state: 'CLOSED', failures: 0 }) as Circuit;

function waitOver(circuit: Circuit, now: Date): boolean {
  const since = circuit.openedAt ? Date.parse(circuit.openedAt) : Number.NaN;
  // An open circuit without a readable timestamp is a corrupt record: let a trial through.
  return Number.isNaN(since) || now.getTime() - since >= CIRCUIT_COOL_DOWN_MS;
}

/** May a call to the PMS go out now? */
export function canAttempt(circuit: Circuit, now: Date): boolean {
  if (circuit.state === 'CLOSED') return true;
  return waitOver(circuit, now);
}

/**
 * The state to store before a call that `canAttempt` allowed: an open circuit whose cool-down is
 * over becomes HALF_OPEN, which tells other Lambdas that a trial is in flight. Otherwise unchanged.
 */
export function onAttempt(circuit: Circuit, now: Date): Circuit {
  if (circuit.state === 'CLOSED' || !waitOver(circuit, now)) return circuit;
  return { state: 'HALF_OPEN', failures: circuit.failures, openedAt: now.toISOString() };
}

/** After a call that worked: closed, with the failure count reset. */
export function onSuccess(_circuit: Circuit): Circuit {
  return { state: 'CLOSED', failures: 0 };
}

/**
 * After a call that failed: one more consecutive failure; the fifth opens the circuit, and a failed
 * trial opens it again for another cool-down.
 */
export function onFailure(circuit: Circuit, now: Date): Circuit {
  const failures = circuit.failures + 1;
  if (circuit.state === 'CLOSED' && failures < CIRCUIT_FAILURE_THRESHOLD) return { state: 'CLOSED', failures };
  return { state: 'OPEN', failures, openedAt: now.toISOString() };
}

/** True when `next` is an open circuit that `previous` was not: the moment an alarm cares about. */
export function justOpened(previous: Circuit, next: Circuit): boolean {
  return next.state === 'OPEN' && previous.state !== 'OPEN';
}

/** CloudWatch has no strings: 0 closed, 1 half-open (trial), 2 open. */
export function circuitStateValue(state: CircuitState): number {
  return state === 'CLOSED' ? 0 : state === 'HALF_OPEN' ? 1 : 2;
}
