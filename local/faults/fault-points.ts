import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { stateMachines, type StateMachineDefinition } from '../../shared/saga/state-machines.ts';

/**
 * The points a fault can be armed at, and what one "time" of a fault means at each, in requests
 * and in bookings. The simulators consult the points: the PMS simulator's dialects name theirs in
 * their route tables (not every vendor serves every point: only the generic protocol has holds),
 * the payment simulator its four, the SES emulator `mail.send`.
 */
export const PMS_FAULT_POINTS = ['pms.hold', 'pms.release', 'pms.confirm', 'pms.modify', 'pms.cancel', 'pms.lookup', 'pms.details', 'pms.inventory'] as const;
export const PAYMENT_FAULT_POINTS = ['payment.authorize', 'payment.capture', 'payment.void', 'payment.refund'] as const;
/** SES `SendEmail` (the local AWS endpoint's SES emulator): guest mail. */
export const MAIL_FAULT_POINTS = ['mail.send'] as const;
export const FAULT_POINTS = [...PMS_FAULT_POINTS, ...PAYMENT_FAULT_POINTS, ...MAIL_FAULT_POINTS] as const;

export type PmsFaultPoint = (typeof PMS_FAULT_POINTS)[number];
export type FaultPoint = (typeof FAULT_POINTS)[number];

export function isPmsFaultPoint(point: string): point is PmsFaultPoint {
  return (PMS_FAULT_POINTS as readonly string[]).includes(point);
}

/**
 * The saga step that sends requests to a point, and the error a failed request becomes there (the
 * one its `Retry` names): the checkout saga's, and for the points only the lifecycle sagas reach,
 * theirs (`pms.modify` in the modification saga, `payment.refund` in the cancellation saga).
 * `pms.cancel` is reached by the checkout saga's compensation and by a cancellation, each with the
 * same retries. Points not listed are reached outside the sagas' own steps (imports, polling,
 * lookups inside another step).
 */
const SAGA_STEPS: Partial<Record<FaultPoint, { machine: StateMachineDefinition['id']; state: string; error: string }>> = {
  'pms.hold': { machine: 'checkout', state: 'HoldRooms', error: 'PmsUnavailableError' },
  'pms.confirm': { machine: 'checkout', state: 'ConfirmReservation', error: 'PmsUnavailableError' },
  'pms.cancel': { machine: 'checkout', state: 'CancelPmsReservation', error: 'PmsUnavailableError' },
  'pms.release': { machine: 'checkout', state: 'ReleaseHold', error: 'PmsUnavailableError' },
  'pms.modify': { machine: 'modification', state: 'ModifyPmsReservation', error: 'PmsUnavailableError' },
  'payment.authorize': { machine: 'checkout', state: 'AuthorizePayment', error: 'PaymentUnavailableError' },
  'payment.capture': { machine: 'checkout', state: 'CapturePayment', error: 'PaymentUnavailableError' },
  'payment.void': { machine: 'checkout', state: 'VoidPayment', error: 'PaymentUnavailableError' },
  'payment.refund': { machine: 'cancellation', state: 'SettleCancellation', error: 'PaymentUnavailableError' },
};

interface Retrier {
  ErrorEquals: string[];
  MaxAttempts?: number;
}

/** How many times the saga runs `state` when it keeps failing with `error`: 1 + the matching retrier's MaxAttempts. */
export function sagaInvocations(state: string, error: string, asl: { States: Record<string, { Retry?: Retrier[] }> } = readAsl('checkout')): number {
  const retriers = asl.States[state]?.Retry ?? [];
  const retrier = retriers.find((r) => r.ErrorEquals.includes(error) || r.ErrorEquals.includes('States.ALL'));
  // ASL: MaxAttempts defaults to 3 when a retrier leaves it out.
  return 1 + (retrier ? (retrier.MaxAttempts ?? 3) : 0);
}

function readAsl(machine: StateMachineDefinition['id']): { States: Record<string, { Retry?: Retrier[] }> } {
  const definition = stateMachines.find((m) => m.id === machine)!.definition;
  return JSON.parse(readFileSync(fileURLToPath(new URL(`../../${definition}`, import.meta.url)), 'utf8')) as { States: Record<string, { Retry?: Retrier[] }> };
}

/** What `times` counts, for the fault list; `explainTimes` says it for one point with its numbers. */
export const TIMES_MEANING =
  'One time is one HTTP request that reaches a simulator at the point, retries included (the Stripe SDK\'s own and each saga step\'s Retry). Times not used up stay armed for the next request, the next booking\'s included.';

export interface TimesExplained {
  /** What one time is at this point, in one sentence or three. */
  meaning: string;
  /** For points a saga step calls: how many requests one booking sends there when every one fails. */
  perBooking?: { sagaStep: string; requestsIfEveryAttemptFails: number };
}

/**
 * Explains `times` for a point. `requestsPerCall` is how many requests one call of the adapter
 * may send (the Stripe SDK retries a failed request by itself; the PMS adapters do not).
 */
export function explainTimes(point: FaultPoint, requestsPerCall: number): TimesExplained {
  const server = isPmsFaultPoint(point) ? 'the PMS simulator' : point === 'mail.send' ? 'the SES emulator (guest mail; the AWS SDK tries each mail 3 times, and the queue redelivers a failed one up to 5 times)' : 'the payment simulator';
  const base =
    `One time is one HTTP request that reaches ${server} at ${point}, retries included: each retry is a request of its own and uses one time up.` +
    (requestsPerCall > 1 ? ` The Stripe SDK retries a failed request ${requestsPerCall - 1} time(s) by itself.` : '');
  const leftover = 'Times not used up stay armed and hit whatever request comes next, the next booking\'s included: DELETE /_local/faults clears them.';
  const step = SAGA_STEPS[point];
  if (!step) return { meaning: `${base} ${leftover}` };
  const requests = requestsPerCall * sagaInvocations(step.state, step.error, readAsl(step.machine));
  return {
    meaning:
      `${base} The saga runs ${step.state} up to ${requests / requestsPerCall} times when it fails, so one booking sends up to ${requests} request(s) here:` +
      ` times: 1 fails only the first attempt (a retry then succeeds); times: ${requests} makes the step fail for one booking. ${leftover}`,
    perBooking: { sagaStep: step.state, requestsIfEveryAttemptFails: requests },
  };
}
