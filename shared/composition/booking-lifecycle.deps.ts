import type { StartChangeDeps } from '#use-cases/bookings/lifecycle/cancellation.use-case.ts';
import type { HotelOperationDeps } from '#use-cases/bookings/lifecycle/hotel-operations.use-case.ts';
import type { ModificationDeps } from '#use-cases/bookings/lifecycle/modification.use-case.ts';
import { lazyEventPublisher } from './messaging.ts';
import { provider } from './provider.ts';
import { cancellationSagaStarter, modificationSagaStarter } from './saga-starter.ts';
import { clock } from './runtime.ts';
import { bookingRepository, hotelCatalog, inventoryStore } from './storage.ts';

/** Cancellations, no-shows and refunds owed: storage and the cancellation state machine. */
export const cancellationDeps = /* @__PURE__ */ provider<StartChangeDeps>(() => ({
  bookings: bookingRepository(),
  catalog: hotelCatalog(),
  saga: cancellationSagaStarter(),
  clock: clock(),
}));

/** `PATCH /api/bookings/{id}`: storage, the nights, and the modification state machine. */
export const modificationDeps = /* @__PURE__ */ provider<ModificationDeps>(() => ({
  bookings: bookingRepository(),
  catalog: hotelCatalog(),
  inventory: inventoryStore(),
  saga: modificationSagaStarter(),
  clock: clock(),
}));

/** Check-in and check-out: the booking and the bus. */
export const hotelOperationDeps = /* @__PURE__ */ provider<HotelOperationDeps>(() => ({ bookings: bookingRepository(), events: lazyEventPublisher(), clock: clock() }));
