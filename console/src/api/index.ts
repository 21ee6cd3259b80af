import { bookingsApi } from './bookings.ts';
import { capabilitiesApi } from './capabilities.ts';
import { catalogApi } from './catalog.ts';
import { catalogAdminApi } from './catalog-admin.ts';
import { deadLettersApi } from './dead-letters.ts';
import { ApiClient, type ApiClientOptions } from './client.ts';
import { inventoryApi } from './inventory.ts';
import { pmsApi } from './pms.ts';
import { roomsApi } from './rooms.ts';
import { systemApi } from './system.ts';

/**
 * The console's whole API surface: one module per backend area, each a thin typed wrapper over
 * the shared client. A new area (reconciliation, rooms, audit, ...) is a new module added here.
 */
export function createApi(options: ApiClientOptions) {
  const client = new ApiClient(options);
  return {
    client,
    system: systemApi(client),
    capabilities: capabilitiesApi(client),
    catalog: catalogApi(client),
    catalogAdmin: catalogAdminApi(client),
    bookings: bookingsApi(client),
    pms: pmsApi(client),
    inventory: inventoryApi(client),
    rooms: roomsApi(client),
    deadLetters: deadLettersApi(client),
  };
}

export type Api = ReturnType<typeof createApi>;
export { ApiError } from './client.ts';
