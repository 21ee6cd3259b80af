import { setTimeout as wait } from 'node:timers/promises';
import { addDays, todayIn, type IsoDate } from '../../shared/domain/dates.ts';

/**
 * Issue 7's "done when" against a running stack: for one night of a PMS-managed room type, as
 * many concurrent checkouts as `factor` times its rooms; then what the inventory API advertised
 * before is compared with what was sold. Only the HTTP API is used (the public inventory and
 * checkout routes, and the admin bookings list to see how each checkout ended), so it runs
 * against `npm start` (`npm run demo:inventory`) and inside `npm run bench`.
 */
export interface OversubscriptionTarget {
  hotelId: string;
  roomTypeId: string;
  /** The night; default: the first night from two weeks ahead on which nothing is sold yet. */
  date?: IsoDate;
}

export interface OversubscriptionResult {
  hotelId: string;
  roomTypeId: string;
  date: IsoDate;
  /** What the inventory API said a checkout could take, just before. */
  advertised: number;
  total: number;
  sellLimit: number;
  /** Checkouts sent at once. */
  fired: number;
  /** Answers by status (and code): `201`, `409 SOLD_OUT`, `429` (throttled), ... */
  answers: Record<string, number>;
  /** Checkouts of this run that ended CONFIRMED. */
  sold: number;
  /** Checkouts of this run whose card was authorized and then voided (the PMS refused after we authorized). */
  authorizeThenVoid: number;
  /** What the inventory API says afterwards. */
  availableAfter: number;
  /** advertised === sold */
  match: boolean;
}

interface Night {
  date: IsoDate;
  available: number;
  total: number;
  sellLimit: number;
  reserved: number;
  soldElsewhere: number;
}

interface AdminBooking {
  bookingId: string;
  status: string;
  payment: { status: string };
}

async function json(res: Response): Promise<{ success: boolean; data?: any; error?: any; nextCursor?: string }> {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    return { success: false, error: { code: `HTTP_${res.status}`, message: text.slice(0, 200) } };
  }
}

async function nights(api: string, target: OversubscriptionTarget, from: IsoDate, to: IsoDate): Promise<Night[]> {
  const res = await fetch(`${api}/api/inventory/${target.hotelId}/${target.roomTypeId}?startDate=${from}&endDate=${to}`);
  const body = await json(res);
  if (!res.ok) throw new Error(`GET inventory of ${target.hotelId}/${target.roomTypeId}: ${res.status} ${JSON.stringify(body.error ?? body)}`);
  return body.data as Night[];
}

/** The first night from two weeks ahead on which nothing is sold, by us or anyone else. */
async function untouchedNight(api: string, target: OversubscriptionTarget, timeZone: string): Promise<IsoDate> {
  const from = addDays(todayIn(timeZone), 14);
  const found = (await nights(api, target, from, addDays(from, 120))).find((n) => n.reserved === 0 && n.soldElsewhere === 0 && n.available > 0);
  if (!found) throw new Error(`No unsold night of ${target.hotelId}/${target.roomTypeId} in the 120 days from ${from}; pass a date.`);
  return found.date;
}

/** Our bookings of the night, by id (admin list, every page). */
async function bookingsOf(api: string, token: string, hotelId: string, date: IsoDate): Promise<Map<string, AdminBooking>> {
  const out = new Map<string, AdminBooking>();
  let cursor: string | undefined;
  do {
    const query = new URLSearchParams({ hotelId, from: date, to: date, limit: '100', ...(cursor ? { cursor } : {}) });
    const res = await fetch(`${api}/api/admin/bookings?${query}`, { headers: { authorization: `Bearer ${token}` } });
    const body = await json(res);
    if (!res.ok) throw new Error(`GET /api/admin/bookings: ${res.status} ${JSON.stringify(body.error ?? body)}`);
    for (const b of body.data as AdminBooking[]) out.set(b.bookingId, b);
    cursor = body.nextCursor;
  } while (cursor);
  return out;
}

export async function oversubscribe(options: {
  api: string;
  adminToken: string;
  target: OversubscriptionTarget;
  /** The hotel's time zone, for "two weeks ahead". */
  timeZone?: string;
  /** Checkouts per room; default 3. */
  factor?: number;
  /** How long to wait for checkouts answered 202 to end. */
  settleMs?: number;
}): Promise<OversubscriptionResult> {
  const { api, target } = options;
  const date = target.date ?? (await untouchedNight(api, target, options.timeZone ?? 'Asia/Seoul'));
  const [before] = await nights(api, target, date, date);
  if (!before) throw new Error(`${target.hotelId}/${target.roomTypeId} has no night ${date}`);
  const fired = Math.max(1, (options.factor ?? 3) * before.total);
  const run = `demo-inv-${Date.now().toString(36)}`;
  const answers: Record<string, number> = {};
  const ours = new Set<string>();

  await Promise.all(
    Array.from({ length: fired }, async (_, i) => {
      const res = await fetch(`${api}/api/booking/checkout`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `${run}-${i}` },
        body: JSON.stringify({
          hotelId: target.hotelId,
          roomTypeId: target.roomTypeId,
          checkIn: date,
          checkOut: addDays(date, 1),
          rooms: 1,
          guests: 1,
          guestInfo: { firstName: 'Demo', lastName: `Guest ${i}`, email: `demo${i}@example.com`, phone: '+82 10 0000 0000' },
          payment: { paymentMethodId: 'pm_card_visa' },
        }),
      });
      const body = await json(res);
      const key = `${res.status}${body.error?.code ? ` ${body.error.code}` : ''}`;
      answers[key] = (answers[key] ?? 0) + 1;
      const bookingId: string | undefined = body.data?.bookingId ?? body.error?.details?.bookingId;
      if (bookingId) ours.add(bookingId);
    }),
  );

  // A checkout answered 202 is still running: wait until each of ours has ended.
  const deadline = Date.now() + (options.settleMs ?? 90_000);
  let bookings = await bookingsOf(api, options.adminToken, target.hotelId, date);
  while ([...ours].some((id) => bookings.get(id)?.status === 'PENDING') && Date.now() < deadline) {
    await wait(2_000);
    bookings = await bookingsOf(api, options.adminToken, target.hotelId, date);
  }
  const mine = [...ours].map((id) => bookings.get(id)).filter((b): b is AdminBooking => b !== undefined);
  const sold = mine.filter((b) => b.status === 'CONFIRMED').length;
  const authorizeThenVoid = mine.filter((b) => b.status !== 'CONFIRMED' && b.payment.status === 'VOIDED').length;
  const [after] = await nights(api, target, date, date);
  return {
    hotelId: target.hotelId,
    roomTypeId: target.roomTypeId,
    date,
    advertised: before.available,
    total: before.total,
    sellLimit: before.sellLimit,
    fired,
    answers,
    sold,
    authorizeThenVoid,
    availableAfter: after?.available ?? 0,
    match: sold === before.available,
  };
}

/** One line a person can read. */
export function describeOversubscription(r: OversubscriptionResult): string {
  return [
    `${r.hotelId}/${r.roomTypeId} on ${r.date}: advertised ${r.advertised} (total ${r.total}, limit ${r.sellLimit}), ${r.fired} concurrent checkouts -> sold ${r.sold}`,
    `${r.match ? 'MATCH' : 'MISMATCH'}; authorize-then-void ${r.authorizeThenVoid}; available after ${r.availableAfter}; answers ${JSON.stringify(r.answers)}`,
  ].join('; ');
}

/** The demo's PMS-managed room types, one per vendor (`npm start` imports them from the PMS simulator). */
export const DEMO_PMS_ROOM_TYPES: (OversubscriptionTarget & { vendor: string })[] = [
  { vendor: 'cloudbeds', hotelId: 'htl_seoul_hanriver', roomTypeId: 'rt_river_suite' },
  { vendor: 'opera', hotelId: 'htl_seoul_gangnam', roomTypeId: 'rt_standard_twin' },
  { vendor: 'generic', hotelId: 'htl_jeju_oceanview', roomTypeId: 'rt_ocean_double' },
];
