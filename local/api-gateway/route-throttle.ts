import { TokenBuckets } from '../http/token-bucket.ts';

/**
 * API Gateway's stage and route throttling, locally: a token bucket per route. Each route of the
 * `$default` stage starts with `burstLimit` tokens and regains `rateLimit` tokens per second, up
 * to `burstLimit`; a request takes one token or is refused with API Gateway's own
 * `429 {"message":"Too Many Requests"}`. The stage default (`STAGE_THROTTLE` in
 * `shared/http/rate-limits.ts`) applies to every route on its own, as API Gateway's default route
 * settings do; a route's `throttle` in the route table replaces it for that route. API Gateway's
 * account-level limit (10,000 requests per second per Region) is not modelled.
 */
export interface ThrottleSettings {
  /** Bucket size: requests that may arrive at once. */
  burstLimit: number;
  /** Steady requests per second. */
  rateLimit: number;
}

export class RouteThrottle {
  private readonly buckets: TokenBuckets;

  constructor(
    private readonly stageDefault: ThrottleSettings,
    clock: () => number,
  ) {
    this.buckets = new TokenBuckets(clock);
  }

  /** Whether a request for `routeKey` may pass; `routeThrottle` is the route's own setting, if any. */
  admit(routeKey: string, routeThrottle?: ThrottleSettings): boolean {
    const { burstLimit, rateLimit } = routeThrottle ?? this.stageDefault;
    return this.buckets.take(routeKey, { burst: burstLimit, perSecond: rateLimit });
  }
}
