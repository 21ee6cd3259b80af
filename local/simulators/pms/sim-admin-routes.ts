import * as z from 'zod';
import { isIsoDate } from '../../../shared/domain/dates.ts';
import { isPmsVendor } from '../../../shared/domain/pms.ts';
import { RouteMatcher } from '../../http/route-matcher.ts';
import { assignRoomsAsHotel, type OtherChannelSale } from './hotel-actions.ts';
import { SimAdminError, type SimResponse } from './sim-http.ts';
import { reservationView, type PmsSimState, type SimHotelSettings, type SimNight, type SimReservation, type SimReservationStatus } from './sim-state.ts';
import type { ReleaseOrder, WebhookDisorder } from './webhook-dispatcher.ts';
import type { WebhookDelivery } from './webhooks.ts';

/**
 * The simulator's own control API under `/_sim/`, for tests and people trying things by hand:
 * read its state, requests and webhook deliveries; act as the hotel (change a night's total,
 * price and restrictions, sell rooms through another channel, cancel any reservation, accept
 * overbooking or not); point its webhooks somewhere and make them arrive twice, late or out of
 * order; force 429s; add latency. JSON in, JSON out; refusals are `{ error: { code, message } }`.
 * The README's local-stack section lists every route.
 */
export interface SimControls {
  state: PmsSimState;
  deliveries(): WebhookDelivery[];
  setNight(pmsHotelId: string, pmsRoomTypeId: string, date: string, patch: Partial<SimNight>, options: { notify: boolean }): Promise<{ night: SimNight; available: number; webhooks: WebhookDelivery[] }>;
  setSettings(pmsHotelId: string, patch: Partial<SimHotelSettings>): SimHotelSettings;
  createReservation(pmsHotelId: string, sale: OtherChannelSale, options: { notify: boolean }): Promise<{ reservation: SimReservation; webhooks: WebhookDelivery[] }>;
  cancelReservation(pmsHotelId: string, reservationId: string, options: { notify: boolean }): Promise<{ reservation: SimReservation; webhooks: WebhookDelivery[] }>;
  setReservationStatus(
    pmsHotelId: string,
    reservationId: string,
    status: SimReservationStatus,
    options: { notify: boolean },
  ): Promise<{ reservation: SimReservation; webhooks: WebhookDelivery[] }>;
  disorderWebhooks(spec: WebhookDisorder): void;
  releaseWebhooks(order: ReleaseOrder): Promise<WebhookDelivery[]>;
  webhookStatus(): { disorder: WebhookDisorder | null; held: number };
  clearWebhookDisorder(): void;
  configureWebhooks(config: unknown): { generic: string | null; cloudbeds: string | null };
  rateLimitNext(count: number, options: { retryAfterSeconds: number; vendor?: string }): void;
  setLatency(ms: number): number;
}

type Params = Record<string, string>;
type AdminHandler = (controls: SimControls, body: unknown, params: Params, query: URLSearchParams) => SimResponse | Promise<SimResponse>;

const IsoDate = z.string().refine(isIsoDate, { message: 'must be a date, YYYY-MM-DD' });
const Count = z.number().int().min(0).max(100_000);
/** A length-of-stay restriction: a number of nights, or `null` (or 0) to lift it. */
const Nights = z.number().int().min(0).max(365).nullable();

const NightBody = z.strictObject({
  total: Count.optional(),
  priceMinor: z.number().int().min(0).optional(),
  minStay: Nights.optional(),
  maxStay: Nights.optional(),
  closedToArrival: z.boolean().optional(),
  closedToDeparture: z.boolean().optional(),
  stopSell: z.boolean().optional(),
  notify: z.boolean().default(true),
});

/** The hotel assigns physical rooms (their door numbers) to a reservation; `[]` takes them back. */
const RoomsBody = z.strictObject({ roomNumbers: z.array(z.string().min(1).max(20)).max(100) });

const SaleBody = z.strictObject({
  roomTypeId: z.string().min(1),
  checkIn: IsoDate,
  checkOut: IsoDate,
  rooms: z.number().int().min(1).max(1000).default(1),
  channel: z.string().min(1).max(40).default('front-desk'),
  externalId: z.string().max(128).optional(),
  guests: z.number().int().min(1).max(10_000).optional(),
  notify: z.boolean().default(true),
});

const NotifyBody = z.strictObject({ notify: z.boolean().default(true) });

const SIM_RESERVATION_STATUSES = ['confirmed', 'cancelled', 'checked_in', 'checked_out', 'no_show'] as const satisfies readonly SimReservationStatus[];

const StatusBody = z.strictObject({ status: z.enum(SIM_RESERVATION_STATUSES), notify: z.boolean().default(true) });

const SettingsBody = z.strictObject({ acceptsOverbooking: z.boolean() });

const DisorderBody = z.strictObject({
  duplicate: z.boolean().optional(),
  delayMs: z.number().int().min(0).max(600_000).optional(),
  hold: z.boolean().optional(),
  times: z.number().int().min(1).max(1000).default(1),
  vendor: z.enum(['generic', 'cloudbeds']).optional(),
});

const ReleaseBody = z.strictObject({ order: z.enum(['sent', 'reverse']).default('sent') });

function refuse(status: number, code: string, message: string): SimResponse {
  return { status, body: { error: { code, message } } };
}

function parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
  throw new SimAdminError(400, 'validation_failed', detail);
}

function hotelOf(c: SimControls, pmsHotelId: string): void {
  if (!c.state.hotel(pmsHotelId)) throw new SimAdminError(404, 'not_found', `The simulator has no hotel ${pmsHotelId}`);
}

const webhookSummary = (sent: WebhookDelivery[]) => sent.map(({ url, status, error }) => ({ url, ...(status !== undefined ? { status } : {}), ...(error ? { error } : {}) }));

/** A night as the generic protocol would report it, for people reading the simulator. */
function nightView(c: SimControls, hotelId: string, roomTypeId: string, date: string) {
  return { night: c.state.night(hotelId, roomTypeId, date) ?? null, available: c.state.available(hotelId, roomTypeId, date), taken: c.state.taken(hotelId, roomTypeId, date) };
}

const routes = new RouteMatcher<AdminHandler>()
  .add('GET', '/_sim/state', (c) => ({ status: 200, body: c.state.snapshot() }))
  .add('GET', '/_sim/requests', (c) => ({ status: 200, body: { requests: c.state.requests } }))
  .add('GET', '/_sim/deliveries', (c) => ({ status: 200, body: { deliveries: c.deliveries().map(({ headers: _h, ...d }) => d) } }))
  .add('GET', '/_sim/hotels/{hotelId}/room-types/{roomTypeId}/nights/{date}', (c, _body, { hotelId, roomTypeId, date }) => {
    if (!isIsoDate(date!)) return refuse(400, 'validation_failed', 'date must be YYYY-MM-DD');
    if (!c.state.roomType(hotelId!, roomTypeId!)) return refuse(404, 'not_found', 'unknown hotel or room type');
    return { status: 200, body: nightView(c, hotelId!, roomTypeId!, date!) };
  })
  .add('PUT', '/_sim/hotels/{hotelId}/room-types/{roomTypeId}/nights/{date}', async (c, body, { hotelId, roomTypeId, date }) => {
    if (!isIsoDate(date!)) return refuse(400, 'validation_failed', 'date must be YYYY-MM-DD');
    if (!c.state.roomType(hotelId!, roomTypeId!)) return refuse(404, 'not_found', 'unknown hotel or room type');
    const { notify, ...fields } = parse(NightBody, body);
    const patch: Partial<SimNight> = {};
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      // 0 or null lifts a length-of-stay restriction.
      (patch as Record<string, unknown>)[key] = (key === 'minStay' || key === 'maxStay') && !value ? undefined : value;
    }
    const changed = await c.setNight(hotelId!, roomTypeId!, date!, patch, { notify });
    return { status: 200, body: { night: changed.night, available: changed.available, webhooks: webhookSummary(changed.webhooks) } };
  })
  .add('GET', '/_sim/hotels/{hotelId}/settings', (c, _body, { hotelId }) => {
    hotelOf(c, hotelId!);
    return { status: 200, body: { settings: c.state.settings(hotelId!) } };
  })
  .add('PUT', '/_sim/hotels/{hotelId}/settings', (c, body, { hotelId }) => {
    hotelOf(c, hotelId!);
    return { status: 200, body: { settings: c.setSettings(hotelId!, parse(SettingsBody, body)) } };
  })
  .add('GET', '/_sim/hotels/{hotelId}/reservations', (c, _body, { hotelId }, query) => {
    hotelOf(c, hotelId!);
    const status = query.get('status');
    if (status !== null && !(SIM_RESERVATION_STATUSES as readonly string[]).includes(status)) {
      return refuse(400, 'validation_failed', `status must be one of ${SIM_RESERVATION_STATUSES.join(', ')}`);
    }
    const reservations = c.state.reservationsOf(hotelId!, {
      ...(query.get('externalId') !== null ? { externalId: query.get('externalId')! } : {}),
      ...(status !== null ? { status: status as SimReservationStatus } : {}),
      ...(query.get('channel') !== null ? { channel: query.get('channel')! } : {}),
    });
    return { status: 200, body: { reservations: reservations.map(reservationView) } };
  })
  .add('POST', '/_sim/hotels/{hotelId}/reservations', async (c, body, { hotelId }) => {
    const { notify, ...sale } = parse(SaleBody, body);
    const made = await c.createReservation(hotelId!, sale, { notify });
    return { status: 201, body: { reservation: reservationView(made.reservation), webhooks: webhookSummary(made.webhooks) } };
  })
  .add('POST', '/_sim/hotels/{hotelId}/reservations/{reservationId}/cancel', async (c, body, { hotelId, reservationId }) => {
    const { notify } = parse(NotifyBody, body);
    const done = await c.cancelReservation(hotelId!, reservationId!, { notify });
    return { status: 200, body: { reservation: reservationView(done.reservation), webhooks: webhookSummary(done.webhooks) } };
  })
  .add('POST', '/_sim/hotels/{hotelId}/reservations/{reservationId}/status', async (c, body, { hotelId, reservationId }) => {
    const { notify, status } = parse(StatusBody, body);
    const done = await c.setReservationStatus(hotelId!, reservationId!, status, { notify });
    return { status: 200, body: { reservation: reservationView(done.reservation), webhooks: webhookSummary(done.webhooks) } };
  })
  .add('PUT', '/_sim/hotels/{hotelId}/reservations/{reservationId}/rooms', (c, body, { hotelId, reservationId }) => {
    hotelOf(c, hotelId!);
    const { roomNumbers } = parse(RoomsBody, body);
    return { status: 200, body: { reservation: reservationView(assignRoomsAsHotel(c.state, hotelId!, reservationId!, roomNumbers)) } };
  })
  .add('PUT', '/_sim/webhooks', (c, body) => ({ status: 200, body: c.configureWebhooks(body) }))
  .add('GET', '/_sim/webhooks/disorder', (c) => ({ status: 200, body: c.webhookStatus() }))
  .add('POST', '/_sim/webhooks/disorder', (c, body) => {
    const spec = parse(DisorderBody, body);
    if (!spec.duplicate && !spec.hold && !spec.delayMs) return refuse(400, 'validation_failed', 'Ask for duplicate, hold or delayMs');
    c.disorderWebhooks(spec);
    return { status: 200, body: c.webhookStatus() };
  })
  .add('DELETE', '/_sim/webhooks/disorder', (c) => {
    c.clearWebhookDisorder();
    return { status: 200, body: c.webhookStatus() };
  })
  .add('POST', '/_sim/webhooks/release', async (c, body) => {
    const { order } = parse(ReleaseBody, body);
    return { status: 200, body: { webhooks: webhookSummary(await c.releaseWebhooks(order)) } };
  })
  .add('POST', '/_sim/rate-limit', (c, body) => {
    const b = (body ?? {}) as Record<string, unknown>;
    const vendor = typeof b.vendor === 'string' && isPmsVendor(b.vendor) ? b.vendor : undefined;
    c.rateLimitNext(Number(b.count ?? 1), { retryAfterSeconds: Number(b.retryAfterSeconds ?? 1), ...(vendor ? { vendor } : {}) });
    return { status: 200, body: { ok: true } };
  })
  .add('POST', '/_sim/latency', (c, body) => ({ status: 200, body: { latencyMs: c.setLatency(Number(((body ?? {}) as Record<string, unknown>).latencyMs ?? 0)) } }));

export async function handleSimAdmin(controls: SimControls, method: string, path: string, rawBody: string, query: URLSearchParams = new URLSearchParams()): Promise<SimResponse> {
  let body: unknown = {};
  try {
    body = rawBody ? JSON.parse(rawBody) : {};
  } catch {
    return refuse(400, 'bad_request', 'invalid JSON');
  }
  const found = routes.match(method, path);
  if (!found) return refuse(404, 'not_found', 'unknown simulator admin route; the README lists them');
  try {
    return await found.value(controls, body, found.params, query);
  } catch (error) {
    if (error instanceof SimAdminError) return refuse(error.status, error.code, error.message);
    throw error;
  }
}
