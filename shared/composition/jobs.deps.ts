import type { HoldRepository } from '#ports/hold.repository.ts';
import type { LifecycleJobDeps } from '#use-cases/bookings/lifecycle/lifecycle-jobs.use-case.ts';
import { provider } from './provider.ts';
import { clock } from './runtime.ts';
import { cancellationSagaStarter } from './saga-starter.ts';
import { bookingRepository, findingRepository, holdRepository, hotelCatalog } from './storage.ts';

/** The hold-expiry sweep. (PMS polling uses `pmsSyncDeps`.) */
export const releaseExpiredHoldsDeps = /* @__PURE__ */ provider<{ holds: HoldRepository; clock: () => Date }>(() => ({
  holds: holdRepository(),
  clock: clock(),
}));

/** The no-show and refunds-owed jobs: bookings, findings, the catalog and the cancellation state machine. */
export const lifecycleJobDeps = /* @__PURE__ */ provider<LifecycleJobDeps>(() => ({
  bookings: bookingRepository(),
  catalog: hotelCatalog(),
  findings: findingRepository(),
  saga: cancellationSagaStarter(),
  clock: clock(),
}));
