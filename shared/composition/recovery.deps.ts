import { CHECKOUT_SAGA_BUDGET_SECONDS } from '#saga/saga-tasks.ts';
import type { RecoveryDeps } from '#use-cases/checkout/recover-stale-bookings.use-case.ts';
import { lazyEventPublisher } from './messaging.ts';
import { lazyPaymentGateway } from './payments.ts';
import { pmsClients } from './pms.ts';
import { provider } from './provider.ts';
import { deadLetterQueue } from './queues.ts';
import { clock } from './runtime.ts';
import { sagaExecutions, sagaStarter } from './saga-starter.ts';
import { bookingRepository, holdRepository } from './storage.ts';

/**
 * The recovery job (`RecoverStaleBookings`): everything a saga touches, because it settles what a
 * dead saga left, plus the state machine's executions.
 */
export const recoveryDeps = /* @__PURE__ */ provider<RecoveryDeps>(() => ({
  bookings: bookingRepository(),
  holds: holdRepository(),
  payments: lazyPaymentGateway(),
  pms: pmsClients(),
  saga: sagaStarter(),
  executions: sagaExecutions(),
  events: lazyEventPublisher(),
  deadLetters: deadLetterQueue(),
  clock: clock(),
  budgetSeconds: CHECKOUT_SAGA_BUDGET_SECONDS,
  // A checkout stores the booking, then starts its saga within its own 29 s.
  graceSeconds: 120,
  // Half an hour of failed attempts (30 runs) before a person is asked to look.
  escalateAfterSeconds: CHECKOUT_SAGA_BUDGET_SECONDS + 1_800,
}));
