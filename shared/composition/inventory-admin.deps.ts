import type { FindingRepository } from '#ports/finding.repository.ts';
import type { InventoryLedger } from '#ports/inventory.repository.ts';
import type { EditNightDeps } from '#use-cases/inventory/edit-night.use-case.ts';
import type { OverbookingPolicyDeps } from '#use-cases/inventory/overbooking-policy.use-case.ts';
import { provider } from './provider.ts';
import { clock } from './runtime.ts';
import { findingRepository, hotelCatalog, inventoryStore, pmsConfigRepository } from './storage.ts';

/** `GET .../movements`: the ledger alone. */
export const ledgerDeps = /* @__PURE__ */ provider<{ ledger: InventoryLedger }>(() => ({ ledger: inventoryStore() }));

/** `PUT /api/admin/hotels/{hotelId}/overbooking-policy`. */
export const overbookingPolicyDeps = /* @__PURE__ */ provider<OverbookingPolicyDeps>(() => ({
  catalog: hotelCatalog(),
  configs: pmsConfigRepository(),
  inventory: inventoryStore(),
  clock: clock(),
}));

/** `PATCH /api/admin/inventory/{hotelId}/{roomTypeId}/{date}`. */
export const editNightDeps = /* @__PURE__ */ provider<EditNightDeps>(() => ({
  catalog: hotelCatalog(),
  configs: pmsConfigRepository(),
  inventory: inventoryStore(),
  clock: clock(),
}));

/** The reconciliation inbox: list and resolve findings. */
export const findingsDeps = /* @__PURE__ */ provider<{ findings: FindingRepository; clock: () => Date }>(() => ({
  findings: findingRepository(),
  clock: clock(),
}));
