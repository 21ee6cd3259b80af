import type { Booking, BookingStep, FailureCode } from '#domain/booking.ts';
import { isLiveReservation } from '#domain/pms.ts';
import { PmsUnavailableError } from '#domain/pms-errors.ts';
import type { BookingRepository } from '#ports/booking.repository.ts';
import type { DeadLetterQueue } from '#ports/dead-letter.port.ts';
import type { EventPublisher } from '#ports/event-publisher.port.ts';
import type { HoldRepository } from '#ports/hold.repository.ts';
import type { PaymentGateway } from '#ports/payment-gateway.port.ts';
import type { PmsClients } from '#ports/pms-clients.port.ts';
import type { SagaExecutions, SagaStarter } from '#ports/saga-starter.port.ts';
import { publishConfirmed, releasePayments } from './saga-steps.use-cases.ts';
import { executionNameFor, sagaInputFor } from './start-checkout.use-case.ts';

/**
 * The recovery job (issue 12: no saga dies silently). Every minute it looks at the bookings still
 * PENDING after `graceSeconds` (a sparse index holds only those, so the read costs the bookings in
 * flight) and drives each to a terminal state, deciding from the state machine, the payment
 * gateway and the PMS, never from the booking record alone:
 *
 * - its execution is running and within the saga's budget: left alone (the state machine settles
 *   it, or its `TimeoutSeconds` ends it and the next run here does);
 * - its execution was never started (the checkout stored the booking, then lost Step Functions)
 *   and the booking is younger than the budget: the saga is started now (resumed from the start;
 *   every step is idempotent);
 * - otherwise (the execution ended, timed out, was aborted because its runner died, or runs past
 *   its budget and is stopped): settled from the sources of truth. When everything a booking needs
 *   is there (the rooms converted, the PMS holding a live reservation with our id, the money held
 *   or captured) and no compensation began, the booking is finished: captured and CONFIRMED, as the
 *   state machine would have. Else it is compensated: every live PMS reservation with our id
 *   cancelled, every open authorization voided and every capture refunded (as the gateway lists
 *   them), the hold released (HELD or CONVERTED), and the booking FAILED;
 * - a compensation that fails is tried again on the next run; once the booking is older than
 *   `escalateAfterSeconds`, it goes to NEEDS_ATTENTION with a dead letter instead.
 *
 * The booking is marked compensating before anything is undone, so a saga step that is still
 * running somewhere cannot record a late result over it (it undoes its own effect instead).
 */
export interface RecoveryDeps {
  bookings: BookingRepository;
  holds: HoldRepository;
  payments: PaymentGateway;
  pms: Pick<PmsClients, 'forHotel'>;
  saga: SagaStarter;
  executions: SagaExecutions;
  events: EventPublisher;
  deadLetters: DeadLetterQueue;
  clock: () => Date;
  /** The state machine's whole budget (`CHECKOUT_SAGA_BUDGET_SECONDS`). */
  budgetSeconds: number;
  /** How old a PENDING booking must be before it is looked at: the checkout may still be starting its saga. */
  graceSeconds: number;
  /** After this age, a booking that still cannot be settled goes to NEEDS_ATTENTION. */
  escalateAfterSeconds: number;
}

export type RecoveryOutcome = 'running' | 'restarted' | 'confirmed' | 'compensated' | 'retry-later' | 'escalated' | 'settled-meanwhile';

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

/** Drives one PENDING booking towards a terminal state; what happened to it. */
export async function recoverBooking(deps: RecoveryDeps, booking: Booking): Promise<RecoveryOutcome> {
  const ageSeconds = (deps.clock().getTime() - Date.parse(booking.createdAt)) / 1000;
  const name = executionNameFor(booking.idempotencyKey);
  const { status } = await deps.executions.describe(name);
  if (status === 'RUNNING') {
    if (ageSeconds < deps.budgetSeconds + deps.graceSeconds) return 'running';
    // Past the budget the state machine itself enforces: only a runner that lost its clock gets here.
    await deps.executions.stop(name, `Recovery: booking ${booking.bookingId} ran past the saga budget of ${deps.budgetSeconds} s`);
  }
  if (status === 'NOT_FOUND' && ageSeconds < deps.budgetSeconds && !booking.compensation) {
    // 'exists': the checkout's own retry started it a moment ago; it runs now.
    return (await deps.saga.start(name, sagaInputFor(booking))) === 'started' ? 'restarted' : 'running';
  }
  const current = await deps.bookings.get(booking.bookingId);
  if (!current || current.status !== 'PENDING') return 'settled-meanwhile';
  try {
    if (!current.compensation && (await finishIfComplete(deps, current))) return 'confirmed';
    await compensate(deps, current);
    return 'compensated';
  } catch (error) {
    if (ageSeconds < deps.escalateAfterSeconds) {
      await deps.bookings.recordStep(current.bookingId, step(deps, error), {}, deps.clock()).catch(() => undefined);
      return 'retry-later';
    }
    await escalate(deps, current, error);
    return 'escalated';
  }
}

function step(deps: Pick<RecoveryDeps, 'clock'>, error?: unknown): BookingStep {
  return {
    name: 'recovery',
    status: error ? 'FAILED' : 'SUCCEEDED',
    at: deps.clock().toISOString(),
    ...(error ? { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) } : {}),
  };
}

/**
 * Rolls a booking forward when the only thing missing is what the state machine does last:
 * the rooms converted, the PMS (if any) holding a live reservation with our id, and the gateway
 * holding the booking's money (captured now if only authorized). Returns false, having changed
 * nothing, when any part is missing.
 */
async function finishIfComplete(deps: RecoveryDeps, booking: Booking): Promise<boolean> {
  const hold = await deps.holds.get(booking.bookingId);
  if (hold?.status !== 'CONVERTED') return false;
  let pmsPatch: Booking['pms'] | undefined;
  let confirmationNumber: string | undefined;
  if (booking.pms.vendor) {
    const pms = await deps.pms.forHotel(booking.hotelId, { purpose: 'undo' });
    if (!pms) return false;
    const live = (await pms.client.findReservationsByExternalId(booking.bookingId)).filter((r) => isLiveReservation(r.status));
    if (live.length !== 1) return false;
    const [reservation] = live as [(typeof live)[number]];
    pmsPatch = { ...booking.pms, status: 'CONFIRMED', reservationId: reservation.reservationId, confirmationNumber: reservation.confirmationNumber };
    confirmationNumber = reservation.confirmationNumber;
  } else {
    confirmationNumber = booking.confirmationNumber;
  }
  if (!confirmationNumber) return false;
  const payments = (await deps.payments.findForBooking(booking.bookingId, { createdSince: new Date(booking.createdAt) })).filter(
    (p) => (p.purpose ?? 'checkout') === 'checkout' && (p.status === 'AUTHORIZED' || p.status === 'CAPTURED'),
  );
  const [payment] = payments;
  if (payments.length !== 1 || !payment || payment.amountRefundedMinor > 0 || payment.amountMinor !== booking.totalMinor) return false;
  if (payment.status === 'AUTHORIZED') await deps.payments.capture({ bookingId: booking.bookingId, paymentId: payment.paymentId });
  const confirmed = await deps.bookings.advance(
    booking.bookingId,
    step(deps),
    {
      status: 'CONFIRMED',
      confirmationNumber,
      payment: { status: 'CAPTURED', paymentId: payment.paymentId },
      ...(pmsPatch ? { pms: pmsPatch } : {}),
    },
    deps.clock(),
  );
  if (!confirmed) return false;
  await deps.holds.markInPms(booking.bookingId, deps.clock()).catch(() => undefined);
  await publishConfirmed(deps, confirmed);
  return true;
}

/** Undoes everything the booking may have made, found at the gateway and the PMS, then FAILED. */
async function compensate(deps: RecoveryDeps, booking: Booking): Promise<void> {
  const marked = await deps.bookings.beginCompensation(booking.bookingId, 'recovery: the saga ended without settling the booking', deps.clock());
  if (!marked) return;
  let pmsStatus: Booking['pms']['status'] | undefined;
  if (booking.pms.vendor) {
    const pms = await deps.pms.forHotel(booking.hotelId, { purpose: 'undo' });
    if (!pms) throw new PmsUnavailableError("The hotel's PMS connection is gone: what the booking made there cannot be cancelled.", { vendor: booking.pms.vendor });
    // Out of our count before the PMS is asked (the availability model's order).
    await deps.holds.unmarkInPms(booking.bookingId, 'recovery: cancelling in the PMS', deps.clock());
    const live = (await pms.client.findReservationsByExternalId(booking.bookingId)).filter((r) => isLiveReservation(r.status));
    for (const reservation of live) await pms.client.cancelReservation(reservation.reservationId);
    if (booking.pms.holdId && booking.pms.status === 'HELD') await pms.client.release?.(booking.pms.holdId);
    pmsStatus = live.length > 0 || booking.pms.status === 'CONFIRMED' ? 'CANCELLED' : booking.pms.status === 'HELD' ? 'NONE' : undefined;
  }
  const payment = await releasePayments(deps, marked);
  await deps.holds.release(booking.bookingId, 'recovery: the saga ended without settling the booking', deps.clock());
  await deps.bookings.transition(
    booking.bookingId,
    {
      from: ['PENDING'],
      to: 'FAILED',
      patch: { failureCode: failureCodeOf(deps, booking), ...(payment ? { payment } : {}), ...(pmsStatus ? { pms: { status: pmsStatus } } : {}) },
      step: step(deps),
    },
    deps.clock(),
  );
}

/**
 * What the guest is told: the hold ran out (it always has, for a saga that outlived its budget),
 * unless the booking never got as far as a hold.
 */
function failureCodeOf(deps: Pick<RecoveryDeps, 'clock'>, booking: Booking): FailureCode {
  return booking.holdExpiresAt && booking.holdExpiresAt <= deps.clock().toISOString() ? 'HOLD_EXPIRED' : 'INTERNAL_ERROR';
}

async function escalate(deps: RecoveryDeps, booking: Booking, error: unknown): Promise<void> {
  const failed = step(deps, error);
  await deps.deadLetters.send({
    bookingId: booking.bookingId,
    reason: `Recovery could not settle the booking: ${failed.error ?? 'unknown error'}`,
    state: { bookingId: booking.bookingId, source: 'recovery', payment: booking.payment, pms: { status: booking.pms.status, vendor: booking.pms.vendor } },
    at: failed.at,
  });
  await deps.bookings.transition(booking.bookingId, { from: ['PENDING'], to: 'NEEDS_ATTENTION', patch: { failureCode: failureCodeOf(deps, booking) }, step: failed }, deps.clock());
}
