import type { AttentionDeps } from '#use-cases/bookings/attention.use-cases.ts';
import { lazyPaymentGateway } from './payments.ts';
import { pmsClients } from './pms.ts';
import { provider } from './provider.ts';
import { clock } from './runtime.ts';
import { bookingRepository, deadLetterStore, holdRepository } from './storage.ts';

/** The "Needs attention" routes: the booking, its hold, the gateway and the PMS (what the compensations use). */
export const attentionDeps = /* @__PURE__ */ provider<AttentionDeps>(() => ({
  bookings: bookingRepository(),
  holds: holdRepository(),
  payments: lazyPaymentGateway(),
  pms: pmsClients(),
  deadLetters: deadLetterStore(),
  clock: clock(),
}));

/** Resolving by hand touches nothing but the booking and its recorded dead letters. */
export const resolveBookingDeps = /* @__PURE__ */ provider(() => ({ bookings: bookingRepository(), deadLetters: deadLetterStore(), clock: clock() }));
