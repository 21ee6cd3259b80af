import { addDays, todayIn, type IsoDate } from '../../shared/domain/dates.ts';
import type { ApiLimits } from '../api-gateway/local-api.ts';

/**
 * What `npm start` prints once the stack is ready: where everything listens, and requests that
 * work when pasted as they are. The example stay starts a week from today in the demo hotel's own
 * time zone, so its dates are valid whatever day and wherever the stack runs; the guest token
 * carries the e-mail the example books with, so that guest can read the booking it made.
 */
export interface ReadyBannerInput {
  apiUrl: string;
  dynamo: { endpoint: string; tableName: string; storage: string };
  /** One line each: name and what `start` reported. */
  services: { name: string; url: string }[];
  schedules: string;
  /** `on (...)` or `off (RATE_LIMITS=off)`. */
  rateLimits: string;
  demo: { hotels: number; roomTypes: number; nights: number };
  /** The demo room the examples book. */
  example: { hotelId: string; roomTypeId: string; timeZone: string };
  now: Date;
  readySeconds: number;
  /** `checks 0.0 s, DynamoDB Local 3.1 s, ...` */
  phases: string;
}

/** The demo guest of the examples: the token for this e-mail sees the bookings made with it. */
export const EXAMPLE_GUEST = { id: 'g_jiwoo', firstName: 'Ji-woo', lastName: 'Park', email: 'jiwoo@example.com', phone: '+82 10 1234 5678' } as const;

/** A two-night stay a week from today in `timeZone`: always in the future, always inside the demo's year of inventory. */
export function exampleStay(timeZone: string, now: Date): { checkIn: IsoDate; checkOut: IsoDate } {
  const today = todayIn(timeZone, now);
  return { checkIn: addDays(today, 7), checkOut: addDays(today, 9) };
}

/** The checkout body of the banner's example, as the API expects it. */
export function exampleCheckoutBody(example: ReadyBannerInput['example'], stay: { checkIn: IsoDate; checkOut: IsoDate }) {
  return {
    hotelId: example.hotelId,
    roomTypeId: example.roomTypeId,
    checkIn: stay.checkIn,
    checkOut: stay.checkOut,
    rooms: 1,
    guests: 2,
    guestInfo: { firstName: EXAMPLE_GUEST.firstName, lastName: EXAMPLE_GUEST.lastName, email: EXAMPLE_GUEST.email, phone: EXAMPLE_GUEST.phone },
    payment: { paymentMethodId: 'pm_card_visa' },
  };
}

export function readyBanner(input: ReadyBannerInput): string {
  const { apiUrl, example } = input;
  const stay = exampleStay(example.timeZone, input.now);
  const body = JSON.stringify(exampleCheckoutBody(example, stay));
  return [
    '',
    'Hotel booking, local stack',
    `  API        ${apiUrl}`,
    `  Health     ${apiUrl}/api/health`,
    `  OpenAPI    ${apiUrl}/api/openapi.json`,
    `  DynamoDB   ${input.dynamo.endpoint} (table ${input.dynamo.tableName}, ${input.dynamo.storage})`,
    ...input.services.map((s) => `  ${s.name.padEnd(11)}${s.url}`),
    `  Schedules  ${input.schedules}`,
    `  Limits     ${input.rateLimits}`,
    `  Demo data  ${input.demo.hotels} hotels, ${input.demo.roomTypes} room types, ${input.demo.nights} nights, imported from the PMS simulator (one per vendor: Cloudbeds, OPERA, generic)`,
    '',
    `Try it (dates from today in ${example.timeZone}):`,
    `  curl "${apiUrl}/api/inventory/${example.hotelId}/${example.roomTypeId}?startDate=${stay.checkIn}&endDate=${addDays(stay.checkOut, -1)}"`,
    'Book it (a new Idempotency-Key each time you paste it):',
    `  curl -X POST ${apiUrl}/api/booking/checkout -H 'content-type: application/json' -H "Idempotency-Key: demo-$(date +%s)" \\`,
    `    -d '${body}'`,
    `Read it as that guest (the token carries the e-mail booked with), or list every booking as an admin:`,
    `  TOKEN=$(npm run -s token -- guest ${EXAMPLE_GUEST.id} ${EXAMPLE_GUEST.email})`,
    `  curl -H "Authorization: Bearer $TOKEN" ${apiUrl}/api/bookings/<bookingId from the answer>`,
    '  TOKEN=$(npm run -s token -- admin)',
    `  curl -H "Authorization: Bearer $TOKEN" ${apiUrl}/api/admin/bookings`,
    '',
    `Ready in ${input.readySeconds.toFixed(1)} s (${input.phases}). Ctrl-C stops everything.`,
  ].join('\n');
}

/** The limits line: route throttles, the stage default, the client limits; or how they were turned off. */
export function describeLimits(limits: ApiLimits | undefined, routeThrottles: Record<string, { burstLimit: number; rateLimit: number }>, apiUrl: string): string {
  if (!limits) return 'off (RATE_LIMITS=off)';
  const own = Object.entries(routeThrottles).map(([routeKey, t]) => `${routeKey} ${t.rateLimit}/s (burst ${t.burstLimit})`);
  const stage = `other routes ${limits.stageThrottle.rateLimit}/s (burst ${limits.stageThrottle.burstLimit}) each`;
  const clients = limits.clientRateLimits.map((r) => `${r.name} ${r.limit} per ${r.windowSeconds} s`);
  return `on: ${[...own, stage, ...clients].join(', ')}. ${apiUrl}/_local/rate-limits lists them; RATE_LIMITS=off turns them off`;
}
