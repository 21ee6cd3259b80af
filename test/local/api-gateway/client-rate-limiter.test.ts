import { UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { ClientRateLimiter, userOf } from '../../../local/api-gateway/client-rate-limiter.ts';
import { CLIENT_RATE_LIMITS, type ClientRateLimit } from '../../../shared/http/rate-limits.ts';

const bearer = (sub: string) => `Bearer ${new UnsecuredJWT({}).setSubject(sub).encode()}`;

describe('ClientRateLimiter: the WAF rate-based rules, on an injected clock', () => {
  it('refuses the 61st search in a minute from one IP with the seconds to wait, and leaves another IP alone', () => {
    let now = 1_000_000;
    const limiter = new ClientRateLimiter(CLIENT_RATE_LIMITS, () => now);
    const search = { method: 'GET', path: '/api/hotels', ip: '203.0.113.7' };

    const first60 = Array.from({ length: 60 }, (_, i) => {
      now += i === 0 ? 0 : 500; // one every half second: the 60th at +29.5 s
      return limiter.check(search);
    });
    const sixtyFirst = limiter.check(search);
    const otherIp = limiter.check({ ...search, ip: '203.0.113.8' });

    expect(first60.every((r) => r === undefined)).toBe(true);
    expect(sixtyFirst?.rule.name).toBe('search-per-ip');
    // The first search leaves the window 60 s after it was made: 30.5 s from now.
    expect(sixtyFirst?.retryAfterSeconds).toBe(31);
    expect(otherIp).toBeUndefined();
  });

  it('lets the client through again once its oldest counted request leaves the window', () => {
    let now = 0;
    const rule: ClientRateLimit = { name: 'two', description: '', scope: 'ip', limit: 2, windowSeconds: 60, paths: [{ path: '/api/', match: 'prefix' }] };
    const limiter = new ClientRateLimiter([rule], () => now);
    const req = { method: 'POST', path: '/api/booking/checkout', ip: '10.0.0.1' };

    limiter.check(req);
    now = 10_000;
    limiter.check(req);
    now = 59_999;
    const refused = limiter.check(req);
    now = 60_000;
    const admitted = limiter.check(req);

    expect(refused?.retryAfterSeconds).toBe(1);
    expect(admitted).toBeUndefined();
  });

  it('counts a signed-in user across addresses, and never counts a request without a token', () => {
    const rule: ClientRateLimit = { name: 'user', description: '', scope: 'user', limit: 2, windowSeconds: 60, paths: [{ path: '/api/', match: 'prefix' }] };
    const limiter = new ClientRateLimiter([rule], () => 0);
    const as = (sub: string | undefined, ip: string) => ({ method: 'GET', path: '/api/bookings/bk_1', ip, authorization: sub ? bearer(sub) : undefined });

    const g1 = [limiter.check(as('g_1', '10.0.0.1')), limiter.check(as('g_1', '10.0.0.2')), limiter.check(as('g_1', '10.0.0.3'))];
    const g2 = limiter.check(as('g_2', '10.0.0.1'));
    const anonymous = Array.from({ length: 5 }, () => limiter.check(as(undefined, '10.0.0.1')));

    expect(g1.map((r) => r?.rule.name)).toEqual([undefined, undefined, 'user']);
    expect(g2).toBeUndefined();
    expect(anonymous.every((r) => r === undefined)).toBe(true);
  });

  it('counts only the paths and methods a rule names: hotel pages are not search', () => {
    const limiter = new ClientRateLimiter(CLIENT_RATE_LIMITS, () => 0);
    const ip = '198.51.100.1';

    for (let i = 0; i < 100; i += 1) limiter.check({ method: 'GET', path: '/api/hotels/htl_1', ip });
    for (let i = 0; i < 100; i += 1) limiter.check({ method: 'OPTIONS', path: '/api/hotels', ip });
    const search = limiter.check({ method: 'GET', path: '/api/hotels/search', ip });

    expect(search).toBeUndefined();
  });

  it('reads the user from the token without verifying it, as the edge must', () => {
    expect(userOf(bearer('g_42'))).toBe('g_42');
    expect(userOf('Bearer not-a-jwt')).toBeUndefined();
    expect(userOf(undefined)).toBeUndefined();
  });
});
