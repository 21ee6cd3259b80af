import type { Booking } from '#domain/booking.ts';
import { findingIdFor } from '#domain/reconciliation.ts';
import type { BookingRepository } from '#ports/booking.repository.ts';
import type { EventPublisher } from '#ports/event-publisher.port.ts';
import type { FindingRepository } from '#ports/finding.repository.ts';
import type { HoldRepository } from '#ports/hold.repository.ts';

export interface HotelCancellationDeps {
  bookings: Pick<BookingRepository, 'get' | 'transition'>;
  holds: Pick<HoldRepository, 'release'>;
  findings: Pick<FindingRepository, 'record'>;
  events: EventPublisher;
  clock: () => Date;
}

export type HotelCancellationOutcome =
  /** Our confirmed booking is now CANCELLED_BY_HOTEL and its rooms are back. */
  | 'cancelled'
  /** Seen before; the release and the finding were made sure of again. */
  | 'already'
  /** No booking of ours has that id. */
  | 'unknown'
  /** The booking is not confirmed (a checkout still running, or one that failed): nothing to take back. */
  | 'not_confirmed'
  /**
   * A cancellation or modification of ours is running on the booking: the PMS's cancellation is most
   * likely that change's own first step, and the change's saga decides; reconciliation catches the rest.
   */
  | 'in_change';

/**
 * The hotel cancelled one of our bookings in its PMS (a webhook, a poll, reconciliation). The
 * booking becomes CANCELLED_BY_HOTEL once, carrying what the guest is owed (`refundDueMinor`: the
 * refund itself belongs to the booking lifecycle), its rooms go back exactly once (the hold's
 * release is the arbiter, and it takes the rooms out of the PMS's count too, since the PMS freed
 * them), an admin gets a `HOTEL_CANCELLED` finding and the bus a `booking.cancelled_by_hotel`.
 * Safe to run again for the same booking: each part is idempotent.
 */
export async function applyHotelCancellation(
  deps: HotelCancellationDeps,
  input: { bookingId: string; pmsReservationId?: string; source: string },
): Promise<HotelCancellationOutcome> {
  const booking = await deps.bookings.get(input.bookingId);
  if (!booking) return 'unknown';
  const now = deps.clock();
  let outcome: HotelCancellationOutcome;
  let cancelled: Booking;
  if (booking.status === 'CANCELLED_BY_HOTEL') {
    outcome = 'already';
    cancelled = booking;
  } else if (booking.status !== 'CONFIRMED') {
    return 'not_confirmed';
  } else if (booking.change?.outcome === 'RUNNING') {
    return 'in_change';
  } else {
    const refundDueMinor = booking.payment.status === 'CAPTURED' ? booking.payment.amountMinor : 0;
    const moved = await deps.bookings.transition(
      booking.bookingId,
      {
        from: ['CONFIRMED'],
        to: 'CANCELLED_BY_HOTEL',
        patch: { refundDueMinor, pms: { status: 'CANCELLED' } },
        step: { name: 'hotelCancelled', status: 'SUCCEEDED', at: now.toISOString() },
      },
      now,
    );
    if (!moved) return applyHotelCancellation(deps, input);
    outcome = 'cancelled';
    cancelled = moved;
  }
  await deps.holds.release(cancelled.bookingId, 'hotel cancelled the reservation in its PMS', now);
  await deps.findings.record({
    findingId: findingIdFor('HOTEL_CANCELLED', cancelled.bookingId),
    type: 'HOTEL_CANCELLED',
    status: 'open',
    hotelId: cancelled.hotelId,
    bookingId: cancelled.bookingId,
    ...(input.pmsReservationId ? { pmsReservationId: input.pmsReservationId } : {}),
    roomTypeId: cancelled.roomTypeId,
    date: cancelled.checkIn,
    detail: `The hotel cancelled booking ${cancelled.bookingId} (${cancelled.checkIn} to ${cancelled.checkOut}) in its PMS. The guest is owed ${(cancelled.refundDueMinor ?? 0)} ${cancelled.currency} (minor units) and must be refunded and told.`,
    action: 'Rooms released; booking marked CANCELLED_BY_HOTEL with the refund due.',
    source: input.source,
    firstSeenAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
  });
  if (outcome === 'cancelled') {
    await deps.events.publish([
      {
        type: 'booking.cancelled_by_hotel',
        detail: {
          bookingId: cancelled.bookingId,
          hotelId: cancelled.hotelId,
          refundDueMinor: cancelled.refundDueMinor ?? 0,
          currency: cancelled.currency,
        },
      },
    ]);
  }
  return outcome;
}
