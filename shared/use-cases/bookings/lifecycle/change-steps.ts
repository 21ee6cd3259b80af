import { createHash } from 'node:crypto';
import type { Booking, BookingChangeRecord, ChangeFailureCode, StepName } from '#domain/booking.ts';
import { ChangeInProgressError, IdempotencyKeyReusedError } from '#domain/booking-errors.ts';
import { canTransition } from '#domain/booking-status.ts';
import { NotFoundError } from '#domain/errors.ts';
import type { BookingPatch, BookingRepository } from '#ports/booking.repository.ts';
import type { DeadLetterQueue } from '#ports/dead-letter.port.ts';
import type { PmsClients } from '#ports/pms-clients.port.ts';
import { PmsUnavailableError } from '#domain/pms-errors.ts';
import { stepAt } from './booking-transitions.ts';
import { FAILED_STEP_FIELDS, failedSteps, type ChangeSagaState } from './change-plans.ts';

/** The booking journal every lifecycle step writes to. */
export interface ChangeJournal {
  bookings: Pick<BookingRepository, 'get' | 'transition'>;
  clock: () => Date;
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export async function loadBooking(deps: Pick<ChangeJournal, 'bookings'>, bookingId: string): Promise<Booking> {
  const booking = await deps.bookings.get(bookingId);
  if (!booking) throw new NotFoundError('Booking', bookingId);
  return booking;
}

/** Where an earlier request with the same key stands: running, finished, or never seen. */
export function changeOfKey(booking: Booking, keyHash: string): BookingChangeRecord | undefined {
  if (booking.change?.keyHash === keyHash) return booking.change;
  return [...(booking.changes ?? [])].reverse().find((c) => c.keyHash === keyHash);
}

/** A key seen before with another body is refused; with the same body it joins. */
export function joinOrRefuse(existing: BookingChangeRecord, requestHash: string): BookingChangeRecord {
  if (existing.requestHash !== requestHash) throw new IdempotencyKeyReusedError();
  return existing;
}

/**
 * Claims the booking's change lock for `record`, if the booking is still in the status it was read
 * in. When the write is refused, the booking is read again: the same key running or done joins
 * it; another change running is `409 CHANGE_IN_PROGRESS`; a status that moved on answers
 * `undefined`, for the caller to ask the status machine again.
 */
export async function claimChange(
  deps: ChangeJournal,
  booking: Booking,
  record: BookingChangeRecord,
  patch?: Omit<BookingPatch, 'status'>,
): Promise<{ booking: Booking; change: BookingChangeRecord; joined: boolean } | undefined> {
  const claimed = await deps.bookings.transition(
    booking.bookingId,
    { from: [booking.status], to: booking.status, lock: { claim: record }, ...(patch ? { patch } : {}) },
    deps.clock(),
  );
  if (claimed) return { booking: claimed, change: record, joined: false };
  const now = await loadBooking(deps, booking.bookingId);
  const same = changeOfKey(now, record.keyHash);
  if (same) return { booking: now, change: joinOrRefuse(same, record.requestHash), joined: true };
  if (now.change && now.status === booking.status) {
    throw new ChangeInProgressError(`Another change of this booking (${now.change.changeId}) is running; try again once it has finished.`, {
      details: { bookingId: booking.bookingId, running: now.change.changeId },
    });
  }
  return undefined;
}

/** The record a change ends with. */
export function finished(booking: Booking, changeId: string, outcome: BookingChangeRecord['outcome'], now: Date, extra: Partial<BookingChangeRecord> = {}): BookingChangeRecord {
  const running = booking.change?.changeId === changeId ? booking.change : undefined;
  if (!running) throw new Error(`Change ${changeId} of booking ${booking.bookingId} is not running`);
  return { ...running, ...extra, outcome, finishedAt: now.toISOString() };
}

/** Whether the change already ended (a step running again after it wrote its last word). */
export function hasEnded(booking: Booking, changeId: string): boolean {
  return booking.change?.changeId !== changeId && (booking.changes ?? []).some((c) => c.changeId === changeId);
}

/**
 * Turns the error a step ended with (its `name`, as Step Functions reports it) into what the
 * guest is told. Timeouts and Lambda faults are blamed on the step's dependency.
 */
const BY_ERROR: Record<string, ChangeFailureCode> = {
  SoldOutError: 'SOLD_OUT',
  PaymentDeclinedError: 'PAYMENT_DECLINED',
  PmsRejectedError: 'PMS_REJECTED',
  PmsUnavailableError: 'PMS_UNAVAILABLE',
  PmsRateLimitedError: 'PMS_UNAVAILABLE',
  PmsAuthError: 'PMS_UNAVAILABLE',
  PmsNotFoundError: 'PMS_REJECTED',
  PaymentUnavailableError: 'PAYMENT_UNAVAILABLE',
  PaymentStateError: 'PAYMENT_UNAVAILABLE',
};

const BY_STEP: Partial<Record<StepName, ChangeFailureCode>> = {
  cancelInPms: 'PMS_UNAVAILABLE',
  modifyInPms: 'PMS_UNAVAILABLE',
  authorizeDifference: 'PAYMENT_UNAVAILABLE',
  captureDifference: 'PAYMENT_UNAVAILABLE',
};

export function changeFailureCodeFor(errorName: string | undefined, failedStep: StepName | undefined): ChangeFailureCode {
  if (errorName && BY_ERROR[errorName]) return BY_ERROR[errorName];
  if (failedStep && BY_STEP[failedStep]) return BY_STEP[failedStep];
  return 'INTERNAL_ERROR';
}

/**
 * The change could not be made and everything it did was undone: the booking keeps its status and
 * stay, and the change ends FAILED with the reason the guest is told.
 */
export async function abandonChange(deps: ChangeJournal, state: ChangeSagaState): Promise<void> {
  const booking = await loadBooking(deps, state.bookingId);
  if (hasEnded(booking, state.changeId)) return;
  const now = deps.clock();
  const failureCode = changeFailureCodeFor(state.error?.Error, state.failedStep);
  await deps.bookings.transition(
    state.bookingId,
    {
      from: [booking.status],
      to: booking.status,
      lock: { holder: state.changeId, finish: finished(booking, state.changeId, 'FAILED', now, { failureCode }) },
      ...(state.failedStep ? { step: stepAt(deps, state.failedStep, state.error?.Cause ?? state.error?.Error ?? 'failed') } : {}),
    },
    now,
  );
}

/**
 * Something that cannot be undone failed (a refund after the stay was cancelled, a compensation
 * that still failed): the saga's state goes to the dead-letter queue, the booking to
 * NEEDS_ATTENTION where the status machine allows it, and the change ends NEEDS_ATTENTION. An
 * admin takes it from there; nothing is dropped silently.
 */
export async function escalateChange(deps: ChangeJournal & { deadLetters: DeadLetterQueue }, state: ChangeSagaState): Promise<void> {
  const now = deps.clock();
  const steps = failedSteps(state);
  await deps.deadLetters.send({
    bookingId: state.bookingId,
    reason: `Change ${state.changeId} could not finish: ${steps.length > 0 ? steps.join(', ') : 'unknown step'} failed`,
    state: state as unknown as Record<string, unknown>,
    at: now.toISOString(),
  });
  const booking = await loadBooking(deps, state.bookingId);
  // The error that sent the saga here: the forward step's, else the first compensation's or final step's.
  const cause = state.error ?? FAILED_STEP_FIELDS.map((field) => state[field]).find((e) => e !== undefined);
  const failureCode = changeFailureCodeFor(cause?.Error, state.failedStep);
  const to = canTransition(booking.status, 'NEEDS_ATTENTION') ? 'NEEDS_ATTENTION' : booking.status;
  const running = booking.change?.changeId === state.changeId;
  await deps.bookings.transition(
    state.bookingId,
    {
      from: [booking.status],
      to,
      ...(running ? { lock: { holder: state.changeId, finish: finished(booking, state.changeId, 'NEEDS_ATTENTION', now, { failureCode }) } } : {}),
    },
    now,
  );
}

/**
 * The hotel's PMS client for a booking made in one; `undefined` for a hotel we confirm ourselves.
 * A PMS config that is gone makes the step fail as the PMS being unavailable, never silently skip it.
 */
export async function pmsOfBooking(deps: { pms: Pick<PmsClients, 'forHotel'> }, booking: Pick<Booking, 'hotelId' | 'pms'>) {
  if (!booking.pms.vendor) return undefined;
  const pms = await deps.pms.forHotel(booking.hotelId);
  if (!pms) throw new PmsUnavailableError("The hotel's PMS connection is gone.", { vendor: booking.pms.vendor });
  return pms;
}
