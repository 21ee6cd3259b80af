import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route. `public`: anyone. `guest`: a signed-in guest (or an admin).
 * `admin`: members of the `admin` group. Enforced by the JWT authorizer (token valid) and then by
 * `api-handler.ts` (group membership), the same code on AWS and locally.
 */
export type AuthLevel = 'public' | 'guest' | 'admin';

/** What a function may touch; CDK turns each into the narrowest grant (infra/constructs). */
export type Permission = 'table:read' | 'table:write';

/**
 * One API route. The route table (`route-table.ts`) is the single source for the CDK HTTP API,
 * the local server, the handlers' validation and the OpenAPI document.
 */
export interface RouteDefinition<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  /** API Gateway path syntax: `/api/hotels/{hotelId}`. */
  path: string;
  /** Entry file under `functions/`, without extension: one Lambda function per route. */
  handler: string;
  auth: AuthLevel;
  summary: string;
  tags: string[];
  permissions: Permission[];
  params?: P;
  query?: Q;
  body?: B;
  /** Schema of the successful response body (the whole envelope), for the OpenAPI document. */
  response: z.ZodType;
  successStatus?: number;
  /** Extra documented error codes beyond the ones every route can return. */
  errors?: Record<number, string>;
}

export function defineRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  route: RouteDefinition<P, Q, B>,
): RouteDefinition<P, Q, B> {
  return route;
}

/** `GET /api/hotels/{hotelId}`: the `routeKey` API Gateway puts on every payload 2.0 event. */
export function routeKeyOf(route: Pick<RouteDefinition, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}
