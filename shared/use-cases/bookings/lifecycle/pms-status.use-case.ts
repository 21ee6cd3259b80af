import { type Booking, type BookingStatus } from '#domain/booking.ts';
import { InvalidTransitionError } from '#domain/booking-errors.ts';
import { quoteNoShow } from '#domain/booking-policy.ts';
import { canTransition } from '#domain/booking-status.ts';
import { findingIdFor } from '#domain/reconciliation.ts';
import type { FindingRepository } from '#ports/finding.repository.ts';
import { applyHotelCancellation, type HotelCancellationDeps, type HotelCancellationOutcome } from '../hotel-cancellation.use-case.ts';
import { bookingEvent, stayFields } from './booking-events.ts';
import { stepAt, transitionBooking } from './booking-transitions.ts';

/**
 * A status change made in the PMS, applied to our booking through the same status machine as
 * everything else (issue 8). The webhook processor calls `applyPmsReservationStatus` with what the
 * PMS says (the generic protocol's `reservation_update`, a Cloudbeds reservation's status); polling
 * and reconciliation may call it with a reservation they read. What the machine refuses is never
 * dropped: it becomes a `PMS_STATUS_REFUSED` finding for an admin.
 */
export type PmsStatusDeps = HotelCancellationDeps & { findings: Pick<FindingRepository, 'record'> };

/**
 * The booking status a PMS reservation status means, in the spellings the generic protocol and
 * Cloudbeds use (`cancelled`/`canceled`, `checked_in`, `checked_out`, `no_show`). `undefined`: a
 * status that says nothing new about a stay we sold (`confirmed`, `not_confirmed`, `pending`, or
 * one we do not know, which keeps its rooms).
 */
export function bookingStatusForPms(status: string): BookingStatus | undefined {
  switch (status.toLowerCase()) {
    case 'cancelled':
    case 'canceled':
      return 'CANCELLED_BY_HOTEL';
    case 'checked_in':
    case 'in_house':
    case 'inhouse':
      return 'CHECKED_IN';
    case 'checked_out':
    case 'checkedout':
      return 'CHECKED_OUT';
    case 'no_show':
    case 'noshow':
      return 'NO_SHOW';
    default:
      return undefined;
  }
}

export type PmsStatusOutcome =
  /** The booking moved (or, for a cancellation, `applyHotelCancellation`'s outcome). */
  | 'applied'
  | 'already'
  | 'unknown'
  /** The status says nothing we act on. */
  | 'ignored'
  /** The machine refused it; a finding says so. */
  | 'refused'
  | HotelCancellationOutcome;

/**
 * Applies what the PMS says about one of our bookings. A cancellation goes through the hotel-side
 * cancellation (`CANCELLED_BY_HOTEL`, refund owed); a check-in, check-out or no-show through the
 * status machine, the front desk's word winning over a lock (it already happened at the hotel).
 * A check-out of a booking we still have as CONFIRMED (the check-in event was missed) passes
 * through CHECKED_IN. A no-show releases the nights, records what the terms give back as owed
 * (the RefundsOwed job refunds it, found through a `REFUND_DUE` finding) and tells the bus.
 */
export async function applyPmsReservationStatus(
  deps: PmsStatusDeps,
  input: { bookingId: string; pmsStatus: string; pmsReservationId?: string; source: string },
): Promise<PmsStatusOutcome> {
  const target = bookingStatusForPms(input.pmsStatus);
  if (!target) return 'ignored';
  const booking = await deps.bookings.get(input.bookingId);
  if (!booking) return 'unknown';
  if (booking.status === target) return 'already';
  if (target === 'CANCELLED_BY_HOTEL') {
    if (booking.status !== 'CONFIRMED') return refused(deps, booking, target, input);
    return applyHotelCancellation(deps, { bookingId: booking.bookingId, ...(input.pmsReservationId ? { pmsReservationId: input.pmsReservationId } : {}), source: input.source });
  }
  const path: BookingStatus[] = target === 'CHECKED_OUT' && booking.status === 'CONFIRMED' ? ['CHECKED_IN', 'CHECKED_OUT'] : [target];
  if (!canTransition(booking.status, path[0]!)) return refused(deps, booking, target, input);
  try {
    for (const status of path) await move(deps, booking, status);
  } catch (error) {
    if (!(error instanceof InvalidTransitionError)) throw error;
    // Someone else moved it meanwhile, to where this change no longer applies.
    const now = await deps.bookings.get(booking.bookingId);
    if (now?.status === target) return 'already';
    return refused(deps, now ?? booking, target, input);
  }
  return 'applied';
}

async function move(deps: PmsStatusDeps, booking: Booking, status: BookingStatus): Promise<void> {
  const now = deps.clock();
  if (status === 'NO_SHOW') {
    const quote = quoteNoShow(booking);
    await deps.holds.release(booking.bookingId, 'the PMS reported a no-show', now);
    const moved = await transitionBooking(deps, booking.bookingId, 'NO_SHOW', {
      action: 'noShow',
      patch: {
        cancellation: { by: 'hotel', reason: 'no-show', at: now.toISOString(), refundMinor: quote.refundMinor, feeMinor: quote.feeMinor },
        refundDueMinor: quote.refundMinor,
      },
      step: stepAt(deps, 'noShow'),
    });
    if (quote.refundMinor > 0) {
      await deps.findings.record({
        findingId: findingIdFor('REFUND_DUE', booking.bookingId),
        type: 'REFUND_DUE',
        status: 'open',
        hotelId: booking.hotelId,
        bookingId: booking.bookingId,
        roomTypeId: booking.roomTypeId,
        date: booking.checkIn,
        detail: `The PMS marked booking ${booking.bookingId} a no-show; under its terms the guest is owed ${quote.refundMinor} ${booking.currency} (minor units).`,
        action: 'Nights released; the RefundsOwed job refunds it (or POST /api/admin/bookings/{id}/refund).',
        source: 'pms-status',
        firstSeenAt: now.toISOString(),
        lastSeenAt: now.toISOString(),
      });
    }
    await deps.events.publish([
      bookingEvent('booking.no_show', { ...stayFields(moved, now), source: 'pms', refundMinor: quote.refundMinor, feeMinor: quote.feeMinor, currency: booking.currency }),
    ]);
    return;
  }
  const moved = await transitionBooking(deps, booking.bookingId, status, {
    action: status === 'CHECKED_IN' ? 'checkIn' : 'checkOut',
    step: stepAt(deps, status === 'CHECKED_IN' ? 'checkIn' : 'checkOut'),
  });
  await deps.events.publish([bookingEvent(status === 'CHECKED_IN' ? 'booking.checked_in' : 'booking.checked_out', { ...stayFields(moved, now), source: 'pms' })]);
}

async function refused(deps: PmsStatusDeps, booking: Booking, target: BookingStatus, input: { pmsStatus: string; pmsReservationId?: string; source: string }): Promise<'refused'> {
  const now = deps.clock().toISOString();
  await deps.findings.record({
    findingId: findingIdFor('PMS_STATUS_REFUSED', `${booking.bookingId}:${input.pmsStatus}`),
    type: 'PMS_STATUS_REFUSED',
    status: 'open',
    hotelId: booking.hotelId,
    bookingId: booking.bookingId,
    ...(input.pmsReservationId ? { pmsReservationId: input.pmsReservationId } : {}),
    roomTypeId: booking.roomTypeId,
    date: booking.checkIn,
    detail: `The PMS says booking ${booking.bookingId} is ${input.pmsStatus}, but a ${booking.status} booking cannot become ${target}. Nothing was changed here.`,
    action: 'None: decide which side is right and correct the PMS or the booking.',
    source: input.source,
    firstSeenAt: now,
    lastSeenAt: now,
  });
  return 'refused';
}
