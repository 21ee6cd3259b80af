import type { Booking } from '#domain/booking.ts';
import { emailKey, nameKeys } from '#domain/booking-search.ts';
import { bookingSearchKeys } from './keys.ts';

/**
 * The search-key items of a new booking (`bookingSearchKeys`): put by `createPending` in the
 * transaction that creates the booking, so a booking is findable from the moment it exists, with no
 * write of its own on the checkout path.
 */
export function searchKeyItems(booking: Pick<Booking, 'bookingId' | 'hotelId' | 'createdAt' | 'guestInfo'>): Record<string, unknown>[] {
  const common = { entity: 'BookingSearchKey', bookingId: booking.bookingId, hotelId: booking.hotelId };
  return [
    { ...bookingSearchKeys.email(emailKey(booking.guestInfo.email), booking.hotelId, booking.createdAt, booking.bookingId), ...common },
    ...nameKeys(booking.guestInfo).map((key, n) => ({ ...bookingSearchKeys.name(key, booking.bookingId, n), ...common })),
  ];
}
