import { describe, expect, it } from 'vitest';
import { RouteThrottle } from '../../../local/api-gateway/route-throttle.ts';

describe('RouteThrottle: API Gateway stage and route throttling', () => {
  it('gives every route its own bucket at the stage default, and a route its own setting', () => {
    let now = 0;
    const throttle = new RouteThrottle({ burstLimit: 2, rateLimit: 1 }, () => now);
    const checkout = { burstLimit: 1, rateLimit: 10 };

    const hotels = [throttle.admit('GET /api/hotels'), throttle.admit('GET /api/hotels'), throttle.admit('GET /api/hotels')];
    const health = throttle.admit('GET /api/health');
    const bookings = [throttle.admit('POST /api/booking/checkout', checkout), throttle.admit('POST /api/booking/checkout', checkout)];
    now = 100;
    const bookingLater = throttle.admit('POST /api/booking/checkout', checkout);

    expect(hotels).toEqual([true, true, false]);
    expect(health).toBe(true);
    expect(bookings).toEqual([true, false]);
    expect(bookingLater).toBe(true);
  });
});
