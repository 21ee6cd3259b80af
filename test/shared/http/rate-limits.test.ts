import { describe, expect, it } from 'vitest';
import { CLIENT_RATE_LIMITS, rateLimitApplies, rateLimitedBody, RateLimitsSetting, STAGE_THROTTLE } from '../../../shared/http/rate-limits.ts';
import { routes } from '../../../shared/http/route-table.ts';

describe('the one table of request limits', () => {
  it('holds seed 000\'s and 001\'s client limits: search 60/min per IP, the API 100/min per user', () => {
    expect(CLIENT_RATE_LIMITS.map((r) => [r.name, r.scope, r.limit, r.windowSeconds])).toEqual([
      ['search-per-ip', 'ip', 60, 60],
      ['api-per-user', 'user', 100, 60],
    ]);
  });

  it('only has rules a WAF rate-based rule can express', () => {
    for (const rule of CLIENT_RATE_LIMITS) {
      expect(rule.name).toMatch(/^[A-Za-z0-9_-]{1,128}$/);
      expect(rule.limit).toBeGreaterThanOrEqual(10);
      expect([60, 120, 300, 600]).toContain(rule.windowSeconds);
      expect(rule.paths.length).toBeGreaterThan(0);
    }
  });

  it('counts search on the hotel list and the search route, not on hotel pages', () => {
    const search = CLIENT_RATE_LIMITS[0];

    expect(rateLimitApplies(search, 'GET', '/api/hotels')).toBe(true);
    expect(rateLimitApplies(search, 'get', '/api/hotels/search')).toBe(true);
    expect(rateLimitApplies(search, 'GET', '/api/hotels/htl_1/room-types')).toBe(false);
    expect(rateLimitApplies(search, 'POST', '/api/hotels')).toBe(false);
    expect(rateLimitApplies(CLIENT_RATE_LIMITS[1], 'POST', '/api/booking/checkout')).toBe(true);
  });

  it('names the limit in the 429 body, in the error envelope with its stable code', () => {
    expect(rateLimitedBody(CLIENT_RATE_LIMITS[0])).toEqual({
      success: false,
      error: { code: 'RATE_LIMITED', message: expect.stringMatching(/at most 60 every 60 seconds from one address/) },
    });
  });

  it('keeps the stage default above every route\'s own throttle', () => {
    const own = Object.values(routes).flatMap((r) => ('throttle' in r && r.throttle ? [r.throttle] : []));
    expect(own.length).toBeGreaterThan(0);
    for (const t of own) {
      expect(t.rateLimit).toBeLessThanOrEqual(STAGE_THROTTLE.rateLimit);
      expect(t.burstLimit).toBeLessThanOrEqual(STAGE_THROTTLE.burstLimit);
    }
  });

  it('reads RATE_LIMITS as on (the default) or off', () => {
    expect(RateLimitsSetting.parse(undefined)).toBe('on');
    expect(RateLimitsSetting.parse(' Off ')).toBe('off');
    expect(RateLimitsSetting.safeParse('no').success).toBe(false);
  });
});
