import { CHECKOUT_SAGA_BUDGET_SECONDS } from '#saga/saga-tasks.ts';
import type { RecoveryDeps } from '#use-cases/checkout/recover-stale-bookings.use-case.ts';
import { provider } from './provider.ts';
import { deadLetterQueue } from './queues.ts';
import { clock } from './runtime.ts';
import { sagaExecutions, sagaStarter } from './saga-starter.ts';
import { bookingRepository } from './storage.ts';

/**
 * The recovery job (`RecoverStaleBookings`): the bookings and the state machine's executions. It
 * moves no money and calls no PMS itself: the recovery executions it starts run the saga's own
 * task functions.
 */
export const recoveryDeps = /* @__PURE__ */ provider<RecoveryDeps>(() => ({
  bookings: bookingRepository(),
  saga: sagaStarter(),
  executions: sagaExecutions(),
  deadLetters: deadLetterQueue(),
  clock: clock(),
  budgetSeconds: CHECKOUT_SAGA_BUDGET_SECONDS,
  // A checkout stores the booking, then starts its saga within its own 29 s.
  graceSeconds: 120,
}));
