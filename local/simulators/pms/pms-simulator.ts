import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as wait } from 'node:timers/promises';
import { toMajorUnits } from '../../../shared/domain/money.ts';
import { isPmsVendor, type PmsVendor } from '../../../shared/domain/pms.ts';
import type { PmsConnection } from '../../../shared/ports/pms.port.ts';
import { FaultRegistry } from '../../faults/fault-registry.ts';
import { closeServer, listen } from '../../http/listen.ts';
import { readText } from '../../http/request-body.ts';
import { RouteMatcher } from '../../http/route-matcher.ts';
import { TokenBuckets } from '../../http/token-bucket.ts';
import { cloudbedsDialect } from './cloudbeds.dialect.ts';
import { genericDialect } from './generic.dialect.ts';
import { cancelAsHotel, sellAsOtherChannel, setStatusAsHotel, type OtherChannelSale } from './hotel-actions.ts';
import { operaDialect } from './opera.dialect.ts';
import { simBaseUrl, simHotels, type SimHotel } from './sim-hotels.ts';
import { handleSimAdmin } from './sim-admin-routes.ts';
import { INVALID_JSON, type Dialect, type DialectContext, type ReservationChange, type SimRequest, type SimResponse, type SimRoute } from './sim-http.ts';
import { PmsSimState, type SimHotelSettings, type SimNight, type SimRequestLog, type SimReservation, type SimReservationStatus } from './sim-state.ts';
import { WebhookDispatcher, type ReleaseOrder, type WebhookDisorder } from './webhook-dispatcher.ts';
import {
  cloudbedsReservationPayload,
  genericEvent,
  sendCloudbedsWebhook,
  sendWebhook,
  type CloudbedsWebhookPayload,
  type CloudbedsWebhookSend,
  type GenericWebhookEvent,
  type GenericWebhookSend,
  type WebhookDelivery,
} from './webhooks.ts';

/**
 * One local HTTP server that plays three PMSs at once: Cloudbeds under `/cloudbeds/api/v1.3`,
 * OPERA (OHIP) under `/opera`, the generic protocol under `/generic`, over one in-memory set of
 * hotels. The local stack and the adapters' contract tests talk to it over real HTTP. Its own
 * controls (`/_sim/...`, `sim-admin-routes.ts`, and the methods below) let a test or a person act
 * as the hotel: sell rooms through another channel, cancel any reservation, change a night's
 * total, price and restrictions, accept overbooking or not, and make webhooks arrive twice or out
 * of order.
 *
 * Each request is checked, in order, against: the global latency, forced 429s (`rateLimitNext`),
 * Cloudbeds' own 5 requests/s per property, the route's fault point (`pms.details`,
 * `pms.inventory`, `pms.lookup`, `pms.confirm`, `pms.cancel`, and for the generic protocol only,
 * which alone has holds, `pms.hold`, `pms.release`), then the vendor's authentication. A fault
 * scoped to a vendor or a hotel (`FaultRegistry`) is consulted only by that vendor's or hotel's
 * requests.
 *
 * Cloudbeds' limit is enforced as tolerantly as Cloudbeds says it enforces it ("we allow for some
 * margin of error"): a token bucket per property on the injected clock, 5 requests per second on
 * average with a margin of one second's worth (up to 10 at once). Our shared limiter
 * (`shared/adapters/pms/rate-limiter.ts`) sends one request per 220 ms slot per property; the
 * simulator sees a request when it arrives, which under load can be hundreds of milliseconds
 * later and bunched with the next ones. A strict one-second window (what this simulator had)
 * then refused requests the client correctly sent; the bucket cannot disagree with the limiter
 * unless requests are delayed by more than about 1.9 s (rate-limiter.unit.test.ts feeds it the
 * limiter's own schedules), and still refuses a client that ignores the limit (more than 10 at
 * once, or more than 5 per second for long). Fault modes: `error` answers the vendor's 503 without doing
 * anything; `latency` waits `delayMs`, then answers; `timeout` holds the request `delayMs` (two
 * minutes by default) and then carries it out as if the answer was lost on the way back: the PMS
 * did the work, the client never heard, which is exactly what an idempotent retry must survive;
 * `late` carries the request out at once and then holds the answer `delayMs` (two minutes by
 * default): the effect is there for any look-up made after the client gave up.
 */
export interface PmsSimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Shared with the other simulators of a stack; a private one when absent. */
  faults?: FaultRegistry;
  /** Default: the demo hotels, one per vendor, and the import-only ones (`simHotels()`). */
  hotels?: SimHotel[];
  /** Drives "today", hold expiry, token expiry, webhook timestamps and Cloudbeds' rate limit. */
  clock?: () => Date;
  /**
   * Waits `ms` (global latency, latency and timeout faults), or rejects when `signal` aborts (the
   * simulator stops). Default: a real timer. Tests pass one that returns at once.
   */
  delay?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Added to every vendor request (benchmarks, slow-PMS tests). */
  latencyMs?: number;
  /** Cloudbeds' per-property limit in requests per second (twice that at once); `false` turns it off. Default 5. */
  cloudbedsRequestsPerSecond?: number | false;
  /** OHIP token lifetime. Default 3600 s. */
  operaTokenTtlSeconds?: number;
  webhooks?: SimWebhookConfig;
}

export interface SimWebhookConfig {
  /** Where generic-protocol events go, signed with `secret` (or every one of `secrets`). */
  generic?: { url: string; secret?: string; secrets?: string[] } | null;
  /** Where Cloudbeds reservation events go (besides subscriptions made through `postWebhook`). */
  cloudbeds?: { url: string } | null;
}

export interface PmsSimulator {
  url: string;
  port: number;
  state: PmsSimState;
  faults: FaultRegistry;
  /** Adapter base URL for a vendor on this simulator. */
  baseUrl(vendor: PmsVendor): string;
  /** A ready connection for a hotel (by PMS hotel id) or for the first hotel of a vendor. */
  connection(vendorOrHotelId: PmsVendor | string): PmsConnection;
  /** Signs (generic) and posts one webhook; `timestampSeconds` defaults to the simulator's clock. */
  sendWebhook(input: GenericWebhookSend | CloudbedsWebhookSend): Promise<WebhookDelivery>;
  sendCloudbedsWebhook(url: string, payload: CloudbedsWebhookPayload): Promise<WebhookDelivery>;
  /**
   * Changes one night's total as the hotel would in its PMS. For a generic-protocol hotel with a
   * configured receiver, also sends `inventory_update` (unless `notify: false`) and resolves with
   * the delivery.
   */
  setTotal(pmsHotelId: string, pmsRoomTypeId: string, date: string, total: number, options?: { notify?: boolean }): Promise<WebhookDelivery | undefined>;
  /** Changes one night's price (minor units); generic hotels send `rate_update`. */
  setPrice(pmsHotelId: string, pmsRoomTypeId: string, date: string, priceMinor: number, options?: { notify?: boolean }): Promise<WebhookDelivery | undefined>;
  /**
   * Changes any of a night's fields (total, price, restrictions; a restriction set to `undefined`
   * is lifted). A generic hotel sends `rate_update` for a price and `inventory_update` with the
   * night's whole state for anything else, unless `notify: false`; Cloudbeds and OPERA have no
   * such webhooks.
   */
  setNight(pmsHotelId: string, pmsRoomTypeId: string, date: string, patch: Partial<SimNight>, options?: { notify?: boolean }): Promise<NightChange>;
  /** Does the PMS accept reservations beyond availability? `/_sim/hotels/{id}/settings`. */
  setSettings(pmsHotelId: string, patch: Partial<SimHotelSettings>): SimHotelSettings;
  /**
   * A sale by another channel (front desk, OTA): lowers availability and, unless `notify: false`,
   * sends the vendor's event (generic `reservation_update`, Cloudbeds `reservation/created`,
   * nothing for OPERA). Throws `SimAdminError` (409 `sold_out`) when the PMS would refuse it.
   */
  createReservation(pmsHotelId: string, sale: OtherChannelSale, options?: { notify?: boolean }): Promise<ReservationChangeResult>;
  /**
   * The hotel cancels a reservation, ours or another channel's: the rooms return to sale and,
   * unless `notify: false`, the vendor's event goes out (generic `reservation_update`, Cloudbeds
   * `reservation/status_changed`). Cancelling a cancelled reservation changes and sends nothing.
   */
  cancelReservation(pmsHotelId: string, reservationId: string, options?: { notify?: boolean }): Promise<ReservationChangeResult>;
  /**
   * The front desk moves a stay along: `checked_in`, `checked_out`, `no_show` (or `cancelled`,
   * as `cancelReservation`). Unless `notify: false`, the vendor's event goes out (generic
   * `reservation_update`, Cloudbeds `reservation/status_changed`). Setting the status it has sends nothing.
   */
  setReservationStatus(pmsHotelId: string, reservationId: string, status: SimReservationStatus, options?: { notify?: boolean }): Promise<ReservationChangeResult>;
  /** Makes the next webhooks arrive twice, late or held until `releaseWebhooks` (`webhook-dispatcher.ts`). */
  disorderWebhooks(spec: WebhookDisorder): void;
  /** Sends the held webhooks, in the order they were made (`sent`) or newest first (`reverse`). */
  releaseWebhooks(order?: ReleaseOrder): Promise<WebhookDelivery[]>;
  configureWebhooks(config: SimWebhookConfig): void;
  /** Every webhook the simulator sent by itself, oldest first. */
  deliveries: WebhookDelivery[];
  /** The next `count` vendor requests answer 429 with `Retry-After: retryAfterSeconds`. */
  rateLimitNext(count: number, options?: { retryAfterSeconds?: number; vendor?: PmsVendor }): void;
  setLatency(ms: number): void;
  /** Requests received, oldest first, optionally filtered. */
  requests(filter?: { vendor?: PmsVendor; pathIncludes?: string; method?: string }): SimRequestLog[];
  /** Waits for webhooks still being sent. */
  flushWebhooks(): Promise<void>;
  stop(): Promise<void>;
}

export interface NightChange {
  night: SimNight;
  /** As the generic protocol reports it: negative when more was sold than offered. */
  available: number;
  /** Deliveries made now (held or delayed ones show in `deliveries` later). */
  webhooks: WebhookDelivery[];
}

export interface ReservationChangeResult {
  reservation: SimReservation;
  /** Deliveries made now (held or delayed ones show in `deliveries` later). */
  webhooks: WebhookDelivery[];
}

const DIALECTS: Dialect[] = [cloudbedsDialect, operaDialect, genericDialect];
const MAX_BODY_BYTES = 1_000_000;

/** The vendors whose dialect consults `point` (only the generic protocol has holds, for one). */
export function pmsVendorsServing(point: string): PmsVendor[] {
  return DIALECTS.filter((d) => d.routes.some((r) => r.point === point || r.points?.includes(point))).map((d) => d.vendor);
}

const defaultDelay = (ms: number, signal: AbortSignal): Promise<void> => wait(ms, undefined, { signal });

export async function startPmsSimulator(options: PmsSimulatorOptions = {}): Promise<PmsSimulator> {
  const clock = options.clock ?? (() => new Date());
  const delay = options.delay ?? defaultDelay;
  const state = new PmsSimState(options.hotels ?? simHotels(), clock);
  const faults = options.faults ?? new FaultRegistry();
  const matchers = new Map<Dialect, RouteMatcher<SimRoute>>(
    DIALECTS.map((d) => [d, d.routes.reduce((m, r) => m.add(r.method, r.pattern, r), new RouteMatcher<SimRoute>())]),
  );
  const cloudbedsLimit = options.cloudbedsRequestsPerSecond === false ? undefined : (options.cloudbedsRequestsPerSecond ?? 5);
  const cloudbedsBuckets = new TokenBuckets(() => clock().getTime());
  const deliveries: WebhookDelivery[] = [];
  const pendingSends = new Set<Promise<unknown>>();
  const stopping = new AbortController();
  let webhookConfig: SimWebhookConfig = { ...options.webhooks };
  let latencyMs = options.latencyMs ?? 0;
  let forced429: { count: number; retryAfterSeconds: number; vendor?: PmsVendor } = { count: 0, retryAfterSeconds: 1 };

  /** Resolves true after `ms`, or false as soon as the simulator stops. */
  async function sleep(ms: number): Promise<boolean> {
    if (stopping.signal.aborted) return false;
    try {
      await delay(ms, stopping.signal);
      return !stopping.signal.aborted;
    } catch {
      return false;
    }
  }

  function track<T>(p: Promise<T>): Promise<T> {
    pendingSends.add(p);
    void p.finally(() => pendingSends.delete(p));
    return p;
  }

  const dispatcher = new WebhookDispatcher({ sleep, track, deliveries });

  /** Signs at send time (a held or duplicated event gets a fresh `t`, as a retry does), same event id and body. */
  function deliverGeneric(event: GenericWebhookEvent): Promise<WebhookDelivery[]> {
    const target = webhookConfig.generic;
    if (!target) return Promise.resolve([]);
    const secrets = target.secrets ?? (target.secret !== undefined ? [target.secret] : []);
    return dispatcher.dispatch('generic', () => sendWebhook({ vendor: 'generic', url: target.url, secrets, event, timestampSeconds: Math.floor(clock().getTime() / 1000) }));
  }

  async function deliverCloudbeds(propertyID: string, event: string, reservationID: string, extra?: Record<string, unknown>): Promise<WebhookDelivery[]> {
    const payload = cloudbedsReservationPayload(event, propertyID, reservationID, clock().getTime(), extra);
    const [object, action] = event.split('/');
    const urls = state.cloudbedsSubscriptions.filter((s) => s.propertyID === propertyID && s.object === object && s.action === action).map((s) => s.endpointUrl);
    if (webhookConfig.cloudbeds) urls.push(webhookConfig.cloudbeds.url);
    const sent = await Promise.all([...new Set(urls)].map((url) => dispatcher.dispatch('cloudbeds', () => sendCloudbedsWebhook(url, payload))));
    return sent.flat();
  }

  /** The vendor's event for a reservation made or cancelled: generic and Cloudbeds push one, OPERA pushes nothing (polling). */
  function notifyReservation(r: SimReservation, change: ReservationChange): Promise<WebhookDelivery[]> {
    const hotel = state.hotel(r.pmsHotelId);
    if (hotel?.vendor === 'generic') {
      return deliverGeneric(
        genericEvent({
          eventType: 'reservation_update',
          hotelId: r.pmsHotelId,
          roomTypeId: r.pmsRoomTypeId,
          timestamp: clock().toISOString(),
          data: { reservationId: r.reservationId, externalId: r.externalId, status: r.status, checkIn: r.checkIn, checkOut: r.checkOut, rooms: r.rooms, channel: r.channel },
        }),
      );
    }
    if (hotel?.vendor === 'cloudbeds') {
      if (change === 'created') return deliverCloudbeds(r.pmsHotelId, 'reservation/created', r.reservationId);
      if (change === 'modified') return deliverCloudbeds(r.pmsHotelId, 'reservation/dates_changed', r.reservationId);
      return deliverCloudbeds(r.pmsHotelId, 'reservation/status_changed', r.reservationId, { status: r.status === 'cancelled' ? 'canceled' : r.status });
    }
    return Promise.resolve([]);
  }

  const ctx: DialectContext = {
    state,
    operaTokenTtlSeconds: options.operaTokenTtlSeconds ?? 3600,
    notifyReservation(reservation, change) {
      void notifyReservation(reservation, change);
    },
  };

  async function handleVendor(dialect: Dialect, req: IncomingMessage, url: URL, rawBody: string): Promise<SimResponse | 'hang_up'> {
    const path = url.pathname.slice(dialect.prefix.length) || '/';
    const contentType = String(req.headers['content-type'] ?? '');
    let json: unknown;
    if (rawBody.length > 0 && !contentType.includes('application/x-www-form-urlencoded')) {
      try {
        json = JSON.parse(rawBody);
      } catch {
        json = INVALID_JSON;
      }
    }
    const simReq: SimRequest = {
      method: req.method ?? 'GET',
      path,
      params: {},
      query: url.searchParams,
      headers: req.headers,
      rawBody,
      form: contentType.includes('application/x-www-form-urlencoded') ? new URLSearchParams(rawBody) : new URLSearchParams(),
      json,
    };
    const hotelId = dialect.hotelOf(simReq);
    const log = state.logRequest({ receivedAtMs: Date.now(), vendor: dialect.vendor, method: simReq.method, path: url.pathname, ...(hotelId ? { pmsHotelId: hotelId } : {}), ...(contentType ? { contentType } : {}) });
    const respond = (r: SimResponse): SimResponse => {
      log.status = r.status;
      return r;
    };

    if (latencyMs > 0 && !(await sleep(latencyMs))) return 'hang_up';

    if (forced429.count > 0 && (!forced429.vendor || forced429.vendor === dialect.vendor)) {
      forced429.count -= 1;
      const r = dialect.rateLimited(forced429.retryAfterSeconds);
      return respond({ ...r, headers: { ...r.headers, 'retry-after': String(forced429.retryAfterSeconds) } });
    }

    if (dialect.vendor === 'cloudbeds' && cloudbedsLimit !== undefined && hotelId && !cloudbedsBuckets.take(hotelId, { burst: 2 * cloudbedsLimit, perSecond: cloudbedsLimit })) {
      const r = dialect.rateLimited(1);
      return respond({ ...r, headers: { ...r.headers, 'retry-after': '1' } });
    }

    const matched = matchers.get(dialect)!.match(simReq.method, path);
    if (!matched) {
      const elsewhere = matchers.get(dialect)!.methodsAt(path).length > 0;
      return respond(elsewhere ? { ...dialect.notFound(), status: 405 } : dialect.notFound());
    }
    simReq.params = matched.params;
    const route = matched.value;

    let answerLateMs: number | undefined;
    const point = typeof route.point === 'function' ? route.point(simReq) : route.point;
    if (point) {
      const demoId = hotelId ? state.hotel(hotelId)?.demoHotelId : undefined;
      const fault = faults.take(point, { vendor: dialect.vendor, hotelIds: [hotelId, demoId].filter((id): id is string => !!id) });
      if (fault) log.fault = fault.mode;
      if (fault?.mode === 'error') return respond(dialect.unavailable());
      if (fault?.mode === 'late') answerLateMs = fault.delayMs;
      else if (fault && !(await sleep(fault.delayMs))) return 'hang_up';
    }

    let authedHotel: string | undefined;
    if (route.auth !== false) {
      const auth = dialect.authenticate(simReq, ctx);
      if (!auth.ok) return respond(auth.response);
      authedHotel = auth.hotelId;
    }
    const response = respond(await route.handle(simReq, ctx, authedHotel));
    // `late`: the work is done and visible; only the answer waits, past the client's patience.
    if (answerLateMs !== undefined && !(await sleep(answerLateMs))) return 'hang_up';
    return response;
  }

  const controls = () => ({
    state,
    deliveries: () => deliveries,
    setNight: handle.setNight,
    setSettings: handle.setSettings,
    createReservation: handle.createReservation,
    cancelReservation: handle.cancelReservation,
    setReservationStatus: handle.setReservationStatus,
    disorderWebhooks: handle.disorderWebhooks,
    releaseWebhooks: handle.releaseWebhooks,
    webhookStatus: () => dispatcher.status(),
    clearWebhookDisorder: () => dispatcher.clearDisorder(),
    configureWebhooks(config: unknown) {
      handle.configureWebhooks(config as SimWebhookConfig);
      return { generic: webhookConfig.generic?.url ?? null, cloudbeds: webhookConfig.cloudbeds?.url ?? null };
    },
    rateLimitNext: (count: number, opts: { retryAfterSeconds: number; vendor?: string }) =>
      handle.rateLimitNext(count, { retryAfterSeconds: opts.retryAfterSeconds, ...(opts.vendor && isPmsVendor(opts.vendor) ? { vendor: opts.vendor } : {}) }),
    setLatency(ms: number) {
      handle.setLatency(ms);
      return latencyMs;
    },
  });

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let rawBody = '';
    try {
      rawBody = await readText(req, MAX_BODY_BYTES);
    } catch {
      send(res, { status: 413, body: { error: 'body too large' } });
      return;
    }
    const url = new URL(req.url ?? '/', 'http://simulator.local');
    let result: SimResponse | 'hang_up';
    if (url.pathname.startsWith('/_sim/')) {
      result = await handleSimAdmin(controls(), req.method ?? 'GET', url.pathname, rawBody, url.searchParams);
    } else {
      const dialect = DIALECTS.find((d) => url.pathname === d.prefix || url.pathname.startsWith(`${d.prefix}/`));
      result = dialect ? await handleVendor(dialect, req, url, rawBody) : { status: 404, body: { error: 'unknown PMS dialect; use /cloudbeds/api/v1.3, /opera or /generic' } };
    }
    if (result === 'hang_up') {
      res.destroy();
      return;
    }
    send(res, result);
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      send(res, { status: 500, body: { error: 'simulator bug', message: error instanceof Error ? error.message : String(error) } });
    });
  });
  const { url, port } = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');

  /**
   * One night changed by the hotel. Generic hotels tell the receiver: `rate_update` for a price,
   * `inventory_update` with the night's whole state (total, available, restrictions) for the rest.
   */
  async function changeNight(hotelId: string, roomTypeId: string, date: string, patch: Partial<SimNight>, notify: boolean): Promise<NightChange> {
    const night = state.setNight(hotelId, roomTypeId, date, patch);
    const available = state.available(hotelId, roomTypeId, date);
    const hotel = state.hotel(hotelId)!;
    const webhooks: WebhookDelivery[] = [];
    if (notify && hotel.vendor === 'generic') {
      const timestamp = clock().toISOString();
      const fields = Object.keys(patch);
      if (fields.some((f) => f !== 'priceMinor')) {
        const entry = {
          date,
          total: night.total,
          available,
          ...(night.minStay ? { minStay: night.minStay } : {}),
          ...(night.maxStay ? { maxStay: night.maxStay } : {}),
          closedToArrival: night.closedToArrival ?? false,
          closedToDeparture: night.closedToDeparture ?? false,
          stopSell: night.stopSell ?? false,
        };
        webhooks.push(...(await deliverGeneric(genericEvent({ eventType: 'inventory_update', hotelId, roomTypeId, timestamp, data: { inventory: [entry] } }))));
      }
      if (fields.includes('priceMinor')) {
        const rates = [{ date, price: toMajorUnits(night.priceMinor, hotel.currency), currency: hotel.currency }];
        webhooks.push(...(await deliverGeneric(genericEvent({ eventType: 'rate_update', hotelId, roomTypeId, timestamp, data: { rates } }))));
      }
    }
    return { night, available, webhooks };
  }

  const handle: PmsSimulator = {
    url,
    port,
    state,
    faults,
    deliveries,
    baseUrl: (vendor) => simBaseUrl(url, vendor),
    connection(vendorOrHotelId) {
      const hotel = isPmsVendor(vendorOrHotelId) ? [...state.hotels.values()].find((h) => h.vendor === vendorOrHotelId) : state.hotel(vendorOrHotelId);
      if (!hotel) throw new Error(`The simulator has no hotel for ${vendorOrHotelId}`);
      const base = { pmsHotelId: hotel.pmsHotelId, baseUrl: simBaseUrl(url, hotel.vendor) };
      const c = hotel.credentials;
      if (hotel.vendor === 'opera' && c.kind === 'oauth_client') return { vendor: 'opera', ...base, credentials: { ...c } };
      if (hotel.vendor !== 'opera' && c.kind === 'api_key') return { vendor: hotel.vendor, ...base, credentials: { ...c } };
      throw new Error(`Hotel ${hotel.pmsHotelId} has credentials that do not fit ${hotel.vendor}`);
    },
    sendWebhook(input) {
      if (input.vendor === 'generic' && input.timestampSeconds === undefined) {
        return sendWebhook({ ...input, timestampSeconds: Math.floor(clock().getTime() / 1000) });
      }
      return sendWebhook(input);
    },
    sendCloudbedsWebhook: (target, payload) => sendCloudbedsWebhook(target, payload),
    setTotal: async (hotelId, roomTypeId, date, total, opts) => (await changeNight(hotelId, roomTypeId, date, { total }, opts?.notify !== false)).webhooks[0],
    setPrice: async (hotelId, roomTypeId, date, priceMinor, opts) => (await changeNight(hotelId, roomTypeId, date, { priceMinor }, opts?.notify !== false)).webhooks[0],
    setNight: (hotelId, roomTypeId, date, patch, opts) => changeNight(hotelId, roomTypeId, date, patch, opts?.notify !== false),
    setSettings: (hotelId, patch) => state.setSettings(hotelId, patch),
    async createReservation(hotelId, sale, opts) {
      const reservation = sellAsOtherChannel(state, hotelId, sale);
      return { reservation, webhooks: opts?.notify === false ? [] : await notifyReservation(reservation, 'created') };
    },
    async cancelReservation(hotelId, reservationId, opts) {
      const { reservation, changed } = cancelAsHotel(state, hotelId, reservationId);
      return { reservation, webhooks: changed && opts?.notify !== false ? await notifyReservation(reservation, 'cancelled') : [] };
    },
    async setReservationStatus(hotelId, reservationId, status, opts) {
      const { reservation, changed } = setStatusAsHotel(state, hotelId, reservationId, status);
      const change = status === 'cancelled' ? 'cancelled' : 'status';
      return { reservation, webhooks: changed && opts?.notify !== false ? await notifyReservation(reservation, change) : [] };
    },
    disorderWebhooks: (spec) => dispatcher.setDisorder(spec),
    releaseWebhooks: (order) => dispatcher.release(order),
    configureWebhooks(config) {
      webhookConfig = { ...webhookConfig, ...config };
    },
    rateLimitNext(count, opts) {
      forced429 = { count: Math.max(0, Math.floor(count)), retryAfterSeconds: opts?.retryAfterSeconds ?? 1, ...(opts?.vendor ? { vendor: opts.vendor } : {}) };
    },
    setLatency(ms) {
      latencyMs = Math.max(0, ms);
    },
    requests(filter) {
      return state.requests.filter(
        (r) => (!filter?.vendor || r.vendor === filter.vendor) && (!filter?.method || r.method === filter.method) && (!filter?.pathIncludes || r.path.includes(filter.pathIncludes)),
      );
    },
    async flushWebhooks() {
      await Promise.allSettled([...pendingSends]);
    },
    async stop() {
      if (stopping.signal.aborted) return;
      stopping.abort();
      await closeServer(server);
      await Promise.allSettled([...pendingSends]);
    },
  };
  return handle;
}

function send(res: ServerResponse, r: SimResponse): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { ...r.headers };
  if (r.body === undefined || r.status === 204) {
    res.writeHead(r.status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(r.body);
  res.writeHead(r.status, { 'content-type': 'application/json; charset=utf-8', 'x-request-id': Math.random().toString(36).slice(2, 12), ...headers });
  res.end(text);
}

export { simBaseUrl, simDemoHotels, simHotels, simImportOnlyHotels } from './sim-hotels.ts';
export { SimAdminError } from './sim-http.ts';
export { reservationView, SIM_API_CHANNEL } from './sim-state.ts';
export type { SimHotelSettings, SimNight, SimReservation, SimReservationStatus } from './sim-state.ts';
export type { OtherChannelSale } from './hotel-actions.ts';
export type { WebhookDisorder, ReleaseOrder } from './webhook-dispatcher.ts';
export { SIM_CREDENTIALS, SIM_IMPORT_ONLY_HOTEL, SIM_PMS_HOTEL_IDS, SIM_GENERIC_WEBHOOK_SECRET, SIM_CLOUDBEDS_WEBHOOK_TOKEN } from './sim-hotels.ts';
export type { SimHotel, SimRoomType } from './sim-hotels.ts';
export { genericSignature, genericSignatureHeader, genericEvent, sendWebhook, sendCloudbedsWebhook } from './webhooks.ts';
export type { GenericWebhookEvent, CloudbedsWebhookPayload, WebhookDelivery } from './webhooks.ts';
