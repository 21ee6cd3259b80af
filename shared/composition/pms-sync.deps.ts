import { powertoolsPmsSyncMetrics, type PmsSyncMetrics } from '#use-cases/pms/polling/pms-sync-metrics.ts';
import type { PmsSyncDeps } from '#use-cases/pms/polling/poll-pms-config.use-case.ts';
import { lazyEventPublisher } from './messaging.ts';
import { pmsClients } from './pms.ts';
import { provider } from './provider.ts';
import { clock } from './runtime.ts';
import { bookingRepository, findingRepository, holdRepository, hotelCatalog, inventoryStore, pmsConfigRepository } from './storage.ts';

/** Where poll outcomes are counted: CloudWatch EMF through Powertools. */
export const pmsSyncMetrics = /* @__PURE__ */ provider<PmsSyncMetrics>(() => powertoolsPmsSyncMetrics);

/** PMS polling, "sync now" and live inventory reads: the PMS, the catalog and the inventory. */
export const pmsSyncDeps = /* @__PURE__ */ provider<PmsSyncDeps>(() => ({
  configs: pmsConfigRepository(),
  pms: pmsClients(),
  catalog: hotelCatalog(),
  inventory: inventoryStore(),
  events: lazyEventPublisher(),
  clock: clock(),
  metrics: pmsSyncMetrics(),
}));

/**
 * PMS polling (the schedule and "sync now"): as above, plus our bookings, holds and findings, with
 * which a poll of a PMS without webhooks takes back the bookings the hotel cancelled there.
 */
export const pmsPollDeps = /* @__PURE__ */ provider<PmsSyncDeps>(() => ({
  ...pmsSyncDeps(),
  ourBookings: { bookings: bookingRepository(), holds: holdRepository(), findings: findingRepository() },
}));
