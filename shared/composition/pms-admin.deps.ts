import type { HotelCatalogReader } from '#ports/hotel-catalog.repository.ts';
import type { PmsClients } from '#ports/pms-clients.port.ts';
import type { PmsConfigRepository } from '#ports/pms-config.repository.ts';
import type { SecretCipher } from '#ports/secret-cipher.port.ts';
import type { UpdatePmsConfigDeps } from '#use-cases/pms/configs/update-pms-config.use-case.ts';
import type { SaveListingDeps } from '#use-cases/pms/import/save-imported-listing.use-case.ts';
import { lazyEventPublisher } from './messaging.ts';
import { pmsClients, secretCipher } from './pms.ts';
import { asyncProvider, provider } from './provider.ts';
import { clock, config } from './runtime.ts';
import { hotelCatalog, hotelSearch, inventoryStore, listingImportWriter, pmsConfigRepository } from './storage.ts';
import { webhookSecret } from './webhook-secret.ts';

/** `POST /api/admin/pms/fetch-hotel-data`: a PMS client from typed-in values, nothing stored. */
export const fetchHotelDataDeps = /* @__PURE__ */ provider<{ pms: Pick<PmsClients, 'connect'>; clock: () => Date }>(() => ({
  pms: pmsClients(),
  clock: clock(),
}));

/** `POST /api/admin/pms/listings`: the import, with the webhook secret that derives Cloudbeds' URL token. */
export const saveListingDeps = /* @__PURE__ */ asyncProvider<SaveListingDeps>(async () => ({
  pms: pmsClients(),
  catalog: hotelCatalog(),
  pmsConfigs: pmsConfigRepository(),
  listings: listingImportWriter(),
  inventory: inventoryStore(),
  events: lazyEventPublisher(),
  cipher: secretCipher(),
  search: hotelSearch(),
  clock: clock(),
  webhookSecret: await webhookSecret(),
  apiBaseUrl: config().apiBaseUrl,
}));

/** `GET /api/admin/pms/configs`. */
export const listPmsConfigsDeps = /* @__PURE__ */ provider<{ pmsConfigs: PmsConfigRepository; catalog: HotelCatalogReader }>(() => ({
  pmsConfigs: pmsConfigRepository(),
  catalog: hotelCatalog(),
}));

/**
 * `PATCH /api/admin/pms/configs/{id}`: a new key is checked on the PMS, then sealed; a change of
 * `acceptsOverbooking` sets the nights' limits again.
 */
export const updatePmsConfigDeps = /* @__PURE__ */ provider<UpdatePmsConfigDeps>(() => ({
  pmsConfigs: pmsConfigRepository(),
  catalog: hotelCatalog(),
  inventory: inventoryStore(),
  cipher: secretCipher(),
  pms: pmsClients(),
  clock: clock(),
}));
