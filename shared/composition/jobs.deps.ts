import type { HoldRepository } from '#ports/hold.repository.ts';
import { provider } from './provider.ts';
import { clock } from './runtime.ts';
import { holdRepository } from './storage.ts';

/** The hold-expiry sweep. (PMS polling uses `pmsSyncDeps`.) */
export const releaseExpiredHoldsDeps = /* @__PURE__ */ provider<{ holds: HoldRepository; clock: () => Date }>(() => ({
  holds: holdRepository(),
  clock: clock(),
}));
