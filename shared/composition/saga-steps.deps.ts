import type {
  ConfirmReservationDeps,
  EscalateDeps,
  FinalizeBookingDeps,
  HoldRoomsDeps,
  Journal,
  PmsStepDeps,
  ReleaseHoldDeps,
} from '#use-cases/checkout/saga-steps.use-cases.ts';
import { lazyEventPublisher } from './messaging.ts';
import { pmsClients } from './pms.ts';
import { provider } from './provider.ts';
import { deadLetterQueue } from './queues.ts';
import { clock, config } from './runtime.ts';
import { bookingRepository, holdRepository, hotelCatalog, inventoryStore } from './storage.ts';

/**
 * The checkout saga's non-payment steps, one builder per step (the payment steps are in
 * `saga-payment-steps.deps.ts`, the only saga module that loads the payment SDK).
 */
const journal = (): Journal => ({ bookings: bookingRepository(), clock: clock() });

export const holdRoomsDeps = /* @__PURE__ */ provider<HoldRoomsDeps>(() => ({
  ...journal(),
  holds: holdRepository(),
  catalog: hotelCatalog(),
  pms: pmsClients(),
  inventory: inventoryStore(),
  events: lazyEventPublisher(),
  holdTtlSeconds: config().holdTtlSeconds,
}));

export const confirmReservationDeps = /* @__PURE__ */ provider<ConfirmReservationDeps>(() => ({
  ...journal(),
  holds: holdRepository(),
  catalog: hotelCatalog(),
  pms: pmsClients(),
  inventory: inventoryStore(),
  events: lazyEventPublisher(),
}));

export const cancelPmsReservationDeps = /* @__PURE__ */ provider<PmsStepDeps>(() => ({ ...journal(), holds: holdRepository(), pms: pmsClients() }));

export const releaseHoldDeps = /* @__PURE__ */ provider<ReleaseHoldDeps>(() => ({ ...journal(), holds: holdRepository(), pms: pmsClients() }));

export const finalizeBookingDeps = /* @__PURE__ */ provider<FinalizeBookingDeps>(() => ({ ...journal(), events: lazyEventPublisher() }));

export const markFailedDeps = /* @__PURE__ */ provider<Journal>(journal);

export const escalateDeps = /* @__PURE__ */ provider<EscalateDeps>(() => ({ ...journal(), deadLetters: deadLetterQueue() }));
