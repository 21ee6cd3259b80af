import { isPmsVendor } from '../../../shared/domain/pms.ts';
import { RouteMatcher } from '../../http/route-matcher.ts';
import type { SimResponse } from './sim-http.ts';
import type { PmsSimState, SimNight } from './sim-state.ts';
import type { WebhookDelivery } from './webhooks.ts';

/**
 * The simulator's own control API under `/_sim/`, for tests and people trying things by hand:
 * read its state, requests and webhook deliveries; change a night as the hotel would in its PMS;
 * point its webhooks somewhere; force 429s; add latency. JSON in, JSON out.
 */
export interface SimControls {
  state: PmsSimState;
  deliveries(): WebhookDelivery[];
  setTotal(pmsHotelId: string, pmsRoomTypeId: string, date: string, total: number, options: { notify: boolean }): Promise<WebhookDelivery | undefined>;
  setPrice(pmsHotelId: string, pmsRoomTypeId: string, date: string, priceMinor: number, options: { notify: boolean }): Promise<WebhookDelivery | undefined>;
  configureWebhooks(config: unknown): { generic: string | null; cloudbeds: string | null };
  rateLimitNext(count: number, options: { retryAfterSeconds: number; vendor?: string }): void;
  setLatency(ms: number): number;
}

type Body = Record<string, unknown>;
type AdminHandler = (controls: SimControls, body: Body, params: Record<string, string>) => SimResponse | Promise<SimResponse>;

const routes = new RouteMatcher<AdminHandler>()
  .add('GET', '/_sim/state', (c) => ({ status: 200, body: c.state.snapshot() }))
  .add('GET', '/_sim/requests', (c) => ({ status: 200, body: { requests: c.state.requests } }))
  .add('GET', '/_sim/deliveries', (c) => ({ status: 200, body: { deliveries: c.deliveries().map(({ headers: _h, ...d }) => d) } }))
  .add('PUT', '/_sim/hotels/{hotelId}/room-types/{roomTypeId}/nights/{date}', async (c, body, { hotelId, roomTypeId, date }) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date!)) return { status: 400, body: { error: 'date must be YYYY-MM-DD' } };
    if (!c.state.roomType(hotelId!, roomTypeId!)) return { status: 404, body: { error: 'unknown hotel or room type' } };
    const notify = body.notify !== false;
    const sent: (WebhookDelivery | undefined)[] = [];
    if (typeof body.total === 'number') sent.push(await c.setTotal(hotelId!, roomTypeId!, date!, body.total, { notify }));
    if (typeof body.priceMinor === 'number') sent.push(await c.setPrice(hotelId!, roomTypeId!, date!, body.priceMinor, { notify }));
    const webhooks = sent.filter((d): d is WebhookDelivery => !!d).map(({ url, status }) => ({ url, status }));
    const night: SimNight | undefined = c.state.night(hotelId!, roomTypeId!, date!);
    return { status: 200, body: { night, webhooks } };
  })
  .add('PUT', '/_sim/webhooks', (c, body) => ({ status: 200, body: c.configureWebhooks(body) }))
  .add('POST', '/_sim/rate-limit', (c, body) => {
    const vendor = typeof body.vendor === 'string' && isPmsVendor(body.vendor) ? body.vendor : undefined;
    c.rateLimitNext(Number(body.count ?? 1), { retryAfterSeconds: Number(body.retryAfterSeconds ?? 1), ...(vendor ? { vendor } : {}) });
    return { status: 200, body: { ok: true } };
  })
  .add('POST', '/_sim/latency', (c, body) => ({ status: 200, body: { latencyMs: c.setLatency(Number(body.latencyMs ?? 0)) } }));

export async function handleSimAdmin(controls: SimControls, method: string, path: string, rawBody: string): Promise<SimResponse> {
  let body: Body = {};
  try {
    body = rawBody ? (JSON.parse(rawBody) as Body) : {};
  } catch {
    return { status: 400, body: { error: 'invalid JSON' } };
  }
  const found = routes.match(method, path);
  if (!found) return { status: 404, body: { error: 'unknown simulator admin route' } };
  return found.value(controls, body, found.params);
}
