import type { GuestEventDetail } from '#use-cases/notifications/guest-event-schemas.ts';
import type { Booking } from '#domain/booking.ts';
import { addDays, todayIn } from '#domain/dates.ts';
import type { Hotel, RoomType } from '#domain/hotel.ts';
import { DEFAULT_CHECK_IN_TIME, instantIn } from '#domain/zoned-time.ts';
import type { BookingRepository } from '#ports/booking.repository.ts';
import type { EventPublisher } from '#ports/event-publisher.port.ts';
import type { HotelCatalogReader } from '#ports/hotel-catalog.repository.ts';
import type { SentMailLog } from '#ports/mail.port.ts';

export interface ArrivalRemindersDeps {
  bookings: Pick<BookingRepository, 'list'>;
  catalog: Pick<HotelCatalogReader, 'getHotelAndRoomType'>;
  events: EventPublisher;
  once: Pick<SentMailLog, 'seen' | 'remember'>;
  clock: () => Date;
}

/** A guest is reminded once their arrival (the hotel's check-in time) is this close. */
export const REMINDER_WINDOW_MS = 48 * 3600_000;
/** How long "reminded" is remembered: well past any stay it concerns. */
const REMEMBER_SECONDS = 30 * 24 * 3600;

/**
 * The pre-arrival reminder: each confirmed booking whose arrival is less than 48 hours away gets
 * one `booking.arrival_reminder` on the bus (the guest-mail consumer mails it). Its event id is the
 * booking and its check-in date, so a stay moved to other dates is reminded again, and it is
 * remembered after publishing: a run that dies in between publishes again, and the mail consumer
 * drops the duplicate by its event id.
 */
export async function publishArrivalReminders(deps: ArrivalRemindersDeps): Promise<{ published: number }> {
  const now = deps.clock();
  const today = todayIn('UTC', now);
  const places = new Map<string, Promise<{ hotel?: Hotel; roomType?: RoomType }>>();
  let published = 0;
  let after;
  do {
    // Check-in dates are hotel-local: a day before UTC's today to three after covers every zone and the window.
    const page = await deps.bookings.list({ status: 'CONFIRMED', from: addDays(today, -1), to: addDays(today, 3), limit: 100, ...(after ? { after } : {}) });
    for (const booking of page.items) {
      const key = `booking.arrival_reminder:${booking.bookingId}:${booking.checkIn}`;
      if (!(await isDue(deps, places, booking, now)) || (await deps.once.seen(key))) continue;
      await deps.events.publish([
        { type: 'booking.arrival_reminder', detail: { version: 1, eventId: key, bookingId: booking.bookingId, hotelId: booking.hotelId, checkIn: booking.checkIn } satisfies GuestEventDetail<'booking.arrival_reminder'> },
      ]);
      await deps.once.remember(key, now, REMEMBER_SECONDS);
      published++;
    }
    after = page.next;
  } while (after);
  return { published };
}

async function isDue(
  deps: ArrivalRemindersDeps,
  places: Map<string, Promise<{ hotel?: Hotel; roomType?: RoomType }>>,
  booking: Booking,
  now: Date,
): Promise<boolean> {
  const key = `${booking.hotelId}/${booking.roomTypeId}`;
  if (!places.has(key)) places.set(key, deps.catalog.getHotelAndRoomType(booking.hotelId, booking.roomTypeId));
  const { hotel, roomType } = await places.get(key)!;
  if (!hotel) return false;
  const untilArrival = instantIn(booking.checkIn, roomType?.checkInTime ?? DEFAULT_CHECK_IN_TIME, hotel.timeZone).getTime() - now.getTime();
  return untilArrival > 0 && untilArrival <= REMINDER_WINDOW_MS;
}
