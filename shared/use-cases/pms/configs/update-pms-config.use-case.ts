import { NotFoundError } from '#domain/errors.ts';
import { credentialContext, type PmsConfig } from '#domain/pms-config.ts';
import type { HotelCatalogReader } from '#ports/hotel-catalog.repository.ts';
import type { PmsConfigRepository } from '#ports/pms-config.repository.ts';
import type { SecretCipher } from '#ports/secret-cipher.port.ts';
import { logger } from '#observability/logger.ts';
import type { PmsClients } from '#ports/pms-clients.port.ts';
import { connectPms } from '../import/pms-connector.ts';
import { reapplySellLimits, type ReapplySellLimitsDeps } from '../../inventory/overbooking-policy.use-case.ts';
import type { PmsConfigSummary } from './list-pms-configs.use-case.ts';

/** What an admin may change on a config (`PATCH /api/admin/pms/configs/{configId}`). */
export interface UpdatePmsConfigInput {
  webhookEnabled?: boolean | undefined;
  pollingEnabled?: boolean | undefined;
  pollingIntervalSeconds?: number | undefined;
  pollingHorizonDays?: number | undefined;
  isActive?: boolean | undefined;
  /** `false` resumes a paused config: the failure count restarts at 0 and the circuit closes. */
  paused?: boolean | undefined;
  /** A new API key (rotated in the PMS); checked against the PMS before it replaces the stored one. */
  apiKey?: string | undefined;
  /** A new API root (a PMS that moved); checked like a new key. */
  apiBaseUrl?: string | undefined;
  /**
   * Whether the PMS takes reservations beyond its own availability (its overbooking setting). A
   * change sets every stored night's limit again, as a policy change does.
   */
  acceptsOverbooking?: boolean | undefined;
}

export interface UpdatePmsConfigDeps extends ReapplySellLimitsDeps {
  pmsConfigs: PmsConfigRepository;
  catalog: HotelCatalogReader;
  cipher: SecretCipher;
  pms: Pick<PmsClients, 'connect'>;
  clock: () => Date;
}

/**
 * Changes a PMS config. New credentials or a new base URL are tried on the PMS first (`getHotel`),
 * so a wrong key answers 422 `PMS_AUTH_FAILED` and the working one stays; a new key is sealed with
 * the config's own encryption context and the plaintext is dropped. `updatedAt` changes with every
 * patch, which is what makes `ConfigPmsResolver` rebuild its cached client. A change of
 * `acceptsOverbooking` re-applies the hotel's limits to every stored night (`reapplySellLimits`,
 * the same path as an overbooking policy change), each changed night with a `policy` movement;
 * `nightsChanged` says how many.
 */
export async function updatePmsConfig(
  deps: UpdatePmsConfigDeps,
  configId: string,
  input: UpdatePmsConfigInput,
  actor = 'admin',
): Promise<PmsConfigSummary & { nightsChanged?: number }> {
  const config = await deps.pmsConfigs.get(configId);
  if (!config) throw new NotFoundError('PMS config', configId);
  const fields: Partial<Omit<PmsConfig, 'configId'>> = {
    ...(input.webhookEnabled !== undefined ? { webhookEnabled: input.webhookEnabled } : {}),
    ...(input.pollingEnabled !== undefined ? { pollingEnabled: input.pollingEnabled } : {}),
    ...(input.pollingIntervalSeconds !== undefined ? { pollingIntervalSeconds: input.pollingIntervalSeconds } : {}),
    ...(input.pollingHorizonDays !== undefined ? { pollingHorizonDays: input.pollingHorizonDays } : {}),
    ...(input.isActive !== undefined ? { isActive: input.isActive } : {}),
    ...(input.paused !== undefined ? { paused: input.paused } : {}),
    ...(input.paused === false ? { consecutiveFailures: 0, circuit: { state: 'CLOSED' as const, failures: 0 } } : {}),
    ...(input.acceptsOverbooking !== undefined ? { acceptsOverbooking: input.acceptsOverbooking } : {}),
  };
  if (input.apiKey !== undefined || input.apiBaseUrl !== undefined) {
    const context = credentialContext(configId);
    const apiKey = input.apiKey ?? (await deps.cipher.open(config.credentials, context));
    const apiBaseUrl = input.apiBaseUrl ?? config.apiBaseUrl;
    const { client, baseUrl } = await connectPms(deps.pms, { vendor: config.vendor, pmsHotelId: config.pmsHotelId, apiKey, apiBaseUrl });
    await client.getHotel();
    if (input.apiKey !== undefined) fields.credentials = await deps.cipher.seal(input.apiKey, context);
    fields.apiBaseUrl = baseUrl;
  }
  fields.updatedAt = deps.clock().toISOString();
  const updated = await deps.pmsConfigs.patch(configId, fields);
  logger.info('PMS config updated', {
    configId,
    changed: Object.keys(fields).filter((k) => k !== 'updatedAt' && k !== 'credentials'),
    credentialsRotated: input.apiKey !== undefined,
  });
  const hotel = await deps.catalog.getHotel(updated.hotelId);
  let nightsChanged: number | undefined;
  if (input.acceptsOverbooking !== undefined && input.acceptsOverbooking !== (config.acceptsOverbooking === true) && hotel) {
    nightsChanged = await reapplySellLimits(deps, {
      hotel,
      config: updated,
      reason: input.acceptsOverbooking ? 'the PMS accepts overbooking' : 'the PMS refuses overbooking',
      actor,
      now: deps.clock(),
    });
  }
  return { config: updated, ...(hotel?.name ? { hotelName: hotel.name } : {}), ...(nightsChanged !== undefined ? { nightsChanged } : {}) };
}
