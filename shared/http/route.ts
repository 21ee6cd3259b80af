import type * as z from 'zod';
import type { ErrorCode } from '#domain/errors.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route. `public`: anyone. `guest`: a signed-in guest (or an admin).
 * `admin`: members of the `admin` group. Enforced by the JWT authorizer (token valid) and then by
 * `api-handler.ts` (group membership), the same code on AWS and locally.
 */
export type AuthLevel = 'public' | 'guest' | 'admin';

/** What a function may touch; CDK turns each into the narrowest grant (infra/constructs). */
export type Permission =
  | 'table:read'
  | 'table:write'
  /** Start the checkout state machine. */
  | 'saga:start'
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
  /** Send to the webhook-processing queue. */
  | 'webhooks:enqueue'
  /** Read the fallback PMS webhook secret (Secrets Manager on AWS). */
  | 'webhooks:secret'
  /** Read the key of the pagination cursors (Secrets Manager on AWS): keyset-paginated lists. */
  | 'cursor:secret';

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
 * (`UNAUTHORIZED`) or without the right group (`FORBIDDEN`); anything can fail on our side, and
 * any route can run out of time (`TIMED_OUT`) or find DynamoDB not answering (`STORAGE_UNAVAILABLE`):
 * both are 503s in our envelope (`api-handler.ts`, `document-client.ts`).
 */
export function errorCodesOf(route: RouteDefinition): ErrorCode[] {
  const implied: ErrorCode[] = ['INTERNAL_ERROR', 'TIMED_OUT', 'STORAGE_UNAVAILABLE'];
  if (route.body) implied.push('BAD_REQUEST');
  if (route.params || route.query || route.body || route.headers) implied.push('VALIDATION_ERROR');
  if (route.auth !== 'public') implied.push('UNAUTHORIZED', 'FORBIDDEN');
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
