import type { IncomingHttpHeaders } from 'node:http';
import type { PmsVendor } from '../../../shared/domain/pms.ts';
import type { PmsSimState, SimReservation } from './sim-state.ts';

/**
 * The plumbing the three dialects share: a parsed request, a response value, a route table entry
 * with its fault point, and what a dialect must say in its own words (auth failure, outage,
 * rate limit, unknown path).
 */
export interface SimRequest {
  method: string;
  /** Path below the dialect's prefix, e.g. `/getRatePlans` or `/par/v1/hotels/GNBS01/availability`. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** Form fields (Cloudbeds writes, OAuth token requests); empty when the body is not a form. */
  form: URLSearchParams;
  /** Parsed JSON body; `undefined` when absent, `INVALID_JSON` when unparseable. */
  json: unknown;
}

export const INVALID_JSON = Symbol('invalid-json');

export interface SimResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** What the dialect handlers may do besides reading and writing state. */
export interface DialectContext {
  state: PmsSimState;
  /**
   * Tells the hotel's receivers that a reservation was made or cancelled, as its vendor does
   * (generic `reservation_update`, Cloudbeds `reservation/created` or `reservation/status_changed`,
   * nothing for OPERA). Fire and forget.
   */
  notifyReservation(reservation: SimReservation, change: ReservationChange): void;
  /** OHIP token lifetime in seconds. */
  operaTokenTtlSeconds: number;
}

/** `status`: the hotel moved the stay along (checked in, checked out, no-show). */
export type ReservationChange = 'created' | 'cancelled' | 'modified' | 'status';

export interface SimRoute {
  method: string;
  /** `/hotels/{hotelId}/availability`, matched by the runtime's one route matcher; `{name}` segments become `params`. */
  pattern: string;
  /**
   * Fault point consulted before the handler runs (`pms.confirm`, ...), or a function of the
   * request for an endpoint that serves several (Cloudbeds `putReservation` cancels and modifies);
   * such a route lists every point it can name in `points`.
   */
  point?: string | ((req: SimRequest) => string);
  points?: readonly string[];
  /** False for routes that authenticate themselves (OAuth token endpoint). */
  auth?: boolean;
  handle(req: SimRequest, ctx: DialectContext, hotelId: string | undefined): SimResponse | Promise<SimResponse>;
}

export type AuthResult = { ok: true; hotelId?: string } | { ok: false; response: SimResponse };

export interface Dialect {
  vendor: PmsVendor;
  /** URL prefix, e.g. `/cloudbeds/api/v1.3`. */
  prefix: string;
  routes: SimRoute[];
  /** The hotel the request is about (for logs and per-property limits), before auth. */
  hotelOf(req: SimRequest): string | undefined;
  authenticate(req: SimRequest, ctx: DialectContext): AuthResult;
  unavailable(): SimResponse;
  rateLimited(retryAfterSeconds: number): SimResponse;
  notFound(): SimResponse;
}

export function header(req: SimRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function bearerToken(req: SimRequest): string | undefined {
  const m = /^Bearer\s+(.+)$/i.exec(header(req, 'authorization') ?? '');
  return m?.[1]?.trim();
}

export function isIsoDateString(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}

export function positiveInt(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Wire amounts are major units (KRW 180000, USD 129.5); state keeps minor units. */
export { toMajorUnits as majorUnits, toMinorUnits as minorUnits } from '../../../shared/domain/money.ts';

/**
 * A refusal of the simulator's own controls (`/_sim/...` and the matching `PmsSimulator`
 * methods): the admin routes answer `status` with `{ error: { code, message } }`.
 */
export class SimAdminError extends Error {
  override readonly name = 'SimAdminError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
