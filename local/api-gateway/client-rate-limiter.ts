import { decodeJwt } from 'jose';
import { rateLimitApplies, type ClientRateLimit } from '../../shared/http/rate-limits.ts';
import { tokenFromHeader } from './jwt-authorizer.ts';

/**
 * The client rate limits of `shared/http/rate-limits.ts`, locally. On AWS they are AWS WAF
 * rate-based rules in front of the API (CloudFront); here the API Gateway emulator asks this
 * limiter first, as the edge would, before routing, throttling or the JWT authorizer.
 *
 * Each rule keeps, per key (client IP, or the token's `sub`), the times of the requests it let
 * through in the last `windowSeconds` (a sliding window on an injected clock, so tests need no
 * waiting). A request that would be the `limit + 1`-th in the window is refused and not counted:
 * `Retry-After` is then exactly when the oldest counted request leaves the window, so a client
 * that waits that long gets through. WAF evaluates its windows approximately, every few seconds;
 * locally the count is exact.
 */
export interface ClientRequest {
  method: string;
  /** The path without query string. */
  path: string;
  /** The caller's IP address. */
  ip: string;
  /** The `Authorization` header, if any. */
  authorization?: string | undefined;
}

export interface RateLimitRefusal {
  rule: ClientRateLimit;
  /** Whole seconds until a request from this client would pass this rule again (at least 1). */
  retryAfterSeconds: number;
}

/**
 * The `sub` of a bearer token, read without verifying it: the edge cannot verify tokens either.
 * A forged token only spends its own (made-up) user's budget, and the authorizer refuses it next.
 */
export function userOf(authorization: string | undefined): string | undefined {
  const token = tokenFromHeader(authorization);
  if (!token) return undefined;
  try {
    const { sub } = decodeJwt(token);
    return typeof sub === 'string' && sub !== '' ? sub : undefined;
  } catch {
    return undefined;
  }
}

export class ClientRateLimiter {
  /** Per rule, per key: times (ms) of the requests counted, oldest first. */
  private readonly windows = new Map<string, Map<string, number[]>>();

  constructor(
    private readonly rules: readonly ClientRateLimit[],
    private readonly clock: () => number,
  ) {
    for (const rule of rules) this.windows.set(rule.name, new Map());
  }

  /** Counts the request against every rule it falls under, or refuses it with the first rule it would exceed. */
  check(request: ClientRequest): RateLimitRefusal | undefined {
    const now = this.clock();
    const counted: number[][] = [];
    for (const rule of this.rules) {
      if (!rateLimitApplies(rule, request.method, request.path)) continue;
      const key = rule.scope === 'ip' ? request.ip : userOf(request.authorization);
      if (key === undefined) continue;
      const byKey = this.windows.get(rule.name)!;
      const windowMs = rule.windowSeconds * 1000;
      const times = (byKey.get(key) ?? []).filter((t) => now - t < windowMs);
      byKey.set(key, times);
      if (times.length >= rule.limit) {
        return { rule, retryAfterSeconds: Math.max(1, Math.ceil((times[0]! + windowMs - now) / 1000)) };
      }
      counted.push(times);
    }
    for (const times of counted) times.push(now);
    return undefined;
  }
}
