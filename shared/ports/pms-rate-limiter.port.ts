/** The vendor's request limit one key is held to. */
export interface PmsRateLimit {
  /** Requests per second the vendor allows for this key (Cloudbeds 5 per property, OHIP 50 per environment). */
  ratePerSecond: number;
}

/**
 * One request limit per PMS property (or OHIP environment) for every function at once. A PMS
 * limit is the vendor's, per property, while eight kinds of Lambda function call the PMS, each in
 * as many containers as it has concurrent invocations: a limiter inside one process cannot keep a
 * property under 5 requests a second. Every PMS request takes a slot here first
 * (`shared/adapters/pms/http.ts`); the composition shares the slots through DynamoDB
 * (`shared/adapters/pms/rate-limiter.ts` explains the scheme).
 *
 * `key` names what the vendor counts: `cloudbeds|<host>|<propertyId>`, `opera|<host>`,
 * `generic|<host>|<hotelId>`.
 */
export interface PmsRateLimiter {
  /**
   * Resolves when one request for `key` may be sent, at once. Rejects with `PmsRateLimitedError`
   * (`origin: 'client'`, retryable, nothing sent) when no slot is free within the wait budget.
   */
  acquire(key: string, limit: PmsRateLimit): Promise<void>;
}
