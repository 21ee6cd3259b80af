import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { JWTPayload } from 'jose';
import { LOCAL_ACCOUNT_ID } from '../handlers/lambda-context.ts';

/**
 * The payload format 2.0 event API Gateway's HTTP API hands a Lambda integration, built from a
 * `node:http` request exactly as API Gateway builds it: lower-cased headers with repeats joined by
 * commas, cookies moved to `cookies`, repeated query parameters joined by commas, JWT claims
 * flattened to strings, text bodies as they are and everything else base64.
 */

/** The route fields the event names. */
export interface EventRoute {
  method: string;
  path: string;
}

/** API Gateway's `requestContext.time`: `12/Mar/2020:19:03:58 +0000`. */
export function apiGatewayTime(date: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

/** API Gateway request ids look like `JKJaXmPLvHcESHA=`. */
export function newRequestId(): string {
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

/** The caller's address as API Gateway reports it (`sourceIp`): IPv4-mapped IPv6 unwrapped. */
export function sourceIpOf(req: IncomingMessage): string {
  return (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
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
  route: EventRoute;
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
  const sourceIp = sourceIpOf(req);
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
