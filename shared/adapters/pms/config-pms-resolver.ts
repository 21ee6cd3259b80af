import { credentialContext, type PmsConfig } from '#domain/pms-config.ts';
import type { PmsClient, PmsClientFactory } from '#ports/pms.port.ts';
import type { PmsClients, PmsConnectionInput } from '#ports/pms-clients.port.ts';
import type { PmsConfigRepository } from '#ports/pms-config.repository.ts';
import type { SecretCipher } from '#ports/secret-cipher.port.ts';
import { PmsUnavailableError } from '#domain/pms-errors.ts';
import { toPmsConnection } from './pms-client.factory.ts';

export { credentialContext };

/**
 * Every PMS client comes from here: a hotel's PMS found from its stored config, credentials opened,
 * or a connection an admin typed in. Clients are kept for a
 * minute per config, so a saga or a poll does not pay a KMS decrypt on every call, and an admin's
 * change to a config takes effect within that minute.
 */
export class ConfigPmsClients implements PmsClients {
  private readonly cache = new Map<string, { client: PmsClient; until: number; updatedAt: string }>();

  constructor(
    private readonly configs: PmsConfigRepository,
    private readonly cipher: SecretCipher,
    private readonly factory: PmsClientFactory,
    private readonly ttlMs = 60_000,
  ) {}

  async forHotel(hotelId: string): Promise<{ client: PmsClient; config: PmsConfig } | undefined> {
    const config = await this.configs.findByHotel(hotelId);
    if (!config) return undefined;
    if (!config.isActive) {
      throw new PmsUnavailableError("The hotel's PMS connection is turned off, so it takes no bookings until an admin turns it back on.", {
        vendor: config.vendor,
      });
    }
    if (config.paused && config.lastError?.startsWith('PMS_AUTH_FAILED')) {
      throw new PmsUnavailableError("The hotel's PMS refuses our credentials, so it takes no bookings until an admin renews them.", {
        vendor: config.vendor,
      });
    }
    return { client: await this.forConfig(config), config };
  }

  connect(input: PmsConnectionInput): { client: PmsClient; baseUrl: string } {
    const connection = toPmsConnection(input);
    return { client: this.factory(connection), baseUrl: connection.baseUrl };
  }

  async forConfig(config: PmsConfig): Promise<PmsClient> {
    const cached = this.cache.get(config.configId);
    if (cached && cached.until > Date.now() && cached.updatedAt === config.updatedAt) return cached.client;
    const secret = await this.cipher.open(config.credentials, credentialContext(config.configId));
    const client = this.factory(
      toPmsConnection({ vendor: config.vendor, pmsHotelId: config.pmsHotelId, baseUrl: config.apiBaseUrl, secret }),
    );
    this.cache.set(config.configId, { client, until: Date.now() + this.ttlMs, updatedAt: config.updatedAt });
    return client;
  }
}
