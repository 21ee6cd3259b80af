import type * as z from 'zod';

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
  /** Schema of the successful response body (the whole envelope), for the OpenAPI document. */
  response: z.ZodType;
  successStatus?: number;
  /** Per-route throttling on the HTTP API stage (requests per second); the stage default applies otherwise. */
  throttle?: { burstLimit: number; rateLimit: number };
  /** Extra documented error codes beyond the ones every route can return. */
  errors?: Record<number, string>;
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
