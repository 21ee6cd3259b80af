import { BookingNotInAttentionError } from '#domain/attention-errors.ts';
import type { Booking, BookingStep, StepName } from '#domain/booking.ts';
import { NotFoundError } from '#domain/errors.ts';
import { isLiveReservation, type PmsReservation } from '#domain/pms.ts';
import type { BookingPayment } from '#domain/payment.ts';
import type { BookingRepository } from '#ports/booking.repository.ts';
import type { DeadLetterStore } from '#ports/dead-letter.port.ts';
import type { Hold, HoldRepository } from '#ports/hold.repository.ts';
import type { PaymentGateway } from '#ports/payment-gateway.port.ts';
import type { PmsClients } from '#ports/pms-clients.port.ts';
import { cancelPmsReservation, releaseHold, sagaBookingOf, voidPayment, type SagaState } from '../checkout/saga-steps.use-cases.ts';

/**
 * The "Needs attention" actions (issue 10, page 3): a booking whose compensation failed after its
 * retries is NEEDS_ATTENTION (with a dead letter). An admin sees what failed and what is still
 * held, then either re-runs the compensations that did not succeed or, having settled it by hand,
 * marks it resolved with a note. Both close the booking as FAILED (the guest was never booked)
 * with its `resolution`, once; both are idempotent: once resolved, either answers the resolution
 * again and does nothing. Never undoing twice rests on the compensations themselves: each decides
 * from the gateway and the PMS (void only what is still authorized, refund only what was captured
 * and not refunded, cancel only live reservations, release a hold once) and sends the same
 * idempotency key each time, so even two admins retrying at once move no money twice.
 */
export interface AttentionDeps {
  bookings: BookingRepository;
  holds: HoldRepository;
  payments: PaymentGateway;
  pms: Pick<PmsClients, 'forHotel'>;
  /** The booking's recorded dead letters, marked resolved with it. */
  deadLetters: Pick<DeadLetterStore, 'resolveForBooking'>;
  clock: () => Date;
}

/**
 * Marks the booking's open dead letters resolved with its resolution. Right after the booking's
 * own write, not in it: the booking's resolution is the truth, and every later call on a resolved
 * booking (ALREADY_RESOLVED) marks again, so a crash between the two writes leaves a letter open
 * only until the admin's retry of the same idempotent POST. Never the other way round: a letter is
 * never resolved while its booking is not.
 */
async function resolveLetters(deps: Pick<AttentionDeps, 'deadLetters'>, booking: Booking): Promise<void> {
  if (!booking.resolution) return;
  const { via, by, at } = booking.resolution;
  await deps.deadLetters.resolveForBooking(booking.bookingId, { via, by, at });
}

/** The compensations, in the order the state machine runs them. */
const COMPENSATIONS = ['cancelPms', 'voidPayment', 'releaseHold'] as const satisfies readonly StepName[];
type Compensation = (typeof COMPENSATIONS)[number];

/** A compensation's latest journal entry is not a success: it failed, or it never ran (the saga escalated before it). */
export function unsettledCompensations(booking: Booking): Compensation[] {
  return COMPENSATIONS.filter((name) => {
    const latest = latestStep(booking, name);
    return latest?.status !== 'SUCCEEDED' && latest?.status !== 'SKIPPED';
  });
}

function latestStep(booking: Booking, name: StepName): BookingStep | undefined {
  return booking.steps.filter((s) => s.name === name).sort((a, b) => a.at.localeCompare(b.at)).at(-1);
}

async function bookingOf(deps: Pick<AttentionDeps, 'bookings'>, bookingId: string): Promise<Booking> {
  const booking = await deps.bookings.get(bookingId);
  if (!booking) throw new NotFoundError('Booking', bookingId);
  return booking;
}

function notInAttention(booking: Booking): BookingNotInAttentionError {
  return new BookingNotInAttentionError(`Booking ${booking.bookingId} is ${booking.status}, not NEEDS_ATTENTION: there is nothing to retry or resolve.`, {
    details: { bookingId: booking.bookingId, status: booking.status },
  });
}

/** What one source of truth says, or that it could not be asked right now. */
export type SourceReading<T> = { reachable: true; items: T[] } | { reachable: false; error: string };

export interface AttentionView {
  booking: Booking;
  /** Compensations whose latest attempt failed or that never ran: what a retry re-runs. */
  unsettled: Compensation[];
  /** Failed journal entries (steps and compensations), oldest first, with their errors. */
  failures: BookingStep[];
  held: {
    /** Checkout payments the gateway still holds: open authorizations, and captures not fully refunded. */
    payments: SourceReading<BookingPayment>;
    /** Live reservations in the hotel's PMS carrying the booking id (none for a hotel without a PMS). */
    pmsReservations: SourceReading<PmsReservation>;
    /** The booking's hold while it keeps rooms out of sale (HELD or CONVERTED). */
    rooms: Hold | undefined;
  };
}

/** What a NEEDS_ATTENTION (or resolved) booking still holds, asked of the gateway, the PMS and the hold itself. */
export async function getAttention(deps: AttentionDeps, bookingId: string): Promise<AttentionView> {
  const booking = await bookingOf(deps, bookingId);
  const [payments, pmsReservations, hold] = await Promise.all([heldPayments(deps, booking), livePmsReservations(deps, booking), deps.holds.get(bookingId)]);
  return {
    booking,
    unsettled: booking.status === 'NEEDS_ATTENTION' ? unsettledCompensations(booking) : [],
    failures: booking.steps.filter((s) => s.status === 'FAILED'),
    held: { payments, pmsReservations, rooms: hold && (hold.status === 'HELD' || hold.status === 'CONVERTED') ? hold : undefined },
  };
}

async function heldPayments(deps: AttentionDeps, booking: Booking): Promise<SourceReading<BookingPayment>> {
  try {
    const all = await deps.payments.findForBooking(booking.bookingId, { createdSince: new Date(booking.createdAt) });
    const held = all.filter(
      (p) => (p.purpose ?? 'checkout') === 'checkout' && (p.status === 'AUTHORIZED' || p.status === 'PENDING' || (p.status === 'CAPTURED' && p.amountCapturedMinor > p.amountRefundedMinor)),
    );
    return { reachable: true, items: held };
  } catch (error) {
    return { reachable: false, error: describe(error) };
  }
}

async function livePmsReservations(deps: AttentionDeps, booking: Booking): Promise<SourceReading<PmsReservation>> {
  if (!booking.pms.vendor) return { reachable: true, items: [] };
  try {
    const pms = await deps.pms.forHotel(booking.hotelId, { purpose: 'undo' });
    if (!pms) return { reachable: false, error: "The hotel's PMS connection is gone." };
    const found = await pms.client.findReservationsByExternalId(booking.bookingId);
    return { reachable: true, items: found.filter((r) => isLiveReservation(r.status)) };
  } catch (error) {
    return { reachable: false, error: describe(error) };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export interface AdminActor {
  /** The admin's token subject. */
  by: string;
}

export type RetryOutcome = 'RESOLVED' | 'STILL_FAILING' | 'ALREADY_RESOLVED';

export interface RetryResult {
  outcome: RetryOutcome;
  booking: Booking;
  /** The compensations this call ran, each with how it ended. Empty when nothing ran. */
  ran: { name: Compensation; status: 'SUCCEEDED' | 'FAILED'; error?: string }[];
}

/**
 * `POST /api/admin/bookings/{id}/retry-compensation`: re-runs, in the state machine's order, only
 * the compensations whose latest attempt did not succeed, each deciding from the gateway and the
 * PMS. All succeeded: the booking becomes FAILED with its resolution. One still fails: the booking
 * stays NEEDS_ATTENTION, and the attempt (who, when, what failed) is in its journal.
 */
export async function retryCompensation(deps: AttentionDeps, input: AdminActor & { bookingId: string }): Promise<RetryResult> {
  const booking = await bookingOf(deps, input.bookingId);
  if (booking.resolution) {
    await resolveLetters(deps, booking);
    return { outcome: 'ALREADY_RESOLVED', booking, ran: [] };
  }
  if (booking.status !== 'NEEDS_ATTENTION') throw notInAttention(booking);

  const state: SagaState = { bookingId: booking.bookingId, booking: sagaBookingOf(booking) };
  const steps: Record<Compensation, (d: AttentionDeps, s: SagaState) => Promise<void>> = {
    cancelPms: cancelPmsReservation,
    voidPayment,
    releaseHold,
  };
  const ran: RetryResult['ran'] = [];
  for (const name of unsettledCompensations(booking)) {
    try {
      await steps[name](deps, state);
      ran.push({ name, status: 'SUCCEEDED' });
    } catch (error) {
      // The step recorded its own failure; the others still run, as in the state machine.
      ran.push({ name, status: 'FAILED', error: describe(error) });
    }
  }

  const at = deps.clock().toISOString();
  const failed = ran.filter((r) => r.status === 'FAILED');
  if (failed.length > 0) {
    const error = `Still failing: ${failed.map((f) => `${f.name} (${f.error ?? 'unknown'})`).join('; ')}`;
    const recorded = await deps.bookings.recordStep(booking.bookingId, { name: 'retryCompensation', status: 'FAILED', at, by: input.by, error }, {}, deps.clock());
    return { outcome: 'STILL_FAILING', booking: recorded, ran };
  }
  const note = ran.length > 0 ? `Re-ran ${ran.map((r) => r.name).join(', ')}: all succeeded.` : 'Every compensation had already succeeded.';
  const closed = await deps.bookings.transition(
    booking.bookingId,
    {
      from: ['NEEDS_ATTENTION'],
      to: 'FAILED',
      patch: { resolution: { via: 'retry-compensation', by: input.by, at, note } },
      step: { name: 'retryCompensation', status: 'SUCCEEDED', at, by: input.by, note },
    },
    deps.clock(),
  );
  if (closed) {
    await resolveLetters(deps, closed);
    return { outcome: 'RESOLVED', booking: closed, ran };
  }
  // Another admin closed it meanwhile: answer what they did.
  return settledMeanwhile(deps, booking.bookingId, ran);
}

async function settledMeanwhile(deps: AttentionDeps, bookingId: string, ran: RetryResult['ran']): Promise<RetryResult> {
  const now = await bookingOf(deps, bookingId);
  if (now.resolution) {
    await resolveLetters(deps, now);
    return { outcome: 'ALREADY_RESOLVED', booking: now, ran };
  }
  throw notInAttention(now);
}

export interface ResolveResult {
  outcome: 'RESOLVED' | 'ALREADY_RESOLVED';
  booking: Booking;
}

/**
 * `POST /api/admin/bookings/{id}/resolve`: an admin settled the booking by hand (voided or refunded
 * in the gateway's dashboard, cancelled in the PMS) and says so in a required note. Nothing is
 * undone here. The first resolution stands: a repeat answers it, whatever its note.
 */
export async function resolveBooking(deps: Pick<AttentionDeps, 'bookings' | 'deadLetters' | 'clock'>, input: AdminActor & { bookingId: string; note: string }): Promise<ResolveResult> {
  const booking = await bookingOf(deps, input.bookingId);
  if (booking.resolution) {
    await resolveLetters(deps, booking);
    return { outcome: 'ALREADY_RESOLVED', booking };
  }
  if (booking.status !== 'NEEDS_ATTENTION') throw notInAttention(booking);
  const at = deps.clock().toISOString();
  const closed = await deps.bookings.transition(
    booking.bookingId,
    {
      from: ['NEEDS_ATTENTION'],
      to: 'FAILED',
      patch: { resolution: { via: 'resolve', by: input.by, at, note: input.note } },
      step: { name: 'resolve', status: 'SUCCEEDED', at, by: input.by, note: input.note },
    },
    deps.clock(),
  );
  if (closed) {
    await resolveLetters(deps, closed);
    return { outcome: 'RESOLVED', booking: closed };
  }
  const now = await bookingOf(deps, booking.bookingId);
  if (now.resolution) {
    await resolveLetters(deps, now);
    return { outcome: 'ALREADY_RESOLVED', booking: now };
  }
  throw notInAttention(now);
}
