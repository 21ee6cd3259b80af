import type { BookingRepository, BookingSearchReader, GuestBookingReader } from '#ports/booking.repository.ts';
import { provider } from './provider.ts';
import { bookingRepository, bookingSearch, guestBookingReader, hotelCatalog } from './storage.ts';
import { clock } from './runtime.ts';
import type { BookingMeasuresDeps } from '#use-cases/bookings/booking-measures.use-case.ts';

/** Booking reads for guests and admins. */
export const bookingReadDeps = /* @__PURE__ */ provider<{ bookings: BookingRepository }>(() => ({ bookings: bookingRepository() }));

/** A guest's own list (`GET /api/bookings`): index gsi3 only. */
export const guestListDeps = /* @__PURE__ */ provider<{ bookings: GuestBookingReader }>(() => ({ bookings: guestBookingReader() }));

/** The admin list and its text search (`GET /api/admin/bookings`): the bookings and their search keys. */
export const bookingSearchDeps = /* @__PURE__ */ provider<{ bookings: BookingRepository; search: BookingSearchReader }>(() => ({
  bookings: bookingRepository(),
  search: bookingSearch(),
}));

/** The booking measures (`GET /api/admin/metrics/bookings`): hotels, bookings and their search keys. */
export const bookingMeasuresDeps = /* @__PURE__ */ provider<BookingMeasuresDeps>(() => ({
  catalog: hotelCatalog(),
  bookings: bookingRepository(),
  search: bookingSearch(),
  clock: clock(),
}));
