import type { Booking } from '#domain/booking.ts';
import { NotFoundError } from '#domain/errors.ts';
import type { BookingListPage, BookingListQuery, BookingRepository } from '#ports/booking.repository.ts';

export interface Viewer {
  subject: string;
  email?: string;
  isAdmin: boolean;
}

/**
 * A booking for its guest or an admin. Checkout is open to anonymous guests, so a guest proves the
 * booking is theirs with a token whose verified e-mail is the one booked with. Anyone else gets
 * 404 rather than 403, so booking ids cannot be probed.
 */
export async function getBookingFor(bookings: BookingRepository, bookingId: string, viewer: Viewer): Promise<Booking> {
  const booking = await bookings.get(bookingId);
  const owns = booking && viewer.email && booking.guestInfo.email.toLowerCase() === viewer.email.toLowerCase();
  if (!booking || !(viewer.isAdmin || owns)) throw new NotFoundError('Booking', bookingId);
  return booking;
}

export async function getBookingForAdmin(bookings: BookingRepository, bookingId: string): Promise<Booking> {
  const booking = await bookings.get(bookingId);
  if (!booking) throw new NotFoundError('Booking', bookingId);
  return booking;
}

export function listBookings(bookings: BookingRepository, query: BookingListQuery): Promise<BookingListPage> {
  return bookings.list(query);
}
