import { describe, expect, it } from 'vitest';
import { describeLimits, exampleCheckoutBody, exampleStay, readyBanner, type ReadyBannerInput } from '../../../local/stack/ready-banner.ts';
import { CheckoutBody } from '../../../shared/http/schemas/booking.schema.ts';
import { CLIENT_RATE_LIMITS, STAGE_THROTTLE } from '../../../shared/http/rate-limits.ts';

const input = (now: Date): ReadyBannerInput => ({
  apiUrl: 'http://localhost:3000',
  dynamo: { endpoint: 'http://127.0.0.1:8000', tableName: 'hotel-booking-local', storage: 'in memory' },
  services: [{ name: 'PMS', url: 'http://127.0.0.1:4000 (simulator)' }],
  schedules: 'off',
  rateLimits: 'off (RATE_LIMITS=off)',
  demo: { hotels: 3, roomTypes: 6, nights: 2190 },
  example: { hotelId: 'htl_seoul_hanriver', roomTypeId: 'rt_deluxe_double', timeZone: 'Asia/Seoul' },
  now,
  readySeconds: 6.25,
  phases: 'checks 0.0 s',
});

describe('the ready banner of npm start', () => {
  it('dates the example stay from today in the hotel\'s time zone, not the machine\'s', () => {
    // 20:00 UTC on 31 Dec is already 1 Jan in Seoul.
    expect(exampleStay('Asia/Seoul', new Date('2026-12-31T20:00:00Z'))).toEqual({ checkIn: '2027-01-08', checkOut: '2027-01-10' });
    expect(exampleStay('America/New_York', new Date('2026-12-31T20:00:00Z'))).toEqual({ checkIn: '2027-01-07', checkOut: '2027-01-09' });
  });

  it('prints a checkout that the API accepts as it is, dated from today', () => {
    const banner = readyBanner(input(new Date('2026-12-03T10:00:00Z')));

    const pasted = /-d '(\{.*\})'$/m.exec(banner)?.[1];
    const body = CheckoutBody.safeParse(JSON.parse(pasted!));
    expect(body.success).toBe(true);
    expect(body.data).toMatchObject({ checkIn: '2026-12-10', checkOut: '2026-12-12' });
    expect(banner).toContain('curl -X POST http://localhost:3000/api/booking/checkout');
    expect(banner).toContain('"Idempotency-Key: demo-$(date +%s)"');
    expect(banner).toContain('curl "http://localhost:3000/api/inventory/htl_seoul_hanriver/rt_deluxe_double?startDate=2026-12-10&endDate=2026-12-11"');
  });

  it('gives the guest token the e-mail the example books with, so that guest can see the booking', () => {
    const banner = readyBanner(input(new Date('2026-12-03T10:00:00Z')));
    const email = exampleCheckoutBody(input(new Date()).example, { checkIn: '2026-12-10', checkOut: '2026-12-12' }).guestInfo.email;

    expect(banner).toMatch(new RegExp(`TOKEN=\\$\\(npm run -s token -- guest g_\\w+ ${email.replace('.', '\\.')}\\)`));
    expect(banner).toContain('npm run -s token -- admin');
    expect(banner).toMatch(/^Ready in 6\.3 s \(checks 0\.0 s\)\. Ctrl-C stops everything\.$/m);
  });

  it('states the limits in force, or that RATE_LIMITS=off turned them off', () => {
    const on = describeLimits({ stageThrottle: STAGE_THROTTLE, clientRateLimits: CLIENT_RATE_LIMITS }, { 'POST /api/booking/checkout': { burstLimit: 50, rateLimit: 20 } }, 'http://localhost:3000');

    expect(on).toMatch(/^on: POST \/api\/booking\/checkout 20\/s \(burst 50\), other routes 100\/s \(burst 200\) each, search-per-ip 60 per 60 s, api-per-user 100 per 60 s\./);
    expect(describeLimits(undefined, {}, 'http://localhost:3000')).toBe('off (RATE_LIMITS=off)');
  });
});
