import type { ArrivalRemindersDeps } from '#use-cases/notifications/arrival-reminders.use-case.ts';
import type { HotelDeactivationDeps } from '#use-cases/notifications/hotel-deactivation.use-case.ts';
import type { GuestMailDeps } from '#use-cases/notifications/send-guest-mail.use-case.ts';
import { mailSender } from './mail.ts';
import { lazyEventPublisher } from './messaging.ts';
import { provider } from './provider.ts';
import { clock } from './runtime.ts';
import { bookingRepository, hotelCatalog, sentMailLog } from './storage.ts';

/** The guest-mail consumer: storage and SES. */
export const guestMailDeps = /* @__PURE__ */ provider<GuestMailDeps>(() => ({
  bookings: bookingRepository(),
  catalog: hotelCatalog(),
  mail: mailSender(),
  sent: sentMailLog(),
  clock: clock(),
}));

/** The pre-arrival reminder job: storage and the bus. */
export const arrivalRemindersDeps = /* @__PURE__ */ provider<ArrivalRemindersDeps>(() => ({
  bookings: bookingRepository(),
  catalog: hotelCatalog(),
  events: lazyEventPublisher(),
  once: sentMailLog(),
  clock: clock(),
}));

/** The `hotel.deactivated` fan-out: storage and the bus. */
export const hotelDeactivationDeps = /* @__PURE__ */ provider<HotelDeactivationDeps>(() => ({
  bookings: bookingRepository(),
  catalog: hotelCatalog(),
  events: lazyEventPublisher(),
  clock: clock(),
}));
