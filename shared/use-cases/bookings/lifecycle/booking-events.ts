import type { Booking } from '#domain/booking.ts';
import type { DomainEvent } from '#ports/event-publisher.port.ts';
import { BOOKING_EVENT_VERSION, type BookingEventDetail, type BookingEventType } from './booking-event-schemas.ts';

/**
 * Builds a booking event's detail (`booking-event-schemas.ts` has the schemas). Type-only use of
 * the schemas: no zod reaches the saga steps' bundles; the docs test checks the shapes.
 */
export function bookingEvent<T extends BookingEventType>(type: T, detail: Omit<BookingEventDetail<T>, 'version'>): DomainEvent {
  return { type, detail: { version: BOOKING_EVENT_VERSION, ...detail } as Record<string, unknown> };
}

/** The fields every stay event carries, from the booking. */
export function stayFields(booking: Booking, now: Date) {
  return {
    bookingId: booking.bookingId,
    hotelId: booking.hotelId,
    occurredAt: now.toISOString(),
    roomTypeId: booking.roomTypeId,
    checkIn: booking.checkIn,
    checkOut: booking.checkOut,
    rooms: booking.rooms,
  };
}
