import { canAccessHotel, type HotelAccess } from '#domain/access.ts';
import { canGuestSee, type Booking, type BookingStatus } from '#domain/booking.ts';
import { parseSearchTerm } from '#domain/booking-search.ts';
import type { IsoDate } from '#domain/dates.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '#domain/errors.ts';
import type { BookingListPage, BookingListQuery, BookingRepository, BookingSearchReader, GuestBookingReader } from '#ports/booking.repository.ts';
import type { PagePosition } from '#ports/pagination.ts';

/** Who reads a booking through the guest routes. */
export interface Viewer {
  subject: string;
  /** Only a verified token e-mail (`Principal.verifiedEmail`): an unverified one proves nothing. */
  verifiedEmail?: string;
  isAdmin: boolean;
}

/**
 * A booking for its guest or an admin. Checkout is open to anonymous guests, so a booking made
 * without an account is claimed by a token whose *verified* e-mail is the one booked with; one made
 * signed in belongs to its owner's `sub` alone (`canGuestSee`). Anyone else gets 404 rather than
 * 403, so booking ids cannot be probed.
 */
export async function getBookingFor(bookings: Pick<BookingRepository, 'get'>, bookingId: string, viewer: Viewer): Promise<Booking> {
  const booking = await bookings.get(bookingId);
  if (!booking || !(viewer.isAdmin || canGuestSee(booking, viewer))) throw new NotFoundError('Booking', bookingId);
  return booking;
}

/**
 * A booking for staff: an admin sees every booking, a hotel manager those of their hotels. Another
 * hotel's booking answers 404 like an unknown id. Every staff use case on one booking starts here.
 */
export async function getBookingForStaff(bookings: Pick<BookingRepository, 'get'>, bookingId: string, access: HotelAccess): Promise<Booking> {
  const booking = await bookings.get(bookingId);
  if (!booking || !canAccessHotel(access, booking.hotelId)) throw new NotFoundError('Booking', bookingId);
  return booking;
}

/** An admin's read (every hotel): `getBookingForStaff` with all hotels. Staff routes pass the caller's access instead. */
export async function getBookingForAdmin(bookings: Pick<BookingRepository, 'get'>, bookingId: string): Promise<Booking> {
  return getBookingForStaff(bookings, bookingId, { kind: 'all' });
}

/**
 * Bookings for staff. A hotel manager naming another hotel is refused (the route's query scope
 * already answered 403; this holds for any other caller too); naming none reads their hotels only.
 */
export async function listBookings(
  bookings: Pick<BookingRepository, 'list'>,
  query: Omit<BookingListQuery, 'hotelIds'>,
  access: HotelAccess = { kind: 'all' },
): Promise<BookingListPage> {
  if (access.kind === 'all') return bookings.list(query);
  if (query.hotelId !== undefined) {
    if (!canAccessHotel(access, query.hotelId)) throw new ForbiddenError(`You do not manage hotel '${query.hotelId}'.`);
    return bookings.list(query);
  }
  return bookings.list({ ...query, hotelIds: access.hotelIds });
}

/**
 * `GET /api/admin/bookings?q=`: bookings found by text, with the list's filters and the same hotel
 * scope as `listBookings`. A booking id finds that booking alone (one read, one page); an e-mail
 * finds that guest's bookings exactly; anything else is a name prefix (`#domain/booking-search.ts`).
 * Text with nothing searchable left once normalized (only punctuation) is refused with 422.
 */
export async function searchBookings(
  deps: { bookings: Pick<BookingRepository, 'get'>; search: BookingSearchReader },
  query: Omit<BookingListQuery, 'hotelIds'> & { q: string },
  access: HotelAccess = { kind: 'all' },
): Promise<BookingListPage> {
  const { q, ...filters } = query;
  const term = parseSearchTerm(q);
  if (!term) {
    throw new ValidationError('The search has no letters or digits to look for.', [{ field: 'query.q', message: 'must contain a letter or a digit' }]);
  }
  if (access.kind !== 'all' && filters.hotelId !== undefined && !canAccessHotel(access, filters.hotelId)) {
    throw new ForbiddenError(`You do not manage hotel '${filters.hotelId}'.`);
  }
  if (term.kind === 'id') {
    if (filters.after) return { items: [] };
    const booking = await deps.bookings.get(term.bookingId);
    const found =
      booking !== undefined &&
      canAccessHotel(access, booking.hotelId) &&
      (filters.hotelId === undefined || booking.hotelId === filters.hotelId) &&
      (filters.status === undefined || booking.status === filters.status) &&
      (filters.from === undefined || booking.checkIn >= filters.from) &&
      (filters.to === undefined || booking.checkIn <= filters.to);
    return { items: found ? [booking] : [] };
  }
  const scope = access.kind === 'all' || filters.hotelId !== undefined ? {} : { hotelIds: access.hotelIds };
  return deps.search.search({ ...filters, ...scope, term });
}

/** `GET /api/bookings`: the signed-in guest's bookings, newest booked first. */
export async function listMyBookings(
  bookings: GuestBookingReader,
  viewer: Viewer,
  query: { status?: BookingStatus; when?: 'upcoming' | 'past'; today: IsoDate; limit: number; after?: PagePosition },
): Promise<BookingListPage> {
  return bookings.listForGuest({
    ownerSub: viewer.subject,
    ...(viewer.verifiedEmail ? { verifiedEmail: viewer.verifiedEmail } : {}),
    ...query,
  });
}
