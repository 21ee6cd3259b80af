import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { JWTPayload } from 'jose';
import type { AuthLevel, HttpMethod } from '../shared/http/route.ts';
import type { JwtAuthorizer } from './jwt-authorizer.ts';
import { createLambdaContext, LOCAL_ACCOUNT_ID } from './lambda-context.ts';
import { API_CORS_RULES } from '../shared/http/cors.ts';

/**
 * The local stand-in for API Gateway's HTTP API. It mounts the same route table CDK deploys and
 * hands each handler the payload 2.0 event API Gateway would build, so a handler cannot tell where
 * it runs. Where API Gateway answers by itself, this server answers the same way, with the same
 * bodies: unknown route 404 `{"message":"Not Found"}`, refused token 401
 * `{"message":"Unauthorized"}`, handler crash 500 `{"message":"Internal Server Error"}`,
 * integration over 30 s 503 `{"message":"Service Unavailable"}`, body over 10 MB 413. A client
 * (and a test) written against the local stack therefore meets the gateway's answers, not
 * friendlier local ones.
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
}

export type LambdaHandler = (event: unknown, context: Context) => unknown;
export type HandlerLoader = (handler: string) => Promise<LambdaHandler>;

/**
 * A local-only endpoint under `/_local/` (fault injection, simulator controls), or the admin
 * console's files under `/console` (on AWS, CloudFront serves them). Plain node:http.
 */
export interface LocalRoute {
  method: HttpMethod | 'ANY';
  /** `/_local/...` or `/console...`, with `{name}` parameters like the route table. */
  path: string;
  handle(req: IncomingMessage, res: ServerResponse, params: Record<string, string>): void | Promise<void>;
}

export interface CorsConfig {
  allowOrigins: string[];
  allowHeaders: string[];
  allowMethods: string[];
  exposeHeaders: string[];
  maxAgeSeconds: number;
}

/**
 * The HTTP API's CORS configuration. API Gateway answers preflights itself and puts these headers
 * on every response to a request with an `Origin`, ignoring any the integration returned.
 */
export const API_CORS: CorsConfig = {
  allowOrigins: ['*'],
  allowHeaders: [...API_CORS_RULES.allowHeaders],
  allowMethods: [...API_CORS_RULES.allowMethods],
  exposeHeaders: [...API_CORS_RULES.exposeHeaders],
  maxAgeSeconds: API_CORS_RULES.maxAgeSeconds,
};

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
  onRequest?: (entry: AccessLogEntry) => void;
  /** A handler threw, timed out, or returned something API Gateway could not use. */
  onHandlerError?: (error: unknown, route: ApiRoute) => void;
}

export interface LocalApi {
  /** `http://localhost:<port>` */
  url: string;
  port: number;
  server: Server;
  /** Adds a local-only endpoint; `path` must start with `/_local/` or `/console`. Works before or after start. */
  addLocalRoute(route: LocalRoute): void;
  /** Stops accepting connections, lets requests in flight finish (at most `graceMs`), then closes. */
  close(graceMs?: number): Promise<void>;
}

/** Where local routes may live; never under `/api/`, which belongs to the route table. */
export function isLocalRoutePath(path: string): boolean {
  return path.startsWith('/_local/') || path === '/console' || path.startsWith('/console/');
}

const FUNCTIONS_DIR = fileURLToPath(new URL('../functions/', import.meta.url));

/** Imports `functions/<handler>.ts` and takes its `handler` export, as the Lambda runtime does. */
export function functionsDirLoader(functionsDir: string = FUNCTIONS_DIR): HandlerLoader {
  return async (handler) => {
    const module = (await import(pathToFileURL(join(functionsDir, `${handler}.ts`)).href)) as { handler?: unknown };
    if (typeof module.handler !== 'function') {
      throw new Error(`functions/${handler}.ts does not export a function named handler`);
    }
    return module.handler as LambdaHandler;
  };
}

/** Imports each handler once, like a warm Lambda; a failed import is retried on the next call. */
export function cachedLoader(load: HandlerLoader): HandlerLoader {
  const cache = new Map<string, Promise<LambdaHandler>>();
  return (handler) => {
    let pending = cache.get(handler);
    if (!pending) {
      pending = load(handler);
      pending.catch(() => cache.delete(handler));
      cache.set(handler, pending);
    }
    return pending;
  };
}

// ---------------------------------------------------------------------------------------------
// Route matching

interface CompiledTemplate {
  segments: Array<{ literal: string } | { param: string; greedy: boolean }>;
}

function compileTemplate(path: string): CompiledTemplate {
  const segments = path
    .split('/')
    .filter((s) => s !== '')
    .map((segment) => {
      const param = /^\{([A-Za-z0-9_]+)(\+)?\}$/.exec(segment);
      return param ? { param: param[1]!, greedy: param[2] === '+' } : { literal: segment };
    });
  return { segments };
}

/**
 * Matches raw (still percent-encoded) path segments against a template. Returns the decoded
 * parameters and a specificity score: like API Gateway, a literal segment beats a parameter, and
 * a parameter beats a greedy `{proxy+}`.
 */
function matchTemplate(template: CompiledTemplate, rawSegments: string[]): { params: Record<string, string>; score: number } | undefined {
  const params: Record<string, string> = {};
  let score = 0;
  for (let i = 0; i < template.segments.length; i++) {
    const part = template.segments[i]!;
    if ('literal' in part) {
      if (rawSegments[i] === undefined || safeDecode(rawSegments[i]!) !== part.literal) return undefined;
      score += 3;
    } else if (part.greedy) {
      if (i !== template.segments.length - 1 || rawSegments.length <= i) return undefined;
      params[part.param] = safeDecode(rawSegments.slice(i).join('/'));
      return { params, score: score + 1 };
    } else {
      if (rawSegments[i] === undefined || rawSegments[i] === '') return undefined;
      params[part.param] = safeDecode(rawSegments[i]!);
      score += 2;
    }
  }
  return rawSegments.length === template.segments.length ? { params, score } : undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function splitPath(rawPath: string): string[] {
  return rawPath.split('/').filter((s, i, all) => !(s === '' && (i === 0 || i === all.length - 1)));
}

interface Matcher<T> {
  method: string;
  template: CompiledTemplate;
  value: T;
}

function bestMatch<T>(matchers: Matcher<T>[], method: string, rawPath: string) {
  const segments = splitPath(rawPath);
  let best: { value: T; params: Record<string, string>; score: number } | undefined;
  for (const matcher of matchers) {
    if (matcher.method !== method && matcher.method !== 'ANY') continue;
    const found = matchTemplate(matcher.template, segments);
    if (found && (!best || found.score > best.score)) best = { value: matcher.value, ...found };
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// The payload 2.0 event

/** API Gateway's `requestContext.time`: `12/Mar/2020:19:03:58 +0000`. */
export function apiGatewayTime(date: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

/** API Gateway request ids look like `JKJaXmPLvHcESHA=`. */
function newRequestId(): string {
  return randomBytes(11).toString('base64');
}

function traceId(now: Date): string {
  return `Root=1-${Math.floor(now.getTime() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
}

function formatClaimValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(formatClaimValue).join(' ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${k}:${formatClaimValue((value as Record<string, unknown>)[k])}`);
    return `map[${entries.join(' ')}]`;
  }
  return String(value);
}

/**
 * Claims the way the HTTP API JWT authorizer passes them in `requestContext.authorizer.jwt.claims`:
 * every value a string, numbers and booleans stringified, arrays flattened to `[a b]` (so
 * `cognito:groups` arrives as `"[admin]"`), objects to `map[k:v]`. Handlers must therefore parse
 * the flattened form, and locally they have to.
 */
export function toApiGatewayClaims(payload: JWTPayload): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [key, value] of Object.entries(payload)) {
    if (value === null || value === undefined) continue;
    claims[key] = formatClaimValue(value);
  }
  return claims;
}

function scopesOf(payload: JWTPayload): string[] | null {
  const scope = payload.scope ?? payload.scp;
  if (typeof scope === 'string' && scope.trim() !== '') return scope.trim().split(/\s+/);
  if (Array.isArray(scope)) return scope.map(String);
  return null;
}

/**
 * API Gateway passes text bodies as they are and base64-encodes everything else (including
 * `application/x-www-form-urlencoded`, and bodies sent without a content type).
 */
export function isTextContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return (
    type.startsWith('text/') ||
    /^application\/([a-z0-9.+-]*\+)?(json|xml)$/.test(type) ||
    type === 'application/javascript' ||
    type === 'application/graphql'
  );
}

/** Lower-cased names; repeated headers joined with commas; `cookie` moved to `cookies`. */
function readHeaders(req: IncomingMessage): { headers: Record<string, string>; cookies: string[] } {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!.toLowerCase();
    const value = req.rawHeaders[i + 1]!;
    if (name === 'cookie') {
      cookies.push(...value.split(';').map((c) => c.trim()).filter(Boolean));
      continue;
    }
    headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  }
  return { headers, cookies };
}

function readQuery(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString === '') return undefined;
  const query: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQueryString)) {
    query[key] = query[key] === undefined ? value : `${query[key]},${value}`;
  }
  return Object.keys(query).length > 0 ? query : undefined;
}

export interface BuildEventInput {
  req: IncomingMessage;
  route: ApiRoute;
  rawPath: string;
  rawQueryString: string;
  pathParameters: Record<string, string>;
  body: Buffer | undefined;
  requestId: string;
  now: Date;
  claims?: JWTPayload;
  port: number;
}

/** The payload 2.0 event API Gateway builds for this request. */
export function buildHttpApiEvent(input: BuildEventInput): APIGatewayProxyEventV2 {
  const { req, route, now } = input;
  const { headers, cookies } = readHeaders(input.req);
  const sourceIp = (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${sourceIp}` : sourceIp;
  headers['x-forwarded-port'] = String(input.port);
  headers['x-forwarded-proto'] = 'http';
  headers['x-amzn-trace-id'] = traceId(now);
  const host = (headers.host ?? 'localhost').replace(/:\d+$/, '');
  const routeKey = `${route.method} ${route.path}`;
  const queryStringParameters = readQuery(input.rawQueryString);
  const hasParams = Object.keys(input.pathParameters).length > 0;
  const text = isTextContentType(headers['content-type']);
  const hasBody = input.body !== undefined && input.body.length > 0;

  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey,
    rawPath: input.rawPath,
    rawQueryString: input.rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: 'local',
      domainName: host,
      domainPrefix: host.split('.')[0]!,
      http: {
        method: req.method ?? 'GET',
        path: input.rawPath,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: input.requestId,
      routeKey,
      stage: '$default',
      time: apiGatewayTime(now),
      timeEpoch: now.getTime(),
      ...(input.claims
        ? { authorizer: { jwt: { claims: toApiGatewayClaims(input.claims), scopes: scopesOf(input.claims) } } }
        : {}),
    } as APIGatewayProxyEventV2['requestContext'],
    ...(hasParams ? { pathParameters: input.pathParameters } : {}),
    ...(hasBody ? { body: text ? input.body!.toString('utf8') : input.body!.toString('base64') } : {}),
    isBase64Encoded: hasBody && !text,
  };
  return event;
}

// ---------------------------------------------------------------------------------------------
// Interpreting the handler's result

interface GatewayResponse {
  statusCode: number;
  headers: Record<string, string>;
  cookies: string[];
  body: Buffer;
}

class MalformedResponseError extends Error {
  override readonly name = 'MalformedResponseError';
}

/**
 * Reads a handler's result the way API Gateway reads a payload 2.0 response: an object with a
 * `statusCode` is a structured response; anything else is a 200 JSON body. A structured response
 * API Gateway could not use (no integer status, a body that is not a string) is a 500.
 */
export function interpretResult(result: unknown): GatewayResponse {
  const isStructured = result !== null && typeof result === 'object' && 'statusCode' in result;
  if (!isStructured) {
    const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, cookies: [], body: Buffer.from(body, 'utf8') };
  }
  const r = result as { statusCode: unknown; headers?: unknown; body?: unknown; isBase64Encoded?: unknown; cookies?: unknown };
  if (typeof r.statusCode !== 'number' || !Number.isInteger(r.statusCode) || r.statusCode < 100 || r.statusCode > 599) {
    throw new MalformedResponseError(`statusCode must be an integer HTTP status, got ${JSON.stringify(r.statusCode)}`);
  }
  if (r.body !== undefined && r.body !== null && typeof r.body !== 'string') {
    throw new MalformedResponseError('body must be a string (serialize it, e.g. JSON.stringify)');
  }
  const headers: Record<string, string> = {};
  if (r.headers !== undefined && r.headers !== null) {
    if (typeof r.headers !== 'object') throw new MalformedResponseError('headers must be an object');
    for (const [name, value] of Object.entries(r.headers)) {
      if (value === undefined || value === null) continue;
      headers[name.toLowerCase()] = String(value);
    }
  }
  headers['content-type'] ??= 'application/json';
  const cookies = Array.isArray(r.cookies) ? r.cookies.map(String) : [];
  const text = (r.body as string | undefined) ?? '';
  const body = r.isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8');
  return { statusCode: r.statusCode, headers, cookies, body };
}

// ---------------------------------------------------------------------------------------------
// Reading bodies and answering, for the API and for `/_local/` routes

class PayloadTooLargeError extends Error {
  override readonly name = 'PayloadTooLargeError';
}

/** Reads the whole request body, refusing more than `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new PayloadTooLargeError());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new PayloadTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Reads a JSON body for a `/_local/` route; undefined when there is none, throws on bad JSON. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const body = await readBody(req);
  if (body.length === 0) return undefined;
  return JSON.parse(body.toString('utf8')) as unknown;
}

export function sendJson(res: ServerResponse, statusCode: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(statusCode, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function corsHeaders(cors: CorsConfig, origin: string | undefined): Record<string, string> {
  if (!origin) return {};
  const allowed = cors.allowOrigins.includes('*') ? '*' : cors.allowOrigins.includes(origin) ? origin : undefined;
  if (!allowed) return {};
  return {
    'access-control-allow-origin': allowed,
    ...(cors.exposeHeaders.length > 0 ? { 'access-control-expose-headers': cors.exposeHeaders.join(',') } : {}),
  };
}

const TIMED_OUT = Symbol('timed out');

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------------------------
// The server

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
  const integrationTimeoutMs = options.integrationTimeoutMs ?? INTEGRATION_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const cors = options.cors ?? API_CORS;
  const loadHandler = cachedLoader(options.loadHandler ?? functionsDirLoader());
  const apiMatchers: Matcher<ApiRoute>[] = options.routes.map((route) => ({
    method: route.method,
    template: compileTemplate(route.path),
    value: route,
  }));
  const localMatchers: Matcher<LocalRoute>[] = [];
  let port = options.port ?? 0;

  function gatewayAnswer(res: ServerResponse, statusCode: number, message: string, requestId: string, extra: Record<string, string> = {}) {
    sendJson(res, statusCode, { message }, { 'apigw-requestid': requestId, ...extra });
  }

  async function invoke(route: ApiRoute, event: APIGatewayProxyEventV2, requestId: string): Promise<GatewayResponse | number> {
    try {
      const handler = await loadHandler(route.handler);
      const context = createLambdaContext({ handler: route.handler, timeoutMs: integrationTimeoutMs, region });
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
      options.onRequest?.({ method, path: rawPath, status, durationMs: Date.now() - started, requestId, ...(routeKey ? { routeKey } : {}) });

    if (method === 'OPTIONS' && origin && req.headers['access-control-request-method']) {
      res.writeHead(204, {
        ...cors_,
        'access-control-allow-methods': cors.allowMethods.join(','),
        'access-control-allow-headers': cors.allowHeaders.join(','),
        'access-control-max-age': String(cors.maxAgeSeconds),
        'apigw-requestid': requestId,
      });
      res.end();
      req.resume();
      log(204);
      return;
    }

    const found = bestMatch(apiMatchers, method, rawPath);
    if (!found) {
      req.resume();
      gatewayAnswer(res, 404, 'Not Found', requestId, cors_);
      log(404);
      return;
    }
    const route = found.value;
    const routeKey = `${route.method} ${route.path}`;

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
    if (route.auth !== 'public') {
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
    const started = Date.now();
    const requestId = newRequestId();
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
    const rawQueryString = queryAt === -1 ? '' : url.slice(queryAt + 1);
    try {
      if (isLocalRoutePath(rawPath)) {
        const local = bestMatch(localMatchers, (req.method ?? 'GET').toUpperCase(), rawPath);
        if (local) {
          await local.value.handle(req, res, local.params);
          return;
        }
      }
      await handleApiRequest(req, res, rawPath, rawQueryString, requestId, started);
    } catch (error) {
      options.onHandlerError?.(error, { method: 'GET', path: rawPath, handler: '(local server)', auth: 'public' });
      if (!res.headersSent) gatewayAnswer(res, 500, 'Internal Server Error', requestId);
      else res.destroy();
    }
  }

  const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => void onRequest(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://localhost:${port}`,
    port,
    server,
    addLocalRoute(route) {
      if (!isLocalRoutePath(route.path)) {
        throw new Error(`Local routes live under /_local/ (or /console), not ${route.path}: the API's own routes come from the route table.`);
      }
      localMatchers.push({ method: route.method, template: compileTemplate(route.path), value: route });
    },
    close(graceMs = 5_000) {
      return new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      });
    },
  };
}
