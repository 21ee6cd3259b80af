import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from 'zod';
import { canAccessHotel, type HotelAccess } from '#domain/access.ts';
import { BadRequestError, ForbiddenError, ValidationError, type FieldIssue } from '#domain/errors.ts';
import { logger } from '../observability/logger.ts';
import { lambdaObservability } from '../observability/middleware.ts';
import { mapError } from './error-mapper.ts';
import { authorize, hotelAccessFor, type Principal } from './principal.ts';
import { authLevelName, isStaffAuth, type RouteDefinition } from './route.ts';

/** An API Gateway HTTP API (payload 2.0) event, with the JWT authorizer's claims when present. */
export type HttpApiEvent = APIGatewayProxyEventV2 & {
  requestContext: APIGatewayProxyEventV2['requestContext'] & {
    authorizer?: { jwt?: { claims: Record<string, unknown>; scopes?: string[] | null } };
  };
};

export interface HttpResponse {
  statusCode: number;
  body: unknown;
  headers?: Record<string, string>;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RequestContext<P, Q, B, H = undefined> {
  params: Parsed<P>;
  query: Parsed<Q>;
  body: Parsed<B>;
  /** The route's declared headers, validated; every raw header stays on `event.headers`. */
  headers: Parsed<H>;
  principal: Principal | undefined;
  /**
   * On `admin` and staff routes: the hotels the caller may reach (every hotel for an admin, the
   * token's for a hotel manager). A `path`-scoped route's hotel was already checked; booking- and
   * query-scoped routes hand this to their use case, which checks the hotel it reads.
   */
  access: HotelAccess | undefined;
  requestId: string;
  event: HttpApiEvent;
}

/** `200 {"success": true, "data": ...}`, plus any top-level extras (e.g. `pagination`). */
export function ok(data: unknown, extra: Record<string, unknown> = {}, statusCode = 200): HttpResponse {
  return { statusCode, body: { success: true, data, ...extra } };
}

function issuesOf(location: string, error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: [location, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

/** Validates one part of the request, collecting its problems so all of them are reported at once. */
function validate<S extends z.ZodType | undefined>(
  location: string,
  schema: S,
  input: unknown,
  issues: FieldIssue[],
): Parsed<S> {
  if (!schema) return undefined as Parsed<S>;
  const result = schema.safeParse(input);
  if (!result.success) {
    issues.push(...issuesOf(location, result.error));
    return undefined as Parsed<S>;
  }
  return result.data as Parsed<S>;
}

function describeIssues(issues: FieldIssue[]): string {
  const shown = issues.slice(0, 3).map((i) => `${i.field}: ${i.message}`);
  return `The request is not valid (${shown.join('; ')}${issues.length > 3 ? '; ...' : ''}).`;
}

function readJsonBody(event: HttpApiEvent): unknown {
  if (event.body === undefined || event.body === null || event.body === '') {
    throw new BadRequestError('This request needs a JSON body.');
  }
  const contentType = event.headers?.['content-type'] ?? 'application/json';
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(contentType)) {
    throw new BadRequestError(`Send the body as application/json, not ${contentType}.`);
  }
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequestError('The request body is not valid JSON.');
  }
}

function toResult(response: HttpResponse, requestId: string): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: response.statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-request-id': requestId, ...response.headers },
    body: JSON.stringify(response.body),
  };
}

/**
 * Wraps a route's business function as a Lambda handler: authorizes the caller, validates params,
 * query and body with the route's zod schemas (400 for unreadable input, 422 with the offending
 * fields), and renders every outcome in the one response envelope. Any error that is not a known
 * domain error becomes a 500 that leaks nothing, and is logged with its stack.
 */
/** Claims of the bearer token an `optional` route received, verified; `undefined` without one. */
export type IdentifyCaller = (event: HttpApiEvent) => Promise<Record<string, unknown> | undefined>;

export interface ApiHandlerOptions {
  /**
   * Required on `optional` routes (no authorizer in front of them): verifies the bearer token when
   * one is sent, and throws `UnauthorizedError` for a bad one (`#composition/token-verifier.ts`).
   */
  identify?: IdentifyCaller;
}

/**
 * A hotel manager reaching a hotel that is not theirs through the route's path or query: 403
 * before the handler runs. Booking-scoped routes are checked by their use case (it alone knows the
 * booking's hotel).
 */
function checkHotelScope(route: RouteDefinition, access: HotelAccess | undefined, params: unknown, query: unknown): void {
  if (!access || access.kind === 'all' || !isStaffAuth(route.auth)) return;
  const scope = route.auth.staff;
  if (scope.from === 'booking') return;
  const source = (scope.from === 'path' ? params : query) as Record<string, unknown> | undefined;
  const hotelId = source?.[scope.param];
  if (hotelId === undefined && scope.from === 'query') return;
  if (typeof hotelId !== 'string' || !canAccessHotel(access, hotelId)) {
    throw new ForbiddenError(`You do not manage hotel '${String(hotelId)}'.`);
  }
}

export function apiHandler<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, H extends z.ZodType>(
  route: RouteDefinition<P, Q, B, H>,
  fn: (request: RequestContext<P, Q, B, H>) => Promise<HttpResponse>,
  options: ApiHandlerOptions = {},
) {
  if (route.auth === 'optional' && !options.identify) {
    // No authorizer runs in front of an optional route: without `identify` a token would be ignored.
    throw new Error(`${route.method} ${route.path} is '${authLevelName(route.auth)}': its handler must pass apiHandler's identify option.`);
  }
  return middy<HttpApiEvent, APIGatewayProxyStructuredResultV2, Error, Context>()
    .use(lambdaObservability())
    .handler(async function handleRoute(event) {
      const requestId = event.requestContext?.requestId ?? 'unknown';
      logger.appendKeys({ requestId, routeKey: event.routeKey });
      try {
        const claims = route.auth === 'optional' ? await options.identify!(event) : event.requestContext?.authorizer?.jwt?.claims;
        const principal = authorize(route.auth, claims);
        const access = hotelAccessFor(route.auth, principal);
        const rawBody = route.body ? readJsonBody(event) : undefined;
        const issues: FieldIssue[] = [];
        const params = validate('params', route.params, event.pathParameters ?? {}, issues);
        const query = validate('query', route.query, event.queryStringParameters ?? {}, issues);
        const body = validate('body', route.body, rawBody, issues);
        const headers = validate('headers', route.headers, event.headers ?? {}, issues);
        if (issues.length > 0) throw new ValidationError(describeIssues(issues), issues);
        checkHotelScope(route, access, params, query);
        const response = await fn({
          params,
          query,
          body,
          headers,
          principal,
          access,
          requestId,
          event,
        } as RequestContext<P, Q, B, H>);
        return toResult(response, requestId);
      } catch (error) {
        const mapped = mapError(error, requestId);
        if (mapped.unexpected) {
          logger.error('Unhandled error', { error: error as Error });
        } else {
          logger.info('Request refused', { code: mapped.body.error.code });
        }
        return toResult(mapped, requestId);
      }
    });
}
