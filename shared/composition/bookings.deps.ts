import type { BookingRepository } from '#ports/booking.repository.ts';
import { provider } from './provider.ts';
import { bookingRepository } from './storage.ts';

/** Booking reads for guests and admins. */
export const bookingReadDeps = /* @__PURE__ */ provider<{ bookings: BookingRepository }>(() => ({ bookings: bookingRepository() }));
