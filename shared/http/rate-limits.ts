import * as z from 'zod';
import type { ErrorCode } from '#domain/errors.ts';
import type { HttpMethod } from './route.ts';

/**
 * Every request limit of the API, in one table, for both runtimes.
 *
 * Two kinds, enforced in two places on AWS:
 * - **Throttling** (API Gateway): a token bucket per route on the `$default` stage. The stage
 *   default below applies to every route on its own; a route's `throttle` in the route table
 *   overrides it for that route. It protects the table and the PMS, whoever is calling; API
 *   Gateway answers `429 {"message":"Too Many Requests"}`.
 * - **Client rate limits** (`CLIENT_RATE_LIMITS`): at most `limit` requests per `windowSeconds`
 *   from one client IP, or one signed-in user. API Gateway's HTTP API has no per-client limits,
 *   so on AWS these are AWS WAF rate-based rules on a CloudFront distribution in front of the API;
 *   the fields below are what such a rule needs. Over the limit, the client gets `429` with
 *   `Retry-After` and the `RATE_LIMITED` body below.
 *
 * The local stack applies both in its API Gateway emulator (`local/api-gateway/`), from this file
 * and the route table, so they can be tried on a laptop. `RATE_LIMITS=off` turns every limit off
 * (route throttling included) for the benchmark and load tests, which send everything from one
 * address; the default is `on`.
 */

/** The `$default` stage's default route throttling: a ceiling that protects the table and the PMS, not a product quota. */
export const STAGE_THROTTLE = { burstLimit: 200, rateLimit: 100 } as const;

/** What one rule counts by: the client's IP address, or the signed-in user (the token's `sub`). */
export type RateLimitScope = 'ip' | 'user';

/**
 * A path a rule counts: `exact` (the path only, without query string) or `prefix` (the path and
 * everything under it). A WAF byte-match statement on the URI path, `EXACTLY` or `STARTS_WITH`.
 */
export interface RateLimitPath {
  path: string;
  match: 'exact' | 'prefix';
}

export interface ClientRateLimit {
  /** The rule's name (a WAF rule name: letters, digits, `-`, `_`) and its id in logs and answers. */
  name: string;
  description: string;
  /**
   * `ip`: per client IP (WAF aggregate key `IP`). `user`: per signed-in user; requests without a
   * bearer token are not counted by such a rule. WAF cannot read the `sub` inside a token, so on
   * AWS the aggregate key is the `Authorization` header (one budget per token); locally it is the
   * token's `sub`.
   */
  scope: RateLimitScope;
  /** Requests allowed per window and key; the next one is refused. WAF's minimum is 10. */
  limit: number;
  /** The evaluation window; WAF offers 60, 120, 300 or 600 seconds. */
  windowSeconds: 60 | 120 | 300 | 600;
  /** The requests the rule counts (a WAF scope-down statement): any of these paths... */
  paths: readonly RateLimitPath[];
  /** ...with one of these methods; every method when absent. */
  methods?: readonly HttpMethod[];
}

/**
 * The client limits of seeds 000 and 001. Search is `GET /api/hotels/search` (issue 9) and the
 * hotel list `GET /api/hotels`, one budget between them; hotel pages under `/api/hotels/{hotelId}`
 * (the hotel, its room types, its availability for a stay) are not search.
 */
export const CLIENT_RATE_LIMITS = [
  {
    name: 'search-per-ip',
    description: 'Search: 60 requests per minute from one client IP',
    scope: 'ip',
    limit: 60,
    windowSeconds: 60,
    methods: ['GET'],
    paths: [
      { path: '/api/hotels', match: 'exact' },
      { path: '/api/hotels/search', match: 'prefix' },
    ],
  },
  {
    name: 'api-per-user',
    description: 'The API: 100 requests per minute per signed-in user',
    scope: 'user',
    limit: 100,
    windowSeconds: 60,
    paths: [{ path: '/api/', match: 'prefix' }],
  },
] as const satisfies readonly ClientRateLimit[];

/** True when the rule counts a request with this method and (query-less) path. */
export function rateLimitApplies(rule: ClientRateLimit, method: string, path: string): boolean {
  if (rule.methods && !rule.methods.includes(method.toUpperCase() as HttpMethod)) return false;
  return rule.paths.some((p) => (p.match === 'exact' ? path === p.path : path.startsWith(p.path)));
}

/** The error code of a refused request; mapped to 429 in `error-mapper.ts`. */
export const RATE_LIMITED_CODE = 'RATE_LIMITED' satisfies ErrorCode;

/**
 * The body of a `429` from a client rate limit: the error envelope, without `requestId`, because
 * the edge (WAF) answers before any request id exists, and a WAF custom response body is fixed
 * text. `Retry-After` comes with it: on AWS the rule's window (a fixed header), locally the exact
 * seconds until the client's oldest counted request leaves the window.
 */
export function rateLimitedBody(rule: Pick<ClientRateLimit, 'limit' | 'windowSeconds' | 'scope'>) {
  const who = rule.scope === 'ip' ? 'from one address' : 'per user';
  return {
    success: false,
    error: {
      code: RATE_LIMITED_CODE,
      message: `Too many requests: at most ${rule.limit} every ${rule.windowSeconds} seconds ${who}. Try again after the number of seconds in Retry-After.`,
    },
  } as const;
}

/** `RATE_LIMITS`: `on` (default) or `off`, which turns every limit off, route throttling included. */
export const RateLimitsSetting = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() !== '' ? value.trim().toLowerCase() : undefined),
  z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
);
