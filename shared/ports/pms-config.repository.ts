import type { PmsConfig } from '#domain/pms-config.ts';
import type { PmsVendor } from '#domain/pms.ts';

export interface PmsConfigRepository {
  get(configId: string): Promise<PmsConfig | undefined>;
  findByHotel(hotelId: string): Promise<PmsConfig | undefined>;
  findByVendorHotel(vendor: PmsVendor, pmsHotelId: string): Promise<PmsConfig | undefined>;
  list(): Promise<PmsConfig[]>;
  put(config: PmsConfig): Promise<void>;
  /** Sets the given fields only; the rest of the config is left as it is. */
  patch(configId: string, fields: Partial<Omit<PmsConfig, 'configId'>>): Promise<PmsConfig>;
}
