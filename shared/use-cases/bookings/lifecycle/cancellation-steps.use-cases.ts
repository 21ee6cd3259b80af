import { capturesOf, withRefunds, type Booking } from '#domain/booking.ts';
import { isLiveReservation } from '#domain/pms.ts';
import type { EventPublisher } from '#ports/event-publisher.port.ts';
import type { HoldRepository } from '#ports/hold.repository.ts';
import type { PaymentGateway } from '#ports/payment-gateway.port.ts';
import type { PmsClients } from '#ports/pms-clients.port.ts';
import { bookingEvent, stayFields } from './booking-events.ts';
import { stepAt, transitionBooking } from './booking-transitions.ts';
import type { CancellationState } from './change-plans.ts';
import { finished, hasEnded, loadBooking, pmsOfBooking, type ChangeJournal } from './change-steps.ts';
import { makeRefunds } from './refunds.ts';

/**
 * The cancellation saga's steps (`statemachines/cancellation-saga.asl.json`), one Lambda each. Step
 * Functions may run any of them twice: each reads where the booking stands and does only what is
 * left, the PMS cancel is idempotent, the nights are released once (the hold's release is the
 * arbiter), refunds carry a deterministic idempotency key per booking, purpose and payment, and
 * the change's record is written once, with the lock that ends it.
 */
export type CancelInPmsDeps = ChangeJournal & { holds: Pick<HoldRepository, 'unmarkInPms' | 'markInPms'>; pms: Pick<PmsClients, 'forHotel'> };
export type ReleaseStayDeps = ChangeJournal & { holds: Pick<HoldRepository, 'release'>; events: EventPublisher };
export type SettleCancellationDeps = ChangeJournal & { payments: Pick<PaymentGateway, 'refund'>; events: EventPublisher };

/**
 * Cancels every live PMS reservation carrying our booking id. The rooms are counted out of the
 * PMS's count of ours first (availability model: `inPms` goes down before we ask the PMS), so a
 * report read meanwhile overstates other channels' sales, never understates them.
 */
export async function cancelInPms(deps: CancelInPmsDeps, state: CancellationState): Promise<void> {
  if (!state.plan.cancelInPms) return;
  const booking = await loadBooking(deps, state.bookingId);
  if (hasEnded(booking, state.changeId)) return;
  const pms = await pmsOfBooking(deps, booking);
  if (!pms) return;
  await deps.holds.unmarkInPms(booking.bookingId, 'cancellation: cancelling in the PMS', deps.clock());
  const reservations = await pms.client.findReservationsByExternalId(booking.bookingId);
  for (const reservation of reservations.filter((r) => isLiveReservation(r.status))) {
    await pms.client.cancelReservation(reservation.reservationId);
  }
  await deps.bookings.transition(
    booking.bookingId,
    { from: [booking.status], to: booking.status, lock: { holder: state.changeId }, patch: { pms: { status: 'CANCELLED' } }, step: stepAt(deps, 'cancelInPms') },
    deps.clock(),
  );
}

/**
 * After the PMS cancel failed for good: did it happen anyway (a timeout whose cancel went
 * through)? Decided from the PMS itself. Cancelled: the saga goes on and cancels here too. Still
 * live: its rooms are counted back into the PMS's count and the cancellation is abandoned.
 */
export async function verifyPmsCancellation(deps: CancelInPmsDeps, state: CancellationState): Promise<{ cancelled: boolean }> {
  const booking = await loadBooking(deps, state.bookingId);
  const pms = await pmsOfBooking(deps, booking);
  if (!pms) return { cancelled: true };
  const reservations = await pms.client.findReservationsByExternalId(booking.bookingId);
  const live = reservations.filter((r) => isLiveReservation(r.status));
  if (live.length === 0) return { cancelled: true };
  await deps.holds.markInPms(booking.bookingId, deps.clock());
  return { cancelled: false };
}

/**
 * Gives the nights back (through the ledger, once) and moves the booking to CANCELLED or NO_SHOW
 * with what the guest gets back recorded as owed until it is refunded; tells the other hotel
 * systems. A booking the hotel cancelled in its PMS meanwhile is CANCELLED_BY_HOTEL already, its
 * nights released by that path: the saga goes on to the refund.
 */
export async function releaseStay(deps: ReleaseStayDeps, state: CancellationState): Promise<void> {
  const { plan } = state;
  if (!plan.toStatus) return;
  let booking = await loadBooking(deps, state.bookingId);
  if (hasEnded(booking, state.changeId) || booking.status === 'CANCELLED_BY_HOTEL' || booking.status === plan.toStatus) return;
  if (plan.releaseStay) await deps.holds.release(booking.bookingId, `${plan.kind} (${plan.by})`, deps.clock());
  const now = deps.clock();
  booking = await transitionBooking(deps, booking.bookingId, plan.toStatus, {
    action: plan.kind === 'no-show' ? 'noShow' : 'cancel',
    lock: { holder: state.changeId },
    patch: {
      cancellation: { by: plan.by, reason: plan.kind === 'no-show' ? 'no-show' : 'cancel', at: now.toISOString(), refundMinor: plan.refundMinor, feeMinor: plan.feeMinor },
      refundDueMinor: plan.refundMinor,
    },
    step: stepAt(deps, plan.kind === 'no-show' ? 'noShow' : 'releaseStay'),
  });
  await deps.events.publish([stayEvent(booking, state, now)]);
}

function stayEvent(booking: Booking, state: CancellationState, now: Date) {
  const { plan } = state;
  if (plan.kind === 'no-show') {
    return bookingEvent('booking.no_show', { ...stayFields(booking, now), source: plan.source ?? 'job', refundMinor: plan.refundMinor, feeMinor: plan.feeMinor, currency: plan.currency });
  }
  return bookingEvent('booking.cancelled', {
    ...stayFields(booking, now),
    changeId: state.changeId,
    by: plan.by,
    refundMinor: plan.refundMinor,
    feeMinor: plan.feeMinor,
    currency: plan.currency,
  });
}

/**
 * Refunds per the plan (each payment's part under its own idempotency key), then records the
 * refunds and ends the change in one write: CANCELLED or CANCELLED_BY_HOTEL becomes REFUNDED when
 * money went back (a no-show stays NO_SHOW). A refund the gateway has not settled yet throws
 * `RefundPendingError`, which the state machine waits out.
 */
export async function settleCancellation(deps: SettleCancellationDeps, state: CancellationState): Promise<void> {
  const { plan } = state;
  const booking = await loadBooking(deps, state.bookingId);
  if (hasEnded(booking, state.changeId)) return;
  await makeRefunds(deps, booking.bookingId, plan.refunds, plan.purpose);
  const now = deps.clock();
  const captures = withRefunds(capturesOf(booking), plan.refunds);
  const refundedMinor = (booking.payment.refundedMinor ?? 0) + plan.refundMinor;
  const refunded = plan.refundMinor > 0 && (booking.status === 'CANCELLED' || booking.status === 'CANCELLED_BY_HOTEL');
  const done = finished(booking, state.changeId, 'SUCCEEDED', now, { refundedMinor: plan.refundMinor, feeMinor: plan.feeMinor });
  const patch = { payment: { captures, refundedMinor }, refundDueMinor: 0 };
  const settled = refunded
    ? await transitionBooking(deps, booking.bookingId, 'REFUNDED', { action: 'refund', lock: { holder: state.changeId, finish: done }, patch, step: stepAt(deps, 'refund') })
    : await deps.bookings.transition(booking.bookingId, { from: [booking.status], to: booking.status, lock: { holder: state.changeId, finish: done }, patch, step: stepAt(deps, 'refund') }, now);
  if (settled && plan.refundMinor > 0) {
    await deps.events.publish([
      bookingEvent('booking.refunded', {
        bookingId: booking.bookingId,
        hotelId: booking.hotelId,
        occurredAt: now.toISOString(),
        changeId: state.changeId,
        reason: plan.kind === 'no-show' ? 'no-show' : plan.kind === 'refund' ? 'hotel-pms' : 'cancel',
        refundedMinor: plan.refundMinor,
        totalRefundedMinor: refundedMinor,
        currency: plan.currency,
      }),
    ]);
  }
}
