import type { CancelInPmsDeps, ReleaseStayDeps } from '#use-cases/bookings/lifecycle/cancellation-steps.use-cases.ts';
import type { ChangeJournal } from '#use-cases/bookings/lifecycle/change-steps.ts';
import type {
  CommitModificationDeps,
  HoldNewStayDeps,
  ModifyPmsDeps,
  ReleaseNewStayDeps,
  RevertPmsDeps,
} from '#use-cases/bookings/lifecycle/modification-steps.use-cases.ts';
import type { DeadLetterQueue } from '#ports/dead-letter.port.ts';
import { lazyEventPublisher } from './messaging.ts';
import { pmsClients } from './pms.ts';
import { provider } from './provider.ts';
import { deadLetterQueue } from './queues.ts';
import { clock } from './runtime.ts';
import { bookingRepository, holdRepository, hotelCatalog, inventoryStore } from './storage.ts';

/**
 * The cancellation and modification sagas' steps that do not move money, one builder per step
 * (the payment steps are in `lifecycle-payment-steps.deps.ts`, the only lifecycle module with Stripe).
 */
const journal = (): ChangeJournal => ({ bookings: bookingRepository(), clock: clock() });

export const changeJournalDeps = /* @__PURE__ */ provider<ChangeJournal>(journal);

export const cancelInPmsDeps = /* @__PURE__ */ provider<CancelInPmsDeps>(() => ({ ...journal(), holds: holdRepository(), pms: pmsClients() }));

export const releaseStayDeps = /* @__PURE__ */ provider<ReleaseStayDeps>(() => ({ ...journal(), holds: holdRepository(), events: lazyEventPublisher() }));

export const escalateChangeDeps = /* @__PURE__ */ provider<ChangeJournal & { deadLetters: DeadLetterQueue }>(() => ({ ...journal(), deadLetters: deadLetterQueue() }));

export const holdNewStayDeps = /* @__PURE__ */ provider<HoldNewStayDeps>(() => ({ ...journal(), holds: holdRepository() }));

export const modifyPmsDeps = /* @__PURE__ */ provider<ModifyPmsDeps>(() => ({
  ...journal(),
  pms: pmsClients(),
  catalog: hotelCatalog(),
  inventory: inventoryStore(),
  events: lazyEventPublisher(),
}));

export const revertPmsDeps = /* @__PURE__ */ provider<RevertPmsDeps>(() => ({ ...journal(), pms: pmsClients() }));

export const commitModificationDeps = /* @__PURE__ */ provider<CommitModificationDeps>(() => ({ ...journal(), holds: holdRepository(), events: lazyEventPublisher() }));

export const releaseNewStayDeps = /* @__PURE__ */ provider<ReleaseNewStayDeps>(() => ({ ...journal(), holds: holdRepository() }));
