import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { JWTPayload } from 'jose';
import type { ClientRateLimit } from '../../shared/http/rate-limits.ts';
import { rateLimitedBody } from '../../shared/http/rate-limits.ts';
import { usesAuthorizer, type AuthLevel, type HttpMethod } from '../../shared/http/route.ts';
import { cachedLoader, functionsDirLoader, type HandlerLoader } from '../handlers/handler-loader.ts';
import { createLambdaContext } from '../handlers/lambda-context.ts';
import { sendJson } from '../http/json-response.ts';
import { closeServer, listen } from '../http/listen.ts';
import { PayloadTooLargeError, readBody } from '../http/request-body.ts';
import { ANY_METHOD, RouteMatcher } from '../http/route-matcher.ts';
import { ClientRateLimiter } from './client-rate-limiter.ts';
import { API_CORS, corsHeaders, preflightHeaders, type CorsConfig } from './cors.ts';
import { interpretResult, type GatewayResponse } from './integration-response.ts';
import type { JwtAuthorizer } from './jwt-authorizer.ts';
import { buildHttpApiEvent, newRequestId, sourceIpOf } from './payload-v2-event.ts';
import { RouteThrottle, type ThrottleSettings } from './route-throttle.ts';

/**
 * The local stand-in for API Gateway's HTTP API. It mounts the same route table CDK deploys and
 * hands each handler the payload 2.0 event API Gateway would build, so a handler cannot tell where
 * it runs. Where API Gateway answers by itself, this server answers the same way, with the same
 * bodies: unknown route 404 `{"message":"Not Found"}`, throttled 429
 * `{"message":"Too Many Requests"}`, refused token 401 `{"message":"Unauthorized"}`, handler crash
 * 500 `{"message":"Internal Server Error"}`, integration over 30 s 503
 * `{"message":"Service Unavailable"}`, body over 10 MB 413. In front of it, as CloudFront and WAF
 * are on AWS, the client rate limits answer 429 with `Retry-After`. A client (and a test) written
 * against the local stack therefore meets the gateway's answers, not friendlier local ones.
 *
 * Per request, in order: client rate limits (the edge), CORS preflight, route match, route
 * throttling, body size, JWT authorizer, integration (the handler), CORS headers on the answer.
 *
 * Differences that remain: handlers run in this one Node process (concurrently, where Lambda would
 * use one environment per request), and they share its environment variables.
 */

/** The part of a route the server needs; `RouteDefinition` from the route table fits. */
export interface ApiRoute {
  method: HttpMethod;
  path: string;
  handler: string;
  auth: AuthLevel;
  /** The route's own throttling; the stage default applies otherwise. */
  throttle?: ThrottleSettings;
}

/** A local-only endpoint under `/_local/` (fault injection, simulator controls). Plain node:http. */
export interface LocalRoute {
  method: HttpMethod | typeof ANY_METHOD;
  /** `/_local/...`, with `{name}` parameters like the route table. */
  path: string;
  handle(req: IncomingMessage, res: ServerResponse, params: Record<string, string>): void | Promise<void>;
}

/**
 * Something the local stack serves next to the API under a path prefix of its own, such as static
 * files (`/console/`). Its requests skip the API's limits, routing and authorizer.
 */
export interface LocalMount {
  /** Starts and ends with `/`, e.g. `/console/`; not under `/api/` or `/_local/`. */
  prefix: string;
  /** `subPath` is the raw path below the prefix, without query string (`''` for the prefix itself). */
  handle(req: IncomingMessage, res: ServerResponse, subPath: string): void | Promise<void>;
}

/** API Gateway's maximum payload for HTTP APIs. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** API Gateway's maximum integration timeout for HTTP APIs. */
export const INTEGRATION_TIMEOUT_MS = 30_000;

export interface AccessLogEntry {
  method: string;
  path: string;
  status: number;
  durationMs: number;
  routeKey?: string;
  requestId: string;
}

/** The limits `npm start` applies unless `RATE_LIMITS=off` (see `shared/http/rate-limits.ts`). */
export interface ApiLimits {
  /** The stage's default route throttling. */
  stageThrottle: ThrottleSettings;
  clientRateLimits: readonly ClientRateLimit[];
}

export interface LocalApiOptions {
  routes: readonly ApiRoute[];
  authorizer: JwtAuthorizer;
  /** Loads `functions/<handler>.ts` and returns its `handler` export, by default. */
  loadHandler?: HandlerLoader;
  port?: number;
  host?: string;
  region?: string;
  integrationTimeoutMs?: number;
  maxBodyBytes?: number;
  cors?: CorsConfig;
  /** Throttling and client rate limits; none when absent (`RATE_LIMITS=off`, and tests that do not test limits). */
  limits?: ApiLimits;
  /** Milliseconds since the epoch, for request times, Lambda deadlines and the limits' windows. Default `Date.now`. */
  clock?: () => number;
  onRequest?: (entry: AccessLogEntry) => void;
  /** A handler threw, timed out, or returned something API Gateway could not use. */
  onHandlerError?: (error: unknown, route: ApiRoute) => void;
}

export interface LocalApi {
  /** `http://localhost:<port>` */
  url: string;
  port: number;
  server: Server;
  /** Adds a local-only endpoint; `path` must start with `/_local/`. Works before or after start. */
  addLocalRoute(route: LocalRoute): void;
  /** Serves a path prefix outside the API, e.g. static files at `/console/`. */
  addMount(mount: LocalMount): void;
  /** Stops accepting connections, lets requests in flight finish (at most `graceMs`), then closes. */
  close(graceMs?: number): Promise<void>;
}

const TIMED_OUT = Symbol('timed out');

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** API Gateway's own answers: `{"message": ...}` and its request id. */
function gatewayAnswer(res: ServerResponse, statusCode: number, message: string, requestId: string, extra: Record<string, string> = {}): void {
  sendJson(res, statusCode, { message }, { 'apigw-requestid': requestId, ...extra });
}

function checkMount(mount: LocalMount): void {
  const { prefix } = mount;
  if (!prefix.startsWith('/') || !prefix.endsWith('/') || prefix === '/' || prefix.startsWith('/api/') || prefix.startsWith('/_local/')) {
    throw new Error(`A mount needs a prefix of its own such as /console/, not ${prefix}: /api/ is the route table's, /_local/ the local routes'.`);
  }
}

/**
 * Starts the local HTTP API on `host:port` (port 0 picks a free one) and resolves once it listens.
 * Rejects with the listen error (e.g. `EADDRINUSE`) when the port is taken.
 *
 * Routes that are not `public` go through the JWT authorizer first. Parity choice: a missing,
 * malformed, expired, foreign-signed, wrong-issuer or wrong-audience token gets exactly what API
 * Gateway answers, 401 `{"message":"Unauthorized"}` with a `www-authenticate` header, and the
 * handler is not invoked. A valid token's claims reach the handler flattened as API Gateway
 * flattens them; group membership (admin vs guest) is left to the handler, which runs the same
 * check on AWS. Public routes get no `authorizer` in the event, as on AWS.
 */
export async function createLocalApi(options: LocalApiOptions): Promise<LocalApi> {
  const host = options.host ?? '127.0.0.1';
  const region = options.region ?? 'local';
  const clock = options.clock ?? Date.now;
  const integrationTimeoutMs = options.integrationTimeoutMs ?? INTEGRATION_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const cors = options.cors ?? API_CORS;
  const loadHandler = cachedLoader(options.loadHandler ?? functionsDirLoader());
  const apiRoutes = new RouteMatcher<ApiRoute>();
  for (const route of options.routes) apiRoutes.add(route.method, route.path, route);
  const localRoutes = new RouteMatcher<LocalRoute>();
  const mounts: LocalMount[] = [];
  const throttle = options.limits ? new RouteThrottle(options.limits.stageThrottle, clock) : undefined;
  const rateLimiter = options.limits ? new ClientRateLimiter(options.limits.clientRateLimits, clock) : undefined;
  let port = options.port ?? 0;

  async function invoke(route: ApiRoute, event: APIGatewayProxyEventV2, requestId: string): Promise<GatewayResponse | number> {
    try {
      const handler = await loadHandler(route.handler);
      const context = createLambdaContext({ handler: route.handler, timeoutMs: integrationTimeoutMs, region, now: clock });
      const outcome = await withTimeout(Promise.resolve().then(() => handler(event, context)), integrationTimeoutMs);
      if (outcome === TIMED_OUT) {
        options.onHandlerError?.(new Error(`${route.handler} did not answer within ${integrationTimeoutMs} ms (request ${requestId})`), route);
        return 503;
      }
      return interpretResult(outcome);
    } catch (error) {
      options.onHandlerError?.(error, route);
      return 500;
    }
  }

  async function handleApiRequest(req: IncomingMessage, res: ServerResponse, rawPath: string, rawQueryString: string, requestId: string, started: number) {
    const method = (req.method ?? 'GET').toUpperCase();
    const origin = req.headers.origin;
    const cors_ = corsHeaders(cors, origin);
    const log = (status: number, routeKey?: string) =>
      options.onRequest?.({ method, path: rawPath, status, durationMs: clock() - started, requestId, ...(routeKey ? { routeKey } : {}) });

    const refused = rateLimiter?.check({ method, path: rawPath, ip: sourceIpOf(req), authorization: req.headers.authorization });
    if (refused) {
      req.resume();
      sendJson(res, 429, rateLimitedBody(refused.rule), { ...cors_, 'retry-after': String(refused.retryAfterSeconds) });
      log(429);
      return;
    }

    if (method === 'OPTIONS' && origin && req.headers['access-control-request-method']) {
      res.writeHead(204, { ...cors_, ...preflightHeaders(cors), 'apigw-requestid': requestId });
      res.end();
      req.resume();
      log(204);
      return;
    }

    const found = apiRoutes.match(method, rawPath);
    if (!found) {
      req.resume();
      gatewayAnswer(res, 404, 'Not Found', requestId, cors_);
      log(404);
      return;
    }
    const route = found.value;
    const routeKey = `${route.method} ${route.path}`;

    if (throttle && !throttle.admit(routeKey, route.throttle)) {
      req.resume();
      gatewayAnswer(res, 429, 'Too Many Requests', requestId, cors_);
      log(429, routeKey);
      return;
    }

    let body: Buffer;
    try {
      body = await readBody(req, maxBodyBytes);
    } catch (error) {
      if (error instanceof PayloadTooLargeError) {
        gatewayAnswer(res, 413, 'Request Entity Too Large', requestId, { ...cors_, connection: 'close' });
        log(413, routeKey);
        return;
      }
      throw error;
    }

    let claims: JWTPayload | undefined;
    if (usesAuthorizer(route.auth)) {
      const authorization = req.headers.authorization;
      claims = await options.authorizer.verifyBearer(authorization);
      if (!claims) {
        const challenge = authorization ? 'Bearer error="invalid_token" error_description="the token is not valid"' : 'Bearer';
        gatewayAnswer(res, 401, 'Unauthorized', requestId, { ...cors_, 'www-authenticate': challenge });
        log(401, routeKey);
        return;
      }
    }

    const event = buildHttpApiEvent({
      req,
      route,
      rawPath,
      rawQueryString,
      pathParameters: found.params,
      body: body.length > 0 ? body : undefined,
      requestId,
      now: new Date(started),
      ...(claims ? { claims } : {}),
      port,
    });
    const outcome = await invoke(route, event, requestId);
    if (typeof outcome === 'number') {
      gatewayAnswer(res, outcome, outcome === 503 ? 'Service Unavailable' : 'Internal Server Error', requestId, cors_);
      log(outcome, routeKey);
      return;
    }
    const headers: Record<string, string | string[]> = {
      ...outcome.headers,
      ...cors_,
      'content-length': String(outcome.body.length),
      'apigw-requestid': requestId,
    };
    if (outcome.cookies.length > 0) headers['set-cookie'] = outcome.cookies;
    res.writeHead(outcome.statusCode, headers);
    res.end(outcome.body);
    log(outcome.statusCode, routeKey);
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse) {
    const started = clock();
    const requestId = newRequestId();
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
    const rawQueryString = queryAt === -1 ? '' : url.slice(queryAt + 1);
    try {
      if (rawPath.startsWith('/_local/')) {
        const local = localRoutes.match(req.method ?? 'GET', rawPath);
        if (local) {
          await local.value.handle(req, res, local.params);
          return;
        }
      }
      const mount = mounts.find((m) => rawPath.startsWith(m.prefix) || `${rawPath}/` === m.prefix);
      if (mount) {
        await mount.handle(req, res, rawPath.slice(mount.prefix.length));
        return;
      }
      await handleApiRequest(req, res, rawPath, rawQueryString, requestId, started);
    } catch (error) {
      options.onHandlerError?.(error, { method: 'GET', path: rawPath, handler: '(local server)', auth: 'public' });
      if (!res.headersSent) gatewayAnswer(res, 500, 'Internal Server Error', requestId);
      else res.destroy();
    }
  }

  const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => void onRequest(req, res));
  port = (await listen(server, port, host)).port;

  return {
    url: `http://localhost:${port}`,
    port,
    server,
    addLocalRoute(route) {
      if (!route.path.startsWith('/_local/')) {
        throw new Error(`Local routes live under /_local/, not ${route.path}: the API's own routes come from the route table.`);
      }
      localRoutes.add(route.method, route.path, route);
    },
    addMount(mount) {
      checkMount(mount);
      mounts.push(mount);
    },
    close(graceMs = 5_000) {
      return closeServer(server, graceMs);
    },
  };
}
