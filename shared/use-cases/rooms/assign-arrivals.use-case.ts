import type { GuestEventDetail } from '#use-cases/notifications/guest-event-schemas.ts';
import type { Booking } from '#domain/booking.ts';
import { addDays, todayIn, type IsoDate } from '#domain/dates.ts';
import type { Hotel, RoomType } from '#domain/hotel.ts';
import { REGULAR_VIP_LEVEL } from '#domain/room.ts';
import { DEFAULT_CHECK_IN_TIME, instantIn } from '#domain/zoned-time.ts';
import type { BookingRepository } from '#ports/booking.repository.ts';
import type { HotelCatalogReader } from '#ports/hotel-catalog.repository.ts';
import type { PmsClients } from '#ports/pms-clients.port.ts';
import { announceAssignment, assignRooms, type AssignRoomsOutcome, type RoomAssignmentDeps } from './assign-rooms.use-case.ts';
import { releaseRoomAssignment } from './release-rooms.use-case.ts';

export interface AssignArrivalsDeps extends RoomAssignmentDeps {
  bookings: Pick<BookingRepository, 'get' | 'list'>;
  catalog: Pick<HotelCatalogReader, 'getHotelAndRoomType'>;
  pms: Pick<PmsClients, 'forHotel'>;
  /** Failures of one booking are reported here and do not stop the others. */
  onError?: (bookingId: string, error: unknown) => void;
}

/** Arrivals this close get rooms (seed 001: "체크인 24시간 전"). */
export const ASSIGNMENT_WINDOW_MS = 24 * 3600_000;

export interface AssignArrivalsSummary {
  considered: number;
  assigned: number;
  /** Arrivals no room can take: each has an open `ROOM_UNASSIGNED` finding. */
  unplaceable: string[];
  /** Arrivals whose rooms the hotel's PMS assigned (its numbers win). */
  fromPms: number;
  /** Assigned before, `room.assigned` published again because it had not been. */
  announced: number;
  skipped: number;
  failed: number;
}

/**
 * The scheduled room assignment: every confirmed booking arriving within the next 24 hours (at the
 * hotel's check-in time, in its time zone), VIPs first, then in booking order, gets rooms
 * (`assignRooms`). Where the hotel's PMS assigned rooms, its numbers are recorded and win; an
 * assignment made before but never announced is announced; an arrival nobody can be placed in
 * becomes a `ROOM_UNASSIGNED` finding naming the booking, never a silent failure. Runs every few
 * minutes; a run repeats nothing a previous one completed.
 */
export async function assignArrivals(deps: AssignArrivalsDeps): Promise<AssignArrivalsSummary> {
  const now = deps.clock();
  const summary: AssignArrivalsSummary = { considered: 0, assigned: 0, unplaceable: [], fromPms: 0, announced: 0, skipped: 0, failed: 0 };
  const arrivals = await arrivalsWithin(deps, now);
  summary.considered = arrivals.length;
  for (const booking of arrivals) {
    try {
      const outcome = await assignOne(deps, booking);
      if (outcome === 'pms') summary.fromPms++;
      else if (outcome === 'announced') summary.announced++;
      else if (outcome.status === 'assigned') summary.assigned++;
      else if (outcome.status === 'unplaceable') summary.unplaceable.push(booking.bookingId);
      else summary.skipped++;
    } catch (error) {
      summary.failed++;
      deps.onError?.(booking.bookingId, error);
    }
  }
  return summary;
}

async function assignOne(deps: AssignArrivalsDeps, booking: Booking): Promise<AssignRoomsOutcome | 'pms' | 'announced'> {
  if (await pmsAssigned(deps, booking)) return 'pms';
  const assignment = booking.roomAssignment;
  if (assignment && assignment.nights.join() === booking.nights.join()) {
    if (assignment.announced) return { status: 'busy' };
    await announceAssignment(deps, booking, assignment);
    return 'announced';
  }
  // Rooms claimed for nights the stay no longer has (it was modified): give them back, then assign anew.
  if (assignment) await releaseRoomAssignment(deps, booking.bookingId);
  return assignRooms(deps, { bookingId: booking.bookingId, source: 'auto', by: 'job' });
}

/**
 * Where the booking's hotel has a PMS that assigned rooms to our reservation, records its numbers
 * (once per change) and announces them. A PMS that cannot be reached now is no reason to leave the
 * guest without a room: the run falls back to our own rooms, and the PMS's numbers win when they come.
 */
async function pmsAssigned(deps: AssignArrivalsDeps, booking: Booking): Promise<boolean> {
  if (!booking.pms.vendor || !booking.pms.reservationId) return false;
  let numbers: string[] | undefined;
  try {
    const pms = await deps.pms.forHotel(booking.hotelId);
    numbers = (await pms?.client.getReservation(booking.pms.reservationId))?.roomNumbers;
  } catch (error) {
    deps.onError?.(booking.bookingId, error);
    return false;
  }
  if (!numbers || numbers.length === 0) return false;
  if (numbers.join() !== (booking.pmsRoomNumbers ?? []).join()) {
    await deps.store.setPmsRoomNumbers(booking.bookingId, numbers);
    await deps.events.publish([
      {
        type: 'room.assigned',
        detail: {
          version: 1,
          eventId: `room.assigned:${booking.bookingId}:pms:${numbers.join(',')}`,
          bookingId: booking.bookingId,
          hotelId: booking.hotelId,
          roomTypeId: booking.roomTypeId,
          checkIn: booking.checkIn,
          checkOut: booking.checkOut,
          roomNumbers: numbers,
          source: 'pms',
        } satisfies GuestEventDetail<'room.assigned'>,
      },
    ]);
  }
  return true;
}

/** Confirmed bookings arriving within the window, VIPs first, then the earliest booked. */
async function arrivalsWithin(deps: AssignArrivalsDeps, now: Date): Promise<Booking[]> {
  const today = todayIn('UTC', now);
  // Check-in dates are hotel-local: two days either side of UTC's today covers every zone.
  const candidates: Booking[] = [];
  let after;
  do {
    const page = await deps.bookings.list({ status: 'CONFIRMED', from: addDays(today, -2), to: addDays(today, 2), limit: 100, ...(after ? { after } : {}) });
    candidates.push(...page.items);
    after = page.next;
  } while (after);

  const places = new Map<string, Promise<{ hotel?: Hotel; roomType?: RoomType }>>();
  const placeOf = (b: Booking) => {
    const key = `${b.hotelId}/${b.roomTypeId}`;
    if (!places.has(key)) places.set(key, deps.catalog.getHotelAndRoomType(b.hotelId, b.roomTypeId));
    return places.get(key)!;
  };
  const arriving: Booking[] = [];
  for (const booking of candidates) {
    const { hotel, roomType } = await placeOf(booking);
    if (!hotel) continue;
    const arrival = instantIn(booking.checkIn, roomType?.checkInTime ?? DEFAULT_CHECK_IN_TIME, hotel.timeZone);
    const stayOver = booking.checkOut <= todayIn(hotel.timeZone, now);
    if (!stayOver && arrival.getTime() - now.getTime() <= ASSIGNMENT_WINDOW_MS) arriving.push(booking);
  }
  return arriving.sort(
    (a, b) => (a.vipLevel ?? REGULAR_VIP_LEVEL) - (b.vipLevel ?? REGULAR_VIP_LEVEL) || a.createdAt.localeCompare(b.createdAt) || a.bookingId.localeCompare(b.bookingId),
  );
}
