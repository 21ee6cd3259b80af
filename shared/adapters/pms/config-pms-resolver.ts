import { credentialContext, unbookableReason, type PmsConfig } from '#domain/pms-config.ts';
import type { PmsClient, PmsClientFactory } from '#ports/pms.port.ts';
import type { PmsClients, PmsConnectionInput } from '#ports/pms-clients.port.ts';
import type { PmsConfigRepository } from '#ports/pms-config.repository.ts';
import type { SecretCipher } from '#ports/secret-cipher.port.ts';
import { PmsHostNotAllowedError } from '#domain/pms-egress.ts';
import { PmsUnavailableError } from '#domain/pms-errors.ts';
import type { PmsEgressGuard } from './egress-guard.ts';
import { toPmsConnection } from './pms-client.factory.ts';

export { credentialContext };

export interface ConfigPmsClientsOptions {
  /** Checks every base URL before a client is built for it (`egress-guard.ts`). */
  egress: Pick<PmsEgressGuard, 'vet'>;
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
 *
 * Every base URL passes the egress guard before a client is built for it: an admin's answers 422
 * `PMS_HOST_NOT_ALLOWED` naming the rule; a stored one that no longer passes (the allow-list
 * changed, or its host now resolves inside) makes the hotel's PMS unavailable, with the reason.
 * Each request is checked again when it connects (`pinned-fetch.ts`).
 */
export class ConfigPmsClients implements PmsClients {
  private readonly cache = new Map<string, { client: PmsClient; until: number; updatedAt: string }>();
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly egress: Pick<PmsEgressGuard, 'vet'>;

  constructor(
    private readonly configs: PmsConfigRepository,
    private readonly cipher: SecretCipher,
    private readonly factory: PmsClientFactory,
    options: ConfigPmsClientsOptions,
  ) {
    this.egress = options.egress;
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

  async connect(input: PmsConnectionInput): Promise<{ client: PmsClient; baseUrl: string }> {
    const connection = toPmsConnection(input);
    await this.egress.vet(connection.vendor, connection.baseUrl);
    return { client: this.factory(connection), baseUrl: connection.baseUrl };
  }

  async forConfig(config: PmsConfig): Promise<PmsClient> {
    const cached = this.cache.get(config.configId);
    if (cached && cached.until > this.now() && cached.updatedAt === config.updatedAt) return cached.client;
    try {
      await this.egress.vet(config.vendor, config.apiBaseUrl);
    } catch (error) {
      if (!(error instanceof PmsHostNotAllowedError)) throw error;
      throw new PmsUnavailableError(
        `The PMS address stored for config ${config.configId} is not allowed any more (${error.rule}): ${error.message} ` +
          'An admin sets an allowed apiBaseUrl (PATCH /api/admin/pms/configs/{id}) or changes the allowed hosts.',
        { vendor: config.vendor, cause: error },
      );
    }
    const secret = await this.cipher.open(config.credentials, credentialContext(config.configId));
    const client = this.factory(
      toPmsConnection({ vendor: config.vendor, pmsHotelId: config.pmsHotelId, baseUrl: config.apiBaseUrl, secret }),
    );
    this.cache.set(config.configId, { client, until: this.now() + this.ttlMs, updatedAt: config.updatedAt });
    return client;
  }
}
