import type { Booking } from '#domain/booking.ts';
import type { BookingRepository } from '#ports/booking.repository.ts';
import type { DeadLetterQueue } from '#ports/dead-letter.port.ts';
import type { SagaExecutions, SagaStarter } from '#ports/saga-starter.port.ts';
import type { SagaRecovery, SagaState } from './saga-steps.use-cases.ts';
import { executionNameFor, recoveryExecutionNameFor, sagaInputFor } from './saga-execution.ts';

/**
 * The recovery job (issue 12: no saga dies silently). Every minute it looks at the bookings still
 * PENDING after `graceSeconds` (a sparse index holds only those, so the read costs the bookings in
 * flight, not all bookings) and drives each to a terminal state:
 *
 * - its checkout execution runs within the saga's budget: left alone; the state machine settles
 *   it, or its `TimeoutSeconds` ends it and a later run here takes over. One running past the budget
 *   (a runner that lost its clock; Step Functions never does) is stopped first;
 * - its execution was never started (the checkout stored the booking, then lost Step Functions)
 *   and the booking is younger than the budget: its saga is started now, from the beginning;
 * - otherwise the state machine takes it up again in a recovery execution (`recover-<key>`) that
 *   resumes where the booking's journal says it can (the PMS confirmed and the money is held:
 *   capture; captured: finalize) or compensates from the sources of truth: every live PMS
 *   reservation with our id cancelled, every open authorization voided and every capture refunded
 *   as the gateway lists them, the hold released (HELD or CONVERTED), then FAILED, and the second
 *   sweep after the settle delay. The compensation marks the booking first, so a step of the dead
 *   execution that is still running cannot record a late result over it.
 * - a recovery execution that ended with the booking still PENDING (its own runner died) sends the
 *   booking to NEEDS_ATTENTION with a dead letter: a person looks.
 *
 * The job itself holds no payment or PMS client: the saga's own task functions do the work, with
 * their retries, timeouts and escalation.
 */
export interface RecoveryDeps {
  bookings: Pick<BookingRepository, 'listPending' | 'get' | 'transition'>;
  saga: SagaStarter;
  executions: SagaExecutions;
  deadLetters: DeadLetterQueue;
  clock: () => Date;
  /** The state machine's whole budget (`CHECKOUT_SAGA_BUDGET_SECONDS`). */
  budgetSeconds: number;
  /** How old a PENDING booking must be before it is looked at: its checkout may still be starting the saga. */
  graceSeconds: number;
}

export type RecoveryOutcome = 'running' | 'restarted' | 'resumed' | 'compensating' | 'recovering' | 'escalated' | 'settled-meanwhile';

export interface RecoveryReport {
  examined: number;
  outcomes: Partial<Record<RecoveryOutcome, string[]>>;
}

export async function recoverStaleBookings(deps: RecoveryDeps, options: { limit?: number } = {}): Promise<RecoveryReport> {
  const now = deps.clock();
  const stale = await deps.bookings.listPending(new Date(now.getTime() - deps.graceSeconds * 1000), options.limit ?? 100);
  const outcomes: RecoveryReport['outcomes'] = {};
  for (const booking of stale) {
    const outcome = await recoverBooking(deps, booking);
    (outcomes[outcome] ??= []).push(booking.bookingId);
  }
  return { examined: stale.length, outcomes };
}

/** Drives one PENDING booking towards a terminal state; what was done. */
export async function recoverBooking(deps: RecoveryDeps, booking: Booking): Promise<RecoveryOutcome> {
  const ageSeconds = (deps.clock().getTime() - Date.parse(booking.createdAt)) / 1000;
  const recoveryName = recoveryExecutionNameFor(booking.idempotencyKey);
  const recovery = await deps.executions.describe(recoveryName);
  if (recovery.status !== 'NOT_FOUND') {
    // A recovery execution has its own budget, counted from when it could have started.
    if (recovery.status === 'RUNNING' && ageSeconds < 2 * deps.budgetSeconds + 2 * deps.graceSeconds) return 'recovering';
    if (recovery.status === 'RUNNING') await deps.executions.stop(recoveryName, `Recovery of ${booking.bookingId} ran past its budget`);
    return escalate(deps, booking, `the recovery execution ended ${recovery.status} and the booking is still PENDING`);
  }

  const name = executionNameFor(booking.idempotencyKey);
  const { status } = await deps.executions.describe(name);
  if (status === 'RUNNING') {
    if (ageSeconds < deps.budgetSeconds + deps.graceSeconds) return 'running';
    await deps.executions.stop(name, `Recovery: booking ${booking.bookingId} ran past the saga budget of ${deps.budgetSeconds} s`);
  }
  if (status === 'NOT_FOUND' && ageSeconds < deps.budgetSeconds && !booking.compensation) {
    // 'exists': the checkout's own retry started it a moment ago; it runs now.
    return (await deps.saga.start(name, sagaInputFor(booking))) === 'started' ? 'restarted' : 'running';
  }

  const current = await deps.bookings.get(booking.bookingId);
  if (!current || current.status !== 'PENDING') return 'settled-meanwhile';
  const recover = recoveryOf(current);
  await deps.saga.start(recoveryName, recoveryInputFor(current, recover, deps.clock()) as unknown as Record<string, unknown>);
  return recover.from === 'compensate' ? 'compensating' : 'resumed';
}

/**
 * Where the state machine can take the booking up again, from its journal: the booking records a
 * step's result only after the gateway or the PMS answered, so a recorded capture happened and a
 * recorded confirmation is in the PMS. Never forward once a compensation began.
 */
export function recoveryOf(booking: Booking): SagaRecovery {
  const reason = 'recovery: the saga ended without settling the booking';
  if (booking.compensation) return { from: 'compensate', reason };
  const confirmed = booking.pms.vendor ? booking.pms.status === 'CONFIRMED' : booking.confirmationNumber !== undefined;
  if (confirmed && booking.payment.status === 'CAPTURED') return { from: 'finalize', reason };
  if (confirmed && booking.payment.status === 'AUTHORIZED' && booking.payment.paymentId) return { from: 'capture', reason };
  return { from: 'compensate', reason };
}

/**
 * The recovery execution's input: the saga's view of the booking, the payment to capture, and for a
 * compensation the error the booking fails with: the hold ran out (it has, for a saga that outlived
 * its budget), unless the booking never held anything.
 */
function recoveryInputFor(booking: Booking, recover: SagaRecovery, now: Date): SagaState {
  const holdExpired = booking.holdExpiresAt !== undefined && booking.holdExpiresAt <= now.toISOString();
  return {
    ...(sagaInputFor(booking) as unknown as SagaState),
    recover,
    ...(booking.payment.paymentId ? { payment: { paymentId: booking.payment.paymentId } } : {}),
    ...(recover.from === 'compensate'
      ? {
          failedStep: 'recovery' as const,
          error: holdExpired ? { Error: 'HoldExpiredError', Cause: 'The saga ended after the hold ran out.' } : { Error: 'SagaAbandoned', Cause: recover.reason },
        }
      : {}),
  };
}

async function escalate(deps: RecoveryDeps, booking: Booking, why: string): Promise<RecoveryOutcome> {
  const at = deps.clock().toISOString();
  await deps.deadLetters.send({
    bookingId: booking.bookingId,
    reason: `Recovery could not settle the booking: ${why}`,
    state: { bookingId: booking.bookingId, source: 'recovery', payment: booking.payment, pms: { status: booking.pms.status, vendor: booking.pms.vendor } },
    at,
  });
  await deps.bookings.transition(
    booking.bookingId,
    { from: ['PENDING'], to: 'NEEDS_ATTENTION', patch: { failureCode: 'INTERNAL_ERROR' }, step: { name: 'recovery', status: 'FAILED', at, error: why } },
    deps.clock(),
  );
  return 'escalated';
}
