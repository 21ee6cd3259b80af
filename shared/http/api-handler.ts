import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from 'zod';
import { canAccessHotel, type HotelAccess } from '#domain/access.ts';
import { TimedOutError } from '#domain/booking-errors.ts';
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
  /**
   * What to answer if the request runs out of time from now on (`answerBeforeDeadline`). Until a
   * route sets one, running out of time answers `503 TIMED_OUT` in our envelope. The checkout sets
   * `202 PENDING` with the booking id as soon as the booking is stored.
   */
  onTimeout(answer: () => HttpResponse): void;
}

/**
 * How long before the function's own timeout a route answers what it has: enough to serialise the
 * answer and leave the function before Lambda kills it (which API Gateway would turn into a bare
 * `500 {"message":"Internal Server Error"}`, or a `503` of its own at 30 s).
 */
export const ANSWER_MARGIN_MS = 1_000;

/** The Lambda context's remaining time, when the caller gave one (tests may pass none). */
function remainingMs(context: Context | undefined): number | undefined {
  return typeof context?.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() : undefined;
}

/**
 * Runs the route and answers before the function's deadline whatever happens: the route's own answer
 * if it comes in time, else what it registered with `onTimeout`, else `TimedOutError`. The route's
 * work goes on in the background and its late outcome is dropped (logged), never thrown.
 */
async function answerBeforeDeadline(
  work: Promise<HttpResponse>,
  budgetMs: number | undefined,
  fallback: () => (() => HttpResponse) | undefined,
): Promise<HttpResponse> {
  if (budgetMs === undefined) return work;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => resolve('deadline'), Math.max(0, budgetMs - ANSWER_MARGIN_MS));
  });
  try {
    const first = await Promise.race([work, deadline]);
    if (first !== 'deadline') return first;
    work.catch((error: unknown) => logger.warn('A request that ran out of time failed afterwards', { error: error as Error }));
    const answer = fallback();
    if (answer) return answer();
    throw new TimedOutError('The request ran out of time before it stored anything. Send it again (a checkout: with the same Idempotency-Key).');
  } finally {
    clearTimeout(timer);
  }
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
 * domain error becomes a 500 that leaks nothing, and is logged with its stack. A request that runs
 * out of time answers before the function's deadline (`answerBeforeDeadline`), in the envelope too.
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
  // Middy's own early timeout is the last resort, after ours: it must answer in our envelope too.
  return middy<HttpApiEvent, APIGatewayProxyStructuredResultV2, Error, Context>({
    timeoutEarlyInMillis: ANSWER_MARGIN_MS / 4,
    timeoutEarlyResponse: () => toResult(mapError(new TimedOutError('The request ran out of time.'), 'unknown'), 'unknown'),
  })
    .use(lambdaObservability())
    .handler(async function handleRoute(event, context) {
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
        let onTimeout: (() => HttpResponse) | undefined;
        const work = fn({
          params,
          query,
          body,
          headers,
          principal,
          access,
          requestId,
          event,
          onTimeout: (answer: () => HttpResponse) => {
            onTimeout = answer;
          },
        } as RequestContext<P, Q, B, H>);
        const response = await answerBeforeDeadline(work, remainingMs(context), () => onTimeout);
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
