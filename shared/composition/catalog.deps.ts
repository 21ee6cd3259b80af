import type { HotelCatalogReader } from '#ports/hotel-catalog.repository.ts';
import type { InventoryReader } from '#ports/inventory.repository.ts';
import type { LiveReadDeps } from '#use-cases/pms/polling/read-through.ts';
import { pmsSyncDeps } from './pms-sync.deps.ts';
import { provider } from './provider.ts';
import { hotelCatalog, inventoryStore } from './storage.ts';

/** The public catalog reads (hotels, room types): the catalog alone. */
export const catalogReadDeps = /* @__PURE__ */ provider<{ catalog: HotelCatalogReader }>(() => ({ catalog: hotelCatalog() }));

/** Inventory reads: stored nights, and the PMS for nights never synced. */
export const inventoryReadDeps = /* @__PURE__ */ provider<{ catalog: HotelCatalogReader; inventory: InventoryReader; live: LiveReadDeps }>(() => ({
  catalog: hotelCatalog(),
  inventory: inventoryStore(),
  live: pmsSyncDeps(),
}));
