import type { GuestEventDetail } from '#use-cases/notifications/guest-event-schemas.ts';
import { todayIn } from '#domain/dates.ts';
import type { BookingRepository } from '#ports/booking.repository.ts';
import type { EventPublisher } from '#ports/event-publisher.port.ts';
import type { HotelCatalogReader } from '#ports/hotel-catalog.repository.ts';
import type { BusEvent } from '#ports/event-publisher.port.ts';

export interface HotelDeactivationDeps {
  bookings: Pick<BookingRepository, 'list'>;
  catalog: Pick<HotelCatalogReader, 'getHotel'>;
  events: EventPublisher;
  clock: () => Date;
}

/**
 * Seed 001 edge case 5: a deactivated hotel keeps its bookings, and their guests are told. For
 * `hotel.deactivated` (published by the catalog's deactivation), every confirmed booking arriving
 * today or later (hotel time) gets a `booking.hotel_deactivated` event, which the guest-mail
 * consumer turns into one mail per booking (with other hotels of the city). Each event id is the
 * deactivation's and the booking's, so a redelivered `hotel.deactivated` publishes the same ids
 * and no guest is mailed twice.
 */
export async function fanOutHotelDeactivation(deps: HotelDeactivationDeps, event: BusEvent): Promise<{ notified: number }> {
  const hotelId = event.detail.hotelId;
  if (typeof hotelId !== 'string' || !hotelId) return { notified: 0 };
  const source = typeof event.detail.eventId === 'string' && event.detail.eventId ? event.detail.eventId : event.id;
  const hotel = await deps.catalog.getHotel(hotelId);
  const today = todayIn(hotel?.timeZone ?? 'UTC', deps.clock());
  let notified = 0;
  let after;
  do {
    const page = await deps.bookings.list({ hotelId, status: 'CONFIRMED', from: today, limit: 100, ...(after ? { after } : {}) });
    const events = page.items.map((booking) => ({
      type: 'booking.hotel_deactivated',
      detail: { version: 1, eventId: `hotel.deactivated:${source}:${booking.bookingId}`, bookingId: booking.bookingId, hotelId } satisfies GuestEventDetail<'booking.hotel_deactivated'>,
    }));
    if (events.length > 0) await deps.events.publish(events);
    notified += events.length;
    after = page.next;
  } while (after);
  return { notified };
}
