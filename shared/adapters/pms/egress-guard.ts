import { lookup as dnsLookup } from 'node:dns/promises';
import { hostMatches, PmsHostNotAllowedError, type PmsHostRule } from '#domain/pms-egress.ts';
import type { PmsVendor } from '#domain/pms.ts';
import { PmsUnavailableError } from '#domain/pms-errors.ts';
import { classifyAddress, isIpLiteral, type AddressClass } from './address-ranges.ts';

/** One address a host name resolves to. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Host name -> every address it resolves to; injected so tests decide what DNS says. */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** The operating system's resolver (`getaddrinfo`, `/etc/hosts` included), as a connection would use it. */
export const systemResolver: HostResolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

export interface PmsEgressPolicy {
  /** `none` on AWS; `loopback` in the local stack, whose PMS simulator listens on 127.0.0.1. */
  allowPrivate: 'none' | 'loopback';
  /** Hosts (or `.suffixes`) the vendors with a known API domain may be reached at. */
  allowedHosts: Readonly<{ cloudbeds: readonly string[]; opera: readonly string[] }>;
}

export interface PmsEgressGuardDeps {
  resolve?: HostResolver;
  /** The admin's list for generic PMSs (`PmsAllowedHostsRepository`, cached by the composition). */
  genericHosts: () => Promise<readonly string[]>;
}

/** A URL that passed the rules, with the addresses a request to it must connect to. */
export interface VettedTarget {
  url: URL;
  /** Lower case, no brackets, no trailing dot. */
  host: string;
  /** Checked addresses: a literal's own, or every address the name resolved to. */
  addresses: ResolvedAddress[];
}

const ADDRESS_RULES: Record<Exclude<AddressClass, 'public'>, { rule: PmsHostRule; what: string }> = {
  unspecified: { rule: 'unspecified_address', what: 'an unspecified address (0.0.0.0/8, ::)' },
  loopback: { rule: 'loopback_address', what: 'a loopback address' },
  private: { rule: 'private_address', what: 'a private address' },
  link_local: { rule: 'link_local_address', what: 'a link-local address (169.254.0.0/16, fe80::/10)' },
  unique_local: { rule: 'unique_local_address', what: 'a unique-local address (fc00::/7)' },
  cgnat: { rule: 'cgnat_address', what: 'a carrier-grade NAT address (100.64.0.0/10)' },
  multicast: { rule: 'multicast_address', what: 'a multicast address' },
  reserved: { rule: 'reserved_address', what: 'a reserved, non-routable address' },
};

/**
 * The one place that decides where a PMS request may go (issue 7, item 9). Its rules, in order:
 *
 * 1. An absolute `https:` URL without `user:password@`. `http:` only to an allowed loopback
 *    address (the local stack), never on AWS.
 * 2. The host on the vendor's allow-list: configuration for Cloudbeds and OPERA
 *    (`PMS_CLOUDBEDS_ALLOWED_HOSTS`, `PMS_OPERA_ALLOWED_HOSTS`), the admin's list for generic PMSs.
 *    A loopback destination the local stack allows needs no list entry.
 * 3. Every address the host is or resolves to is public: loopback, private, link-local,
 *    unique-local, CGNAT, multicast, unspecified, reserved and their IPv4-mapped forms are
 *    refused (`address-ranges.ts`), loopback alone allowed in the local stack. A name that
 *    resolves to one bad address among good ones is refused: DNS decides which one we would use.
 *
 * `vet` applies all three to an admin-typed or stored base URL (a name off the allow-list is not
 * even resolved); `target` applies 1 and 3 to each request, and `pinned-fetch.ts` then connects to exactly the addresses checked, so a name that
 * resolves differently a moment later (DNS rebinding) cannot redirect the connection.
 */
export class PmsEgressGuard {
  private readonly resolve: HostResolver;

  constructor(
    private readonly policy: PmsEgressPolicy,
    private readonly deps: PmsEgressGuardDeps,
  ) {
    this.resolve = deps.resolve ?? systemResolver;
  }

  /**
   * Checks a PMS base URL against every rule, resolving its host now. Throws
   * `PmsHostNotAllowedError` naming the rule, or `PmsUnavailableError` when DNS cannot answer.
   */
  async vet(vendor: PmsVendor, baseUrl: string): Promise<void> {
    const url = parseUrl(baseUrl);
    const host = hostOf(url);
    // A name off the allow-list is never resolved (no probing of internal DNS through this), except
    // where loopback is allowed: the local stack's simulator may be `localhost`.
    let addresses = isIpLiteral(host) ? [literal(host)] : this.policy.allowPrivate === 'loopback' ? await this.lookup(vendor, host) : undefined;
    if (addresses && this.allLoopbackAllowed(addresses)) return;
    if (addresses && isIpLiteral(host)) this.checkAddresses(host, addresses);
    if (url.protocol !== 'https:') throw refused('https_required', host, `Only https:// PMS addresses are allowed; ${url.protocol}// is not.`);
    await this.checkAllowList(vendor, host);
    addresses ??= await this.lookup(vendor, host);
    this.checkAddresses(host, addresses);
  }

  /**
   * Rules 1 and 3 for one request: the URL's form, then its host's addresses, resolved now. The
   * caller connects to `addresses` and nothing else.
   */
  async target(rawUrl: string): Promise<VettedTarget> {
    const url = parseUrl(rawUrl);
    const host = hostOf(url);
    const addresses = isIpLiteral(host) ? [literal(host)] : await this.lookup(undefined, host);
    const loopback = this.allLoopbackAllowed(addresses);
    if (!loopback) {
      this.checkAddresses(host, addresses);
      if (url.protocol !== 'https:') throw refused('https_required', host, `Only https:// PMS addresses are allowed; ${url.protocol}// is not.`);
    }
    return { url, host, addresses };
  }

  private allLoopbackAllowed(addresses: readonly ResolvedAddress[]): boolean {
    return this.policy.allowPrivate === 'loopback' && addresses.length > 0 && addresses.every((a) => classifyAddress(a.address) === 'loopback');
  }

  private checkAddresses(host: string, addresses: readonly ResolvedAddress[]): void {
    for (const { address } of addresses) {
      const kind = classifyAddress(address);
      if (kind === 'public') continue;
      const { rule, what } = ADDRESS_RULES[kind];
      const named = address === host ? address : `${host}, which resolves to ${address},`;
      throw refused(rule, host, `The PMS address ${named} is ${what}; only public addresses may be reached.`);
    }
  }

  private async checkAllowList(vendor: PmsVendor, host: string): Promise<void> {
    const list = vendor === 'generic' ? await this.deps.genericHosts() : this.policy.allowedHosts[vendor];
    if (list.some((entry) => hostMatches(host, entry))) return;
    const how =
      vendor === 'generic'
        ? 'An admin adds it at PUT /api/admin/pms/allowed-hosts first.'
        : `Allowed for ${vendor}: ${list.join(', ') || 'none'} (PMS_${vendor.toUpperCase()}_ALLOWED_HOSTS).`;
    throw refused('host_not_allowed', host, `${host} is not an allowed ${vendor} PMS host. ${how}`);
  }

  private async lookup(vendor: PmsVendor | undefined, host: string): Promise<ResolvedAddress[]> {
    let addresses: ResolvedAddress[];
    try {
      addresses = await this.resolve(host);
    } catch (error) {
      throw new PmsUnavailableError(`The PMS host ${host} could not be resolved`, { ...(vendor ? { vendor } : {}), cause: error });
    }
    if (addresses.length === 0) throw new PmsUnavailableError(`The PMS host ${host} resolves to no address`, { ...(vendor ? { vendor } : {}) });
    return addresses;
  }
}

function refused(rule: PmsHostRule, host: string, message: string): PmsHostNotAllowedError {
  return new PmsHostNotAllowedError(rule, host, message);
}

function parseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refused('invalid_url', '', 'The PMS address is not an absolute URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refused('invalid_url', url.hostname, `The PMS address must be https://, not ${url.protocol}//.`);
  if (url.username || url.password) throw refused('credentials_in_url', url.hostname, 'The PMS address must not carry a user name or password; the API key is given separately.');
  return url;
}

/** `URL.hostname` is already lower case, punycode and canonical for IPv4 (`0x7f.1` is `127.0.0.1`). */
function hostOf(url: URL): string {
  const h = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return h.endsWith('.') ? h.slice(0, -1) : h;
}

function literal(host: string): ResolvedAddress {
  return { address: host, family: host.includes(':') ? 6 : 4 };
}

/** How long a function keeps the admin's generic host list before reading it again. */
export const GENERIC_HOSTS_CACHE_MS = 60_000;

/**
 * `load` at most once per `ttlMs` (by `now`): the generic allow-list is read from the table when a
 * client is built, not on every request. A failed read is not kept, so the next call tries again.
 */
export function cachedHostList(load: () => Promise<readonly string[]>, options: { ttlMs?: number; now?: () => number } = {}): () => Promise<readonly string[]> {
  const ttlMs = options.ttlMs ?? GENERIC_HOSTS_CACHE_MS;
  const now = options.now ?? Date.now;
  let cached: { hosts: Promise<readonly string[]>; until: number } | undefined;
  return () => {
    if (cached && cached.until > now()) return cached.hosts;
    const hosts = load();
    const entry = { hosts, until: now() + ttlMs };
    cached = entry;
    hosts.catch(() => {
      if (cached === entry) cached = undefined;
    });
    return hosts;
  };
}
