import { NotFoundError } from '../../../shared/domain/errors.ts';
import type { PmsConfig } from '../../../shared/domain/pms-config.ts';
import { PMS_VENDORS, type PmsVendor } from '../../../shared/domain/pms.ts';
import type { PmsConfigRepository } from '../../../shared/ports/pms-config.repository.ts';

const copy = <T>(value: T): T => structuredClone(value);

/**
 * PMS configs in memory, with the DynamoDB adapter's rules: `put` replaces a config, `patch` sets
 * only the fields given (undefined ones are skipped) and throws `NotFoundError` for an unknown
 * config, `list` goes vendor by vendor in `PMS_VENDORS` order and by the PMS's hotel id. `patches`
 * records every patch, for tests that assert what a use case wrote.
 */
export class FakePmsConfigRepository implements PmsConfigRepository {
  private readonly configs = new Map<string, PmsConfig>();
  readonly patches: { configId: string; fields: Partial<Omit<PmsConfig, 'configId'>> }[] = [];

  async get(configId: string): Promise<PmsConfig | undefined> {
    const config = this.configs.get(configId);
    return config ? copy(config) : undefined;
  }

  async findByHotel(hotelId: string): Promise<PmsConfig | undefined> {
    const [config] = [...this.configs.values()].filter((c) => c.hotelId === hotelId).sort((a, b) => a.configId.localeCompare(b.configId));
    return config ? copy(config) : undefined;
  }

  async findByVendorHotel(vendor: PmsVendor, pmsHotelId: string): Promise<PmsConfig | undefined> {
    const config = [...this.configs.values()].find((c) => c.vendor === vendor && c.pmsHotelId === pmsHotelId);
    return config ? copy(config) : undefined;
  }

  async list(): Promise<PmsConfig[]> {
    return PMS_VENDORS.flatMap((vendor) =>
      [...this.configs.values()].filter((c) => c.vendor === vendor).sort((a, b) => a.pmsHotelId.localeCompare(b.pmsHotelId)),
    ).map(copy);
  }

  async put(config: PmsConfig): Promise<void> {
    this.configs.set(config.configId, copy(config));
  }

  async patch(configId: string, fields: Partial<Omit<PmsConfig, 'configId'>>): Promise<PmsConfig> {
    const current = this.configs.get(configId);
    if (!current) throw new NotFoundError('PMS config', configId);
    const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    this.patches.push({ configId, fields: copy(set) });
    const next = { ...current, ...copy(set) } as PmsConfig;
    this.configs.set(configId, next);
    return copy(next);
  }
}
