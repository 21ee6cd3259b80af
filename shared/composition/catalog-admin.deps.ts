import type { CatalogAdminRepository } from '#ports/catalog-admin.repository.ts';
import type { InventoryReader } from '#ports/inventory.repository.ts';
import type { CatalogAdminDeps } from '#use-cases/catalog/admin-writes.ts';
import type { CalendarDeps } from '#use-cases/catalog/calendar.use-case.ts';
import type { HotelListDeps } from '#use-cases/catalog/hotel-list.use-case.ts';
import { lazyEventPublisher } from './messaging.ts';
import { provider } from './provider.ts';
import { clock } from './runtime.ts';
import { catalogAdmin, hotelCatalog, hotelSearch, inventoryStore, pmsConfigRepository } from './storage.ts';

/** Hotel, room type and rate plan writes: the catalog, its admin writer with the audit, the search's facts, the bus. */
export const catalogAdminDeps = /* @__PURE__ */ provider<CatalogAdminDeps>(() => ({
  catalog: hotelCatalog(),
  admin: catalogAdmin(),
  search: hotelSearch(),
  // Only a (de)activation publishes: the bus is reached then, not at cold start.
  events: lazyEventPublisher(),
  clock: clock(),
}));

/** The room type's hard delete also reads its nights (booked or held rooms refuse it). */
export const roomTypeDeleteDeps = /* @__PURE__ */ provider<CatalogAdminDeps & { inventory: InventoryReader }>(() => ({
  ...catalogAdminDeps(),
  inventory: inventoryStore(),
}));

/** `PUT .../calendar`: the nights through the inventory's admin-edit path, the hotel's limits, the audit. */
export const calendarDeps = /* @__PURE__ */ provider<CalendarDeps>(() => ({
  catalog: hotelCatalog(),
  inventory: inventoryStore(),
  configs: pmsConfigRepository(),
  admin: catalogAdmin(),
  clock: clock(),
}));

/** `GET /api/admin/audit`. */
export const auditDeps = /* @__PURE__ */ provider<{ admin: CatalogAdminRepository }>(() => ({ admin: catalogAdmin() }));

/** `GET /api/admin/hotels`: the catalog's admin listing, nothing else. */
export const hotelListDeps = /* @__PURE__ */ provider<HotelListDeps>(() => ({ hotels: hotelCatalog() }));
