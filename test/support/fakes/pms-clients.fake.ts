import { toPmsConnection } from '../../../shared/adapters/pms/pms-client.factory.ts';
import type { PmsConfig } from '../../../shared/domain/pms-config.ts';
import { PmsUnavailableError } from '../../../shared/domain/pms-errors.ts';
import type { PmsClient, PmsConnection } from '../../../shared/ports/pms.port.ts';
import type { PmsClients, PmsConnectionInput } from '../../../shared/ports/pms-clients.port.ts';
import type { PmsConfigRepository } from '../../../shared/ports/pms-config.repository.ts';
import { Failures } from './failures.ts';
import { FakePmsClient } from './pms-client.fake.ts';

/**
 * The PMS directory in memory. Clients are registered per config id (`register`); `forHotel` finds
 * the hotel's config in the given repository like the real directory does (no config is
 * `undefined`; an inactive or credential-paused one is `PmsUnavailableError`), `forConfig` hands out the registered client (or throws what
 * `failures` armed for `forConfig`, e.g. credentials that no longer open), and `connect` validates
 * the input exactly like the real one (`toPmsConnection`: a base URL is required except for
 * Cloudbeds, the secret must fit the vendor) and then builds a client with `connector`; arm
 * `connect` with a `PmsHostNotAllowedError` to play the egress guard refusing the address.
 *
 * `connections` records every connection made from admin-entered values, secrets included, so a
 * test can check what was tried without any real PMS.
 */
export class FakePmsClients implements PmsClients {
  readonly failures = new Failures<'forHotel' | 'forConfig' | 'connect'>();
  readonly connections: PmsConnection[] = [];
  private readonly clients = new Map<string, PmsClient>();

  constructor(
    private readonly configs: Pick<PmsConfigRepository, 'findByHotel'>,
    /** Builds the client of an admin-entered connection; a `FakePmsClient` of that vendor and hotel by default. */
    public connector: (connection: PmsConnection) => PmsClient = (c) => new FakePmsClient({ vendor: c.vendor, pmsHotelId: c.pmsHotelId }),
  ) {}

  /** Test helper: the client every lookup of `configId` returns. */
  register(configId: string, client: PmsClient): void {
    this.clients.set(configId, client);
  }

  async forHotel(hotelId: string, options: { purpose?: 'book' | 'undo' } = {}): Promise<{ client: PmsClient; config: PmsConfig } | undefined> {
    return this.failures.run('forHotel', async () => {
      const config = await this.configs.findByHotel(hotelId);
      if (!config) return undefined;
      if (options.purpose === 'undo') return { client: this.clientOf(config.configId), config };
      if (!config.isActive) throw new PmsUnavailableError("The hotel's PMS connection is turned off.", { vendor: config.vendor });
      if (config.paused && config.lastError?.startsWith('PMS_AUTH_FAILED')) {
        throw new PmsUnavailableError("The hotel's PMS refuses our credentials.", { vendor: config.vendor });
      }
      return { client: this.clientOf(config.configId), config };
    });
  }

  async forConfig(config: PmsConfig): Promise<PmsClient> {
    return this.failures.run('forConfig', () => this.clientOf(config.configId));
  }

  async connect(input: PmsConnectionInput): Promise<{ client: PmsClient; baseUrl: string }> {
    const connection = toPmsConnection(input);
    return this.failures.run('connect', () => {
      this.connections.push(structuredClone(connection));
      return { client: this.connector(connection), baseUrl: connection.baseUrl };
    });
  }

  private clientOf(configId: string): PmsClient {
    const client = this.clients.get(configId);
    if (!client) throw new Error(`FakePmsClients: no client registered for config ${configId}`);
    return client;
  }
}
