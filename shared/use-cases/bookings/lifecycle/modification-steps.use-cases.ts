import { capturesOf, withRefunds, type Booking, type BookingStay } from '#domain/booking.ts';
import { SoldOutError } from '#domain/booking-errors.ts';
import { PmsNotFoundError, PmsRejectedError } from '#domain/pms-errors.ts';
import type { PmsReservation } from '#domain/pms.ts';
import type { EventPublisher } from '#ports/event-publisher.port.ts';
import type { HoldRepository } from '#ports/hold.repository.ts';
import type { HotelCatalogReader } from '#ports/hotel-catalog.repository.ts';
import type { InventoryReader, PmsInventorySync } from '#ports/inventory.repository.ts';
import type { PaymentGateway } from '#ports/payment-gateway.port.ts';
import type { PmsClients } from '#ports/pms-clients.port.ts';
import { rereadStayFromPms } from '../../checkout/stay-availability.ts';
import { bookingEvent, stayFields } from './booking-events.ts';
import { stepAt } from './booking-transitions.ts';
import type { ModificationPlan, ModificationState } from './change-plans.ts';
import { finished, hasEnded, loadBooking, pmsOfBooking, type ChangeJournal } from './change-steps.ts';
import { makeRefunds } from './refunds.ts';

/**
 * The modification saga's steps (`statemachines/modification-saga.asl.json`), one Lambda each,
 * each safe to run twice. Forward: hold the new stay's extra nights (the old stay stays held), pre-
 * authorize a price increase, modify the PMS reservation, capture, commit (give the old nights
 * back, record the new stay), settle (refund a decrease, end the change). Compensations in
 * reverse, each deciding from the PMS and the gateway, never from our record alone: revert the PMS
 * reservation if it has the new stay, void (or refund) the increase, give the new nights back.
 */
export type HoldNewStayDeps = ChangeJournal & { holds: Pick<HoldRepository, 'beginMove' | 'unmarkInPms'> };
export type DifferencePaymentDeps = ChangeJournal & { payments: Pick<PaymentGateway, 'authorize' | 'capture' | 'void' | 'refund' | 'listRefunds' | 'findForBooking'> };
export type ModifyPmsDeps = ChangeJournal & {
  pms: Pick<PmsClients, 'forHotel'>;
  catalog: Pick<HotelCatalogReader, 'getHotelAndRoomType'>;
  inventory: PmsInventorySync & InventoryReader;
  events: EventPublisher;
};
export type RevertPmsDeps = ChangeJournal & { pms: Pick<PmsClients, 'forHotel'> };
export type CommitModificationDeps = ChangeJournal & { holds: Pick<HoldRepository, 'completeMove' | 'markInPms'>; events: EventPublisher };
export type RefundDifferenceDeps = ChangeJournal & { payments: Pick<PaymentGateway, 'refund'> };
export type ReleaseNewStayDeps = ChangeJournal & { holds: Pick<HoldRepository, 'abortMove' | 'markInPms'> };

/** Records a step on the timeline while the change runs (the lock must still be held). */
async function record(deps: ChangeJournal, booking: Booking, state: ModificationState, name: Parameters<typeof stepAt>[1], patch: Parameters<ChangeJournal['bookings']['transition']>[1]['patch'] = {}) {
  return deps.bookings.transition(
    booking.bookingId,
    { from: [booking.status], to: booking.status, lock: { holder: state.changeId }, patch, step: stepAt(deps, name) },
    deps.clock(),
  );
}

/**
 * Takes the new stay's extra rooms, night by night, in one transaction with their movements; the
 * old stay stays held. The PMS's count of ours is taken out first: the PMS reservation is about to
 * change, and our count comes back once the PMS answered (`commit`) or the change is undone.
 */
export async function holdNewStay(deps: HoldNewStayDeps, state: ModificationState): Promise<void> {
  const booking = await loadBooking(deps, state.bookingId);
  if (hasEnded(booking, state.changeId)) return;
  if (booking.pms.vendor) await deps.holds.unmarkInPms(booking.bookingId, `modification ${state.changeId}: the PMS reservation is about to change`, deps.clock());
  const { stay } = state.plan;
  await deps.holds.beginMove(booking.bookingId, { moveId: state.changeId, roomTypeId: stay.roomTypeId, nights: stay.nights, rooms: stay.rooms }, deps.clock());
  await record(deps, booking, state, 'holdNewStay');
}

/** The one authorize request of a price increase: built in one place, so a repeat replays it exactly. */
function authorizeRequestFor(booking: Booking, plan: ModificationPlan) {
  return {
    bookingId: booking.bookingId,
    amountMinor: plan.chargeMinor,
    currency: plan.currency,
    paymentMethodId: booking.paymentMethodId,
    description: `Booking ${booking.bookingId}: ${plan.purpose}`,
    purpose: plan.purpose,
  };
}

/** Pre-authorizes the price difference (purpose `modify-<n>`), when the new stay costs more. */
export async function authorizeDifference(deps: DifferencePaymentDeps, state: ModificationState): Promise<{ paymentId: string } | null> {
  if (state.plan.chargeMinor <= 0) return null;
  const booking = await loadBooking(deps, state.bookingId);
  const auth = await deps.payments.authorize(authorizeRequestFor(booking, state.plan));
  await record(deps, booking, state, 'authorizeDifference');
  return { paymentId: auth.paymentId };
}

/** The live PMS reservation carrying our booking id. */
async function ourReservation(pms: NonNullable<Awaited<ReturnType<typeof pmsOfBooking>>>, booking: Booking): Promise<PmsReservation> {
  const reservation = await pms.client.findReservationByExternalId(booking.bookingId);
  if (!reservation) throw new PmsNotFoundError(`The PMS has no reservation for booking ${booking.bookingId}`, { vendor: pms.client.vendor });
  return reservation;
}

/**
 * Asks the PMS for the new stay. A refusal for availability re-reads the new stay from the PMS (so
 * the next reader sees the truth) and answers SOLD_OUT; any other refusal stays PMS_REJECTED.
 */
export async function modifyPmsReservation(deps: ModifyPmsDeps, state: ModificationState): Promise<void> {
  const booking = await loadBooking(deps, state.bookingId);
  if (hasEnded(booking, state.changeId)) return;
  const pms = await pmsOfBooking(deps, booking);
  const { plan } = state;
  if (pms) {
    const reservation = await ourReservation(pms, booking);
    try {
      await pms.client.modifyReservation(reservation.reservationId, {
        pmsRoomTypeId: plan.pmsRoomTypeId,
        checkIn: plan.stay.checkIn,
        checkOut: plan.stay.checkOut,
        rooms: plan.stay.rooms,
        guests: plan.guests,
        totalMinor: plan.totalMinor,
        currency: plan.currency,
      });
    } catch (error) {
      if (error instanceof PmsRejectedError && error.reason === 'sold_out') {
        await rereadStayFromPms(deps, { bookingId: booking.bookingId, hotelId: booking.hotelId, roomTypeId: plan.stay.roomTypeId, checkIn: plan.stay.checkIn, checkOut: plan.stay.checkOut, rooms: plan.stay.rooms, pms }).catch(() => undefined);
        throw new SoldOutError('The hotel has no rooms left for the new stay.', { cause: error });
      }
      throw error;
    }
  }
  await record(deps, booking, state, 'modifyInPms');
}

/** Captures the price difference authorized for this change. */
export async function captureDifference(deps: DifferencePaymentDeps, state: ModificationState): Promise<void> {
  if (!state.charge) return;
  const booking = await loadBooking(deps, state.bookingId);
  await deps.payments.capture({ bookingId: booking.bookingId, paymentId: state.charge.paymentId, purpose: state.plan.purpose });
  await record(deps, booking, state, 'captureDifference');
}

/**
 * A cheaper stay: gives back what the terms allow (purpose `modify-<n>`, each payment's part under
 * its own key), before anything is committed, so a refund the gateway refuses undoes the change.
 */
export async function refundDifference(deps: RefundDifferenceDeps, state: ModificationState): Promise<void> {
  const { plan } = state;
  if (plan.refunds.length === 0) return;
  const booking = await loadBooking(deps, state.bookingId);
  if (hasEnded(booking, state.changeId)) return;
  await makeRefunds(deps, booking.bookingId, plan.refunds, plan.purpose);
  await record(deps, booking, state, 'refundDifference');
}

/**
 * The PMS and the payment agreed: the old stay's nights beyond the new one go back (one
 * transaction with their movements), the PMS's count of ours comes back for the new nights, the
 * other hotel systems hear `booking.modified`, and one write gives the booking its new stay, price
 * and nightly prices (its other terms stay as booked), its payments (the capture, the refunds)
 * and ends the change.
 */
export async function commitModification(deps: CommitModificationDeps, state: ModificationState): Promise<void> {
  const booking = await loadBooking(deps, state.bookingId);
  if (hasEnded(booking, state.changeId)) return;
  const { plan } = state;
  const now = deps.clock();
  await deps.holds.completeMove(booking.bookingId, state.changeId, now);
  if (booking.pms.vendor) await deps.holds.markInPms(booking.bookingId, now);
  const previous = { roomTypeId: plan.previous.roomTypeId, checkIn: plan.previous.checkIn, checkOut: plan.previous.checkOut, rooms: plan.previous.rooms };
  await deps.events.publish([
    bookingEvent('booking.modified', {
      bookingId: booking.bookingId,
      hotelId: booking.hotelId,
      occurredAt: now.toISOString(),
      roomTypeId: plan.stay.roomTypeId,
      checkIn: plan.stay.checkIn,
      checkOut: plan.stay.checkOut,
      rooms: plan.stay.rooms,
      changeId: state.changeId,
      previous,
      totalMinor: plan.totalMinor,
      currency: plan.currency,
      chargedMinor: plan.chargeMinor,
      refundedMinor: plan.refundMinor,
    }),
  ]);
  const captures = capturesOf(booking);
  const charged = state.charge
    ? [...captures, { paymentId: state.charge.paymentId, purpose: plan.purpose, capturedMinor: plan.chargeMinor, refundedMinor: 0 }]
    : captures;
  const policy = booking.policy ? { ...booking.policy, nightlyPrices: plan.nightlyPrices } : undefined;
  await deps.bookings.transition(
    booking.bookingId,
    {
      from: [booking.status],
      to: booking.status,
      lock: { holder: state.changeId, finish: finished(booking, state.changeId, 'SUCCEEDED', now, { chargedMinor: plan.chargeMinor, refundedMinor: plan.refundMinor, feeMinor: plan.feeMinor }) },
      patch: {
        stay: { ...plan.stay, totalMinor: plan.totalMinor, ...(policy ? { policy } : {}) },
        payment: { captures: withRefunds(charged, plan.refunds), refundedMinor: (booking.payment.refundedMinor ?? 0) + plan.refundMinor },
      },
      step: stepAt(deps, 'commitModification'),
    },
    now,
  );
}

function sameStay(r: PmsReservation, stay: Pick<BookingStay, 'checkIn' | 'checkOut' | 'rooms'>, pmsRoomTypeId: string): boolean {
  return r.pmsRoomTypeId === pmsRoomTypeId && r.checkIn === stay.checkIn && r.checkOut === stay.checkOut && r.rooms === stay.rooms;
}

/**
 * Compensation: if the PMS reservation has the new stay (the modify went through, or timed out but
 * happened), it is modified back to the booking's stay. Decided from the PMS, never from our record.
 */
export async function revertPmsReservation(deps: RevertPmsDeps, state: ModificationState): Promise<void> {
  const booking = await loadBooking(deps, state.bookingId);
  const pms = await pmsOfBooking(deps, booking);
  if (!pms) return;
  const { plan } = state;
  const reservation = await ourReservation(pms, booking);
  if (sameStay(reservation, plan.stay, plan.pmsRoomTypeId) && !sameStay(reservation, plan.previous, plan.previous.pmsRoomTypeId)) {
    await pms.client.modifyReservation(reservation.reservationId, {
      pmsRoomTypeId: plan.previous.pmsRoomTypeId,
      checkIn: plan.previous.checkIn,
      checkOut: plan.previous.checkOut,
      rooms: plan.previous.rooms,
      guests: plan.previous.guests,
      totalMinor: plan.previous.totalMinor,
      currency: plan.currency,
    });
  }
  await record(deps, booking, state, 'revertPms');
}

/**
 * Compensation: releases the price difference, decided from the gateway itself: every payment it
 * holds for the booking under this change's purpose (`findForBooking`), whether or not the
 * authorize step's answer ever reached us. An open authorization is voided; one that was captured
 * after all (a capture that timed out but happened) is refunded in full under the same purpose.
 * Nothing is created: a card that was never authorized leaves nothing to find.
 */
export async function voidDifference(deps: DifferencePaymentDeps, state: ModificationState): Promise<void> {
  const { plan } = state;
  if (plan.refunds.length > 0) await assertNoRefundMade(deps, state);
  if (plan.chargeMinor <= 0) return;
  const booking = await loadBooking(deps, state.bookingId);
  const payments = (await deps.payments.findForBooking(booking.bookingId, { createdSince: new Date(booking.createdAt) })).filter((p) => p.purpose === plan.purpose);
  for (const payment of payments) {
    if (payment.status === 'AUTHORIZED') {
      await deps.payments.void({ bookingId: booking.bookingId, paymentId: payment.paymentId, purpose: plan.purpose });
    } else if (payment.status === 'CAPTURED' && payment.amountCapturedMinor > payment.amountRefundedMinor) {
      await deps.payments.refund({ bookingId: booking.bookingId, paymentId: payment.paymentId, purpose: plan.purpose, reason: 'requested_by_customer' });
    }
  }
  await record(deps, booking, state, 'voidDifference');
}

/** A refund cannot be taken back: if the gateway shows one made for this change (a timeout that went through), undoing stops here and a person takes over. */
async function assertNoRefundMade(deps: DifferencePaymentDeps, state: ModificationState): Promise<void> {
  for (const planned of state.plan.refunds) {
    const refunds = await deps.payments.listRefunds(planned.paymentId);
    if (refunds.some((r) => r.purpose === state.plan.purpose && r.status !== 'FAILED')) {
      throw new RefundAlreadyMadeError(`Payment ${planned.paymentId} was already refunded for ${state.changeId}; the change cannot be undone`);
    }
  }
}

/** A modification's refund went through although its step failed: it cannot be undone. */
export class RefundAlreadyMadeError extends Error {
  override readonly name = 'RefundAlreadyMadeError';
}

/** Compensation: gives back the nights the change took, and counts the (old) stay in the PMS again. */
export async function releaseNewStay(deps: ReleaseNewStayDeps, state: ModificationState): Promise<void> {
  const booking = await loadBooking(deps, state.bookingId);
  await deps.holds.abortMove(booking.bookingId, state.changeId, `modification ${state.changeId} undone (${state.failedStep ?? 'failed'})`, deps.clock());
  if (booking.pms.vendor) await deps.holds.markInPms(booking.bookingId, deps.clock());
  if (!hasEnded(booking, state.changeId)) await record(deps, booking, state, 'releaseNewStay');
}
