import type { HttpApiEvent } from '../../shared/http/api-handler.ts';
import type { RouteDefinition } from '../../shared/http/route.ts';
import { routeKeyOf } from '../../shared/http/route.ts';

/** A payload 2.0 event for `route`, as API Gateway would deliver it. */
export function httpEvent(
  route: RouteDefinition,
  options: {
    params?: Record<string, string>;
    query?: Record<string, string>;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
    claims?: Record<string, unknown>;
  } = {},
): HttpApiEvent {
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  return {
    version: '2.0',
    routeKey: routeKeyOf(route),
    rawPath: route.path,
    rawQueryString: new URLSearchParams(options.query ?? {}).toString(),
    headers: { 'content-type': 'application/json', ...options.headers },
    ...(options.query ? { queryStringParameters: options.query } : {}),
    ...(options.params ? { pathParameters: options.params } : {}),
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded: false,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method: route.method, path: route.path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: 'req-test',
      routeKey: routeKeyOf(route),
      stage: '$default',
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
      ...(options.claims ? { authorizer: { jwt: { claims: options.claims, scopes: null } } } : {}),
    },
  } as HttpApiEvent;
}

/** Invokes a middy-wrapped handler and parses its JSON body. */
export async function invoke(
  handler: (event: HttpApiEvent, context: never) => Promise<unknown>,
  event: HttpApiEvent,
): Promise<{ statusCode: number; body: any; headers: Record<string, string> }> {
  const result = (await handler(event, {} as never)) as { statusCode: number; body: string; headers: Record<string, string> };
  return { statusCode: result.statusCode, body: JSON.parse(result.body), headers: result.headers };
}
