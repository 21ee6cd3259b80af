import type { HotelCatalogReader } from '#ports/hotel-catalog.repository.ts';
import type { HotelSearch } from '#ports/hotel-search.port.ts';
import type { HotelAvailabilityDeps } from '#use-cases/search/hotel-availability.use-case.ts';
import type { InventoryReader } from '#ports/inventory.repository.ts';
import type { LiveReadDeps } from '#use-cases/pms/polling/read-through.ts';
import { pmsSyncDeps } from './pms-sync.deps.ts';
import { provider } from './provider.ts';
import { clock } from './runtime.ts';
import { hotelCatalog, hotelSearch, inventoryStore } from './storage.ts';

/** The public catalog reads (hotels, room types): the catalog alone. */
export const catalogReadDeps = /* @__PURE__ */ provider<{ catalog: HotelCatalogReader }>(() => ({ catalog: hotelCatalog() }));

/** Inventory reads: stored nights, and the PMS for nights never synced. */
export const inventoryReadDeps = /* @__PURE__ */ provider<{ catalog: HotelCatalogReader; inventory: InventoryReader; live: LiveReadDeps }>(() => ({
  catalog: hotelCatalog(),
  inventory: inventoryStore(),
  live: pmsSyncDeps(),
}));

/** `GET /api/hotels/search`: the search port's default adapter (the availability summary). */
export const searchDeps = /* @__PURE__ */ provider<{ search: HotelSearch; clock: () => Date }>(() => ({ search: hotelSearch(), clock: clock() }));

/** `GET /api/hotels/{hotelId}/availability`: the hotel and its summary nights. */
export const hotelAvailabilityDeps = /* @__PURE__ */ provider<HotelAvailabilityDeps>(() => ({
  catalog: hotelCatalog(),
  availability: hotelSearch(),
  clock: clock(),
}));
