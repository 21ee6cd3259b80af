import { fetchHotelDataDeps, saveListingDeps } from '../../shared/composition/pms-admin.deps.ts';
import { formatPmsSecret } from '../../shared/domain/pms.ts';
import type { PmsVendor } from '../../shared/domain/pms.ts';
import { fetchHotelData } from '../../shared/use-cases/pms/import/fetch-hotel-data.use-case.ts';
import { saveInputFromForm } from '../../shared/use-cases/pms/import/hotel-import-form.ts';
import { saveImportedListing } from '../../shared/use-cases/pms/import/save-imported-listing.use-case.ts';
import type { SimHotel } from '../simulators/pms/sim-hotels.ts';

/**
 * The local stack's demo hotels, imported from the simulated PMS exactly as an admin imports a
 * hotel: `fetchHotelData` (the fetch-hotel-data route's use case) builds the form, and
 * `saveImportedListing` (the listings route's use case) stores it, with a year of inventory
 * instead of 30 days. One hotel per vendor adapter (Cloudbeds, OPERA, generic), each keeping the
 * demo catalogue's ids (`htl_seoul_hanriver`, `rt_deluxe_double`, ...).
 *
 * Their configs carry no webhook secret of their own, so they verify with `PMS_WEBHOOK_SECRET`;
 * Cloudbeds' webhook URL token derives from it too (`webhookUrl` in the result).
 * Running it again (a restart on a kept `--data-dir`) updates the same hotels and never resets
 * rooms already reserved.
 */
export interface DemoImportOptions {
  /** The running PMS simulator: its adapter base URLs and its hotels. */
  simulator: { baseUrl(vendor: PmsVendor): string; state: { hotels: ReadonlyMap<string, SimHotel> } };
  /** Days of inventory from today; default 365. */
  horizonDays?: number;
  /**
   * Settles once the table can be written. Even the admin's "fetch hotel data" step needs it:
   * every PMS request takes its rate-limit slot in the table, locally as on AWS. Default: ready now.
   */
  storageReady?: Promise<unknown>;
}

export interface DemoImportResult {
  vendor: PmsVendor;
  pmsHotelId: string;
  listingId: string;
  configId: string;
  roomTypes: { roomTypeId: string; pmsRoomTypeId: string }[];
  nights: number;
  webhookUrl?: string;
}

export const DEMO_IMPORT_HORIZON_DAYS = 365;

export async function importDemoHotels(options: DemoImportOptions): Promise<DemoImportResult[]> {
  const { simulator } = options;
  // Only the hotels that mirror the demo catalogue: the simulator also holds import-only ones.
  const hotels = [...simulator.state.hotels.values()].filter((h) => h.demoHotelId !== undefined);
  return Promise.all(
    hotels.map(async (hotel) => {
      const apiKey = formatPmsSecret(hotel.credentials);
      const apiBaseUrl = simulator.baseUrl(hotel.vendor);
      await options.storageReady;
      const form = await fetchHotelData(fetchHotelDataDeps(), { vendor: hotel.vendor, hotelId: hotel.pmsHotelId, apiKey, apiBaseUrl });
      // The admin import's own composition, on the configuration in force (the stack's table,
      // `PMS_CREDENTIALS_KEY_FILE` for the sealed keys).
      const deps = await saveListingDeps();
      const roomTypeIds = Object.fromEntries(hotel.roomTypes.flatMap((rt) => (rt.demoRoomTypeId ? [[rt.pmsRoomTypeId, rt.demoRoomTypeId]] : [])));
      const saved = await saveImportedListing(
        deps,
        saveInputFromForm(form, { apiKey, ...(hotel.demoHotelId ? { listingId: hotel.demoHotelId } : {}), roomTypeIds }),
        { horizonDays: options.horizonDays ?? DEMO_IMPORT_HORIZON_DAYS },
      );
      return {
        vendor: hotel.vendor,
        pmsHotelId: hotel.pmsHotelId,
        listingId: saved.listingId,
        configId: saved.configId,
        roomTypes: saved.roomTypes,
        nights: saved.nights,
        ...(saved.webhookUrl ? { webhookUrl: saved.webhookUrl } : {}),
      };
    }),
  );
}
