import type { IsoDate } from '#domain/dates.ts';
import { isLiveReservation, type PmsReservation } from '#domain/pms.ts';
import type { PmsClient } from '#ports/pms.port.ts';
import { applyHotelCancellation, type HotelCancellationDeps } from '../../bookings/hotel-cancellation.use-case.ts';

/** What a poll needs to take back our bookings the hotel cancelled: given only where the PMS has no webhooks. */
export type PolledCancellationDeps = Pick<HotelCancellationDeps, 'bookings' | 'holds' | 'findings'>;

/**
 * Our confirmed bookings the hotel cancelled in a PMS that cannot tell us (OPERA: its events come
 * through a streaming API, not webhooks), found within one poll: the reservations over the poll's
 * range are listed (one paged call), and a booking whose listed reservations carrying its id are
 * all cancelled is asked for by its id too (the hotel may have a live one outside the range),
 * then cancelled by the hotel (`applyHotelCancellation`: CANCELLED_BY_HOTEL, `refundDueMinor`, the
 * rooms back once, a finding for an admin). Run before the nights are read, as the webhook path
 * does, so the rooms it frees are not counted as other channels' sales.
 *
 * Only bookings still CONFIRMED are touched: one already cancelled (by the hotel, or by a finished
 * checkout compensation) is skipped without a write, so a cancelled reservation that stays in the
 * listing costs one booking read a poll and nothing else. Returns the bookings cancelled.
 */
export async function applyPolledHotelCancellations(
  deps: PolledCancellationDeps & Pick<HotelCancellationDeps, 'events' | 'clock'>,
  client: Pick<PmsClient, 'listReservations' | 'findReservationsByExternalId'>,
  input: { from: IsoDate; to: IsoDate; source: string },
): Promise<string[]> {
  const listed = await client.listReservations(input.from, input.to);
  const cancelled: string[] = [];
  for (const [bookingId, reservations] of byExternalId(listed)) {
    if (reservations.some((r) => isLiveReservation(r.status)) || !reservations.some((r) => r.status === 'cancelled')) continue;
    const booking = await deps.bookings.get(bookingId);
    if (booking?.status !== 'CONFIRMED') continue; // Another system's id, a checkout in flight, or already taken back.
    const everywhere = await client.findReservationsByExternalId(bookingId);
    if (everywhere.length === 0 || !everywhere.every((r) => r.status === 'cancelled')) continue;
    const outcome = await applyHotelCancellation(deps, { bookingId, pmsReservationId: everywhere[0]!.reservationId, source: input.source });
    if (outcome === 'cancelled') cancelled.push(bookingId);
  }
  return cancelled;
}

function byExternalId(reservations: PmsReservation[]): Map<string, PmsReservation[]> {
  const groups = new Map<string, PmsReservation[]>();
  for (const r of reservations) {
    if (!r.externalId) continue;
    groups.set(r.externalId, [...(groups.get(r.externalId) ?? []), r]);
  }
  return groups;
}
