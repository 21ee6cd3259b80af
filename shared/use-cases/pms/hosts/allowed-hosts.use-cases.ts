import { ValidationError, type FieldIssue } from '#domain/errors.ts';
import { StorageContentionError } from '#domain/booking-errors.ts';
import { ALLOWED_HOSTS_HISTORY, HOST_PATTERN, MAX_ALLOWED_HOSTS, type PmsAllowedHosts } from '#domain/pms-egress.ts';
import type { PmsAllowedHostsRepository } from '#ports/pms-allowed-hosts.repository.ts';
import { logger } from '#observability/logger.ts';

/** `GET /api/admin/pms/allowed-hosts`: the hosts generic PMSs may be reached at, with who changed them. */
export function getAllowedHosts(deps: { allowedHosts: PmsAllowedHostsRepository }): Promise<PmsAllowedHosts> {
  return deps.allowedHosts.get('generic');
}

export interface ReplaceAllowedHostsInput {
  hosts: string[];
  /** The admin's subject, kept in the item's history. */
  actor: string;
}

/** Replacing the list again when another admin's change landed first; then STORAGE_CONTENTION. */
const REPLACE_ATTEMPTS = 3;

/**
 * `PUT /api/admin/pms/allowed-hosts`: replaces the generic PMS host allow-list. Entries are host
 * names, or `.example.com` for every subdomain of example.com; they are trimmed, lower-cased and
 * deduplicated, and anything else (a scheme, a port, a path, a wildcard `*`) is a 422 naming the
 * entry, with nothing written. Each replacement raises the version and is kept, with who made it
 * and when, in the item's history (the last 20). It takes effect in every function within a
 * minute (the guard caches the list that long).
 *
 * Taking a host off the list stops calls to generic PMSs there: their configs then fail as the PMS
 * being unavailable, saying why, until an admin allows the host again or changes the config.
 */
export async function replaceAllowedHosts(
  deps: { allowedHosts: PmsAllowedHostsRepository; clock: () => Date },
  input: ReplaceAllowedHostsInput,
): Promise<PmsAllowedHosts> {
  const hosts = normaliseHosts(input.hosts);
  for (let attempt = 0; attempt < REPLACE_ATTEMPTS; attempt += 1) {
    const current = await deps.allowedHosts.get('generic');
    const at = deps.clock().toISOString();
    const version = current.version + 1;
    const next: PmsAllowedHosts = {
      vendor: 'generic',
      hosts,
      version,
      updatedAt: at,
      updatedBy: input.actor,
      history: [{ version, at, by: input.actor, hosts }, ...current.history].slice(0, ALLOWED_HOSTS_HISTORY),
    };
    if (await deps.allowedHosts.replace(next, current.version)) {
      logger.info('PMS allowed hosts replaced', { vendor: 'generic', version, by: input.actor, added: hosts.filter((h) => !current.hosts.includes(h)), removed: current.hosts.filter((h) => !hosts.includes(h)) });
      return next;
    }
  }
  throw new StorageContentionError('The allowed hosts kept changing while this replacement was written; read them again and retry.');
}

function normaliseHosts(raw: readonly string[]): string[] {
  const issues: FieldIssue[] = [];
  const hosts: string[] = [];
  raw.forEach((entry, i) => {
    let host = entry.trim().toLowerCase();
    if (host.endsWith('.')) host = host.slice(0, -1);
    if (!HOST_PATTERN.test(host)) {
      issues.push({ field: `body.hosts[${i}]`, message: 'must be a host name (pms.example.com) or .suffix (.example.com): no scheme, port, path or *' });
      return;
    }
    if (!hosts.includes(host)) hosts.push(host);
  });
  if (issues.length > 0) throw new ValidationError('Some allowed hosts are not host names.', issues);
  if (hosts.length > MAX_ALLOWED_HOSTS) throw new ValidationError(`At most ${MAX_ALLOWED_HOSTS} hosts may be allowed.`, [{ field: 'body.hosts', message: `has more than ${MAX_ALLOWED_HOSTS} entries` }]);
  return hosts.sort();
}
