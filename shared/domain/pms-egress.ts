import { DomainError } from './errors.ts';

/**
 * Where the platform may send PMS requests (issue 7, item 9: no server-side request forgery). An
 * admin types a PMS's `apiBaseUrl`; without a guard, "fetch hotel data" would read any URL from
 * inside our network (the instance metadata service at 169.254.169.254, a VPC endpoint) with our
 * credentials in its headers. `docs/architecture.md` ("PMS egress") has the decisions.
 */

/** Which rule refused an address; stable, in the error's `details`. */
export type PmsHostRule =
  /** Not an absolute http(s) URL. */
  | 'invalid_url'
  /** `http:` where only HTTPS is allowed (everything but the local stack's loopback). */
  | 'https_required'
  /** `user:password@` in the URL: credentials go in headers, never in a URL. */
  | 'credentials_in_url'
  /** The host is not on the vendor's allow-list (Cloudbeds, OPERA: configuration; generic: the admin's list). */
  | 'host_not_allowed'
  /** The host is, or resolves to, an address of one of these kinds (`address-ranges.ts`). */
  | 'unspecified_address'
  | 'loopback_address'
  | 'private_address'
  | 'link_local_address'
  | 'unique_local_address'
  | 'cgnat_address'
  | 'multicast_address'
  | 'reserved_address';

/**
 * A PMS address the egress rules refuse (422 `PMS_HOST_NOT_ALLOWED`), raised before anything is
 * sent. Where an admin typed the URL (import, key rotation) it answers their request; a stored
 * config that no longer passes fails its calls as the PMS being unavailable instead.
 */
export class PmsHostNotAllowedError extends DomainError {
  override readonly name = 'PmsHostNotAllowedError';
  readonly code = 'PMS_HOST_NOT_ALLOWED';
  readonly rule: PmsHostRule;
  readonly host: string;

  constructor(rule: PmsHostRule, host: string, message: string, options?: ErrorOptions & { field?: string }) {
    super(message, { ...options, details: [{ field: options?.field ?? 'apiBaseUrl', message, rule }] });
    this.rule = rule;
    this.host = host;
  }

  /** The same refusal, naming the request field the URL came in. */
  forField(field: string): PmsHostNotAllowedError {
    return new PmsHostNotAllowedError(this.rule, this.host, this.message, { field, cause: this.cause });
  }
}

/**
 * The hosts an admin allows generic-protocol PMSs at (`GET/PUT /api/admin/pms/allowed-hosts`).
 * Cloudbeds and OPERA have fixed lists in configuration; a generic PMS can be anywhere, so an
 * admin names it here first. Each replacement is kept in `history` (who, when, what).
 */
export interface PmsAllowedHosts {
  vendor: 'generic';
  /** Host names; `.example.com` also allows every subdomain of example.com. */
  hosts: string[];
  /** Increases by one with every replacement (0: never set). */
  version: number;
  updatedAt?: string;
  updatedBy?: string;
  /** The latest replacements, newest first, at most `ALLOWED_HOSTS_HISTORY`. */
  history: { version: number; at: string; by: string; hosts: string[] }[];
}

export const ALLOWED_HOSTS_HISTORY = 20;
export const MAX_ALLOWED_HOSTS = 100;

/** A host or `.suffix` as the allow-lists hold them: lower case, no scheme, port, path or trailing dot. */
export const HOST_PATTERN = /^\.?(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Does `host` (lower case, no trailing dot) match an allow-list entry: equal, or under a `.suffix`? */
export function hostMatches(host: string, entry: string): boolean {
  return entry.startsWith('.') ? host.endsWith(entry) && host.length > entry.length : host === entry;
}
