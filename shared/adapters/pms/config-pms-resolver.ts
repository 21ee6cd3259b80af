import { credentialContext, unbookableReason, type PmsConfig } from '#domain/pms-config.ts';
import type { PmsClient, PmsClientFactory } from '#ports/pms.port.ts';
import type { PmsClients, PmsConnectionInput } from '#ports/pms-clients.port.ts';
import type { PmsConfigRepository } from '#ports/pms-config.repository.ts';
import type { SecretCipher } from '#ports/secret-cipher.port.ts';
import { PmsUnavailableError } from '#domain/pms-errors.ts';
import { toPmsConnection } from './pms-client.factory.ts';

export { credentialContext };

export interface ConfigPmsClientsOptions {
  /** How long a client (and its opened credentials) is kept per config. Default one minute. */
  ttlMs?: number;
  /** Epoch milliseconds the cache expires by; default `Date.now`, injected so a test can move time. */
  now?: () => number;
}

/**
 * Every PMS client comes from here: a hotel's PMS found from its stored config, credentials opened,
 * or a connection an admin typed in. Clients are kept for a
 * minute per config, so a saga or a poll does not pay a KMS decrypt on every call, and an admin's
 * change to a config takes effect within that minute.
 */
export class ConfigPmsClients implements PmsClients {
  private readonly cache = new Map<string, { client: PmsClient; until: number; updatedAt: string }>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly configs: PmsConfigRepository,
    private readonly cipher: SecretCipher,
    private readonly factory: PmsClientFactory,
    options: ConfigPmsClientsOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  async forHotel(hotelId: string, options: { purpose?: 'book' | 'undo' } = {}): Promise<{ client: PmsClient; config: PmsConfig } | undefined> {
    const config = await this.configs.findByHotel(hotelId);
    if (!config) return undefined;
    if (options.purpose === 'undo') return { client: await this.forConfig(config), config };
    const unbookable = unbookableReason(config);
    if (unbookable) throw new PmsUnavailableError(unbookable, { vendor: config.vendor });
    return { client: await this.forConfig(config), config };
  }

  connect(input: PmsConnectionInput): { client: PmsClient; baseUrl: string } {
    const connection = toPmsConnection(input);
    return { client: this.factory(connection), baseUrl: connection.baseUrl };
  }

  async forConfig(config: PmsConfig): Promise<PmsClient> {
    const cached = this.cache.get(config.configId);
    if (cached && cached.until > this.now() && cached.updatedAt === config.updatedAt) return cached.client;
    const secret = await this.cipher.open(config.credentials, credentialContext(config.configId));
    const client = this.factory(
      toPmsConnection({ vendor: config.vendor, pmsHotelId: config.pmsHotelId, baseUrl: config.apiBaseUrl, secret }),
    );
    this.cache.set(config.configId, { client, until: this.now() + this.ttlMs, updatedAt: config.updatedAt });
    return client;
  }
}
