import type { PmsConfig } from '#domain/pms-config.ts';
import type { HotelCatalogReader } from '#ports/hotel-catalog.repository.ts';
import type { PmsConfigRepository } from '#ports/pms-config.repository.ts';

/** A config with the name of the hotel it feeds, for the admin list. */
export interface PmsConfigSummary {
  config: PmsConfig;
  /** Absent when the hotel was removed from the catalog but its config was not. */
  hotelName?: string;
}

/**
 * `GET /api/admin/pms/configs`: every PMS config with its hotel's name, ordered by vendor and the
 * PMS's hotel id. The configs carry sealed credentials; the presenter leaves them out.
 */
export async function listPmsConfigs(deps: { pmsConfigs: PmsConfigRepository; catalog: HotelCatalogReader }): Promise<PmsConfigSummary[]> {
  const configs = await deps.pmsConfigs.list();
  const hotelIds = [...new Set(configs.map((c) => c.hotelId))];
  const hotels = new Map(await Promise.all(hotelIds.map(async (id) => [id, await deps.catalog.getHotel(id)] as const)));
  return configs
    .map((config) => {
      const name = hotels.get(config.hotelId)?.name;
      return { config, ...(name ? { hotelName: name } : {}) };
    })
    .sort((a, b) => a.config.vendor.localeCompare(b.config.vendor) || a.config.pmsHotelId.localeCompare(b.config.pmsHotelId));
}
