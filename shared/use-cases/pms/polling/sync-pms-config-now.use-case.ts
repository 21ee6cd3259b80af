import { NotFoundError } from '#domain/errors.ts';
import { pollPmsConfig, type PmsSyncDeps, type PollOutcome } from './poll-pms-config.use-case.ts';

/**
 * "Sync now" for an admin: polls the config at once, whatever its interval, pause or circuit
 * says, because the admin is usually checking a connection they just repaired. A success lifts a
 * pause and closes the circuit; a failure is recorded like any failed poll. Unknown config: 404.
 */
export async function syncPmsConfigNow(deps: PmsSyncDeps, configId: string): Promise<PollOutcome> {
  const config = await deps.configs.get(configId);
  if (!config) throw new NotFoundError('PMS config', configId);
  return pollPmsConfig(deps, config, { trigger: 'manual' });
}
