import type * as z from 'zod';
import type { ErrorCode } from '#domain/errors.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Which hotel a staff route acts on, so that a hotel manager is held to the hotels their token
 * names (claim `custom:hotel_ids`) while an admin reaches every hotel.
 * - `path`: the path parameter `param` is the hotel id (`/api/admin/hotels/{hotelId}/rooms`).
 *   `api-handler.ts` checks it before the handler runs: 403 `FORBIDDEN` for another hotel.
 * - `booking`: the path parameter `param` is a booking id; the hotel is the booking's. Only the use
 *   case knows it, so the handler passes `request.access` into the use case, which loads the
 *   booking and checks `canAccessHotel(access, booking.hotelId)`: 404 `NOT_FOUND` for another
 *   hotel's booking, as for an unknown id, so ids cannot be probed.
 * - `query`: a list; the query parameter `param` filters by hotel. A hotel manager naming another
 *   hotel gets 403; naming none lists their own hotels only. The handler passes `request.access` to
 *   the use case, which narrows the read.
 */
export type HotelScope =
  | { readonly from: 'path'; readonly param: string }
  | { readonly from: 'booking'; readonly param: string }
  | { readonly from: 'query'; readonly param: string };

/**
 * Who may call a route.
 * - `public`: anyone; no authorizer, no identity.
 * - `optional`: anyone, and a signed-in caller is known: no authorizer on API Gateway (a JWT
 *   authorizer would refuse a request without a token), so the handler verifies a bearer token
 *   itself when one is sent (`apiHandler`'s `identify` option, `#composition/token-verifier.ts`) and
 *   refuses a bad one with 401. Checkout is one: open to anonymous guests, owned by a signed-in one.
 * - `guest`: any signed-in user of the pool (self sign-up puts guests in no group; the `guest` group
 *   is kept for accounts an admin made). What they may see is decided per booking by the use cases.
 * - `admin`: members of the `admin` group.
 * - `{ staff: HotelScope }`: an admin, or a member of `hotel_manager` whose token names the hotel the
 *   scope points at. Write it with `hotelStaff.path()`, `hotelStaff.booking()` or `hotelStaff.query()`.
 *
 * Token validity is checked by the JWT authorizer (API Gateway on AWS, `local/api-gateway/` locally);
 * group membership and hotel scope by `api-handler.ts` and the use cases: the same code on AWS and locally.
 */
export type AuthLevel = 'public' | 'optional' | 'guest' | 'admin' | StaffAuth;

/** An admin, or a hotel manager of the hotel `staff` points at. */
export interface StaffAuth {
  readonly staff: HotelScope;
}

/** The opt-in of a staff route: `auth: hotelStaff.path()` for `/api/admin/hotels/{hotelId}/...`. */
export const hotelStaff = {
  /** The hotel is the path parameter `param` (default `hotelId`). */
  path: (param = 'hotelId'): StaffAuth => ({ staff: { from: 'path', param } }),
  /** The hotel is that of the booking in the path parameter `param` (default `bookingId`). */
  booking: (param = 'bookingId'): StaffAuth => ({ staff: { from: 'booking', param } }),
  /** A list filtered by the query parameter `param` (default `hotelId`). */
  query: (param = 'hotelId'): StaffAuth => ({ staff: { from: 'query', param } }),
} as const;

export function isStaffAuth(level: AuthLevel): level is StaffAuth {
  return typeof level === 'object';
}

/** Whether API Gateway's JWT authorizer guards the route (every level but `public` and `optional`). */
export function usesAuthorizer(level: AuthLevel): boolean {
  return level !== 'public' && level !== 'optional';
}

/** The level as one word for documents and logs: `staff:path:hotelId` for a staff route. */
export function authLevelName(level: AuthLevel): string {
  return isStaffAuth(level) ? `staff:${level.staff.from}:${level.staff.param}` : level;
}

/** What a function may touch; CDK turns each into the narrowest grant (infra/constructs). */
export type Permission =
  | 'table:read'
  | 'table:write'
  /** Start the checkout state machine. */
  | 'saga:start'
  /** Start the cancellation state machine (also no-shows and refunds owed). */
  | 'cancellation-saga:start'
  /** Start the modification state machine. */
  | 'modification-saga:start'
  /** Describe and stop the checkout state machine's executions (the recovery job). */
  | 'saga:recover'
  /** Put events on the product's EventBridge bus. */
  | 'events:publish'
  /** Send to the saga dead-letter queue. */
  | 'dlq:send'
  /** Read the Stripe secret key from Secrets Manager. */
  | 'payments:secret'
  /** Encrypt and decrypt PMS credentials with the KMS key. */
  | 'pms:credentials'
  /**
   * Call a PMS without other table access: take rate-limit slots (`PMSRATE#*`) and read the
   * generic host allow-list (`PMSHOSTS#*`), nothing else. Functions with `table:write` have it already.
   */
  | 'pms:egress'
  /** Send to the webhook-processing queue. */
  | 'webhooks:enqueue'
  /** Read the fallback PMS webhook secret (Secrets Manager on AWS). */
  | 'webhooks:secret'
  /** Read the key of the pagination cursors (Secrets Manager on AWS): keyset-paginated lists. */
  | 'cursor:secret'
  /** Send guest mail through SES (the verified identity and the configuration set). */
  | 'mail:send';

/** The statuses a route may answer with success. */
export type SuccessStatus = 200 | 201 | 202 | 204;

/** One successful answer of a route, as the OpenAPI document shows it. */
export interface RouteResponse {
  /** When the route answers this, in a sentence. */
  description: string;
  /** The whole body, envelope included (`dataEnvelope(...)`). */
  body: z.ZodType;
  /** Response headers this answer sets, by lower-case name, with what each holds. */
  headers?: Readonly<Record<string, string>>;
}

/**
 * One API route. The route table (`route-table.ts`) is the single source for the CDK HTTP API,
 * the local server, the handlers' validation and the OpenAPI document.
 */
export interface RouteDefinition<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  H extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  /** API Gateway path syntax: `/api/hotels/{hotelId}`. */
  path: string;
  /** Entry file under `functions/`, without extension: one Lambda function per route. */
  handler: string;
  auth: AuthLevel;
  summary: string;
  tags: readonly string[];
  permissions: readonly Permission[];
  params?: P;
  query?: Q;
  body?: B;
  /** Request headers the route reads, by lower-case name (API Gateway lower-cases them). */
  headers?: H;
  /**
   * Every successful answer, by status: most routes have one (200), some several (checkout's 201
   * and 202, the webhook's 202 and 200).
   */
  responses: Readonly<Partial<Record<SuccessStatus, RouteResponse>>>;
  /** Per-route throttling on the HTTP API stage (requests per second); the stage default applies otherwise. */
  throttle?: { burstLimit: number; rateLimit: number };
  /**
   * The error codes this route's own logic can answer with. Their statuses come from the one
   * table in `error-mapper.ts`. The codes every route of its kind answers are added by
   * `errorCodesOf` (`INTERNAL_ERROR`; input and auth codes where the route has input or auth), so
   * the OpenAPI document lists every answer (`openapi.ts`).
   */
  errors?: readonly ErrorCode[];
}

/**
 * Every error code a route can answer with: its own `errors` and those its shape implies. Bodies
 * and headers read by the handler can be unreadable (`BAD_REQUEST`); every validated input can be
 * invalid (`VALIDATION_ERROR`); a route behind the authorizer can meet a token without `sub`
 * (`UNAUTHORIZED`) or without the right group or hotel (`FORBIDDEN`); an `optional` route can meet a
 * bad token (`UNAUTHORIZED`); anything can fail on our side, and any route can run out of time
 * (`TIMED_OUT`) or find DynamoDB not answering (`STORAGE_UNAVAILABLE`): both are 503s in our
 * envelope (`api-handler.ts`, `document-client.ts`).
 */
export function errorCodesOf(route: RouteDefinition): ErrorCode[] {
  const implied: ErrorCode[] = ['INTERNAL_ERROR', 'TIMED_OUT', 'STORAGE_UNAVAILABLE'];
  if (route.body) implied.push('BAD_REQUEST');
  if (route.params || route.query || route.body || route.headers) implied.push('VALIDATION_ERROR');
  if (usesAuthorizer(route.auth)) implied.push('UNAUTHORIZED', 'FORBIDDEN');
  // A token sent to an `optional` route is verified by the handler: a bad one is refused.
  else if (route.auth === 'optional') implied.push('UNAUTHORIZED');
  return [...new Set([...implied, ...(route.errors ?? [])])];
}

export function defineRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, H extends z.ZodType>(
  route: RouteDefinition<P, Q, B, H>,
): RouteDefinition<P, Q, B, H> {
  return route;
}

/** `GET /api/hotels/{hotelId}`: the `routeKey` API Gateway puts on every payload 2.0 event. */
export function routeKeyOf(route: Pick<RouteDefinition, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}
