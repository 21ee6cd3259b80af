import type { ApiClient } from './client.ts';

/**
 * Which routes the API serves, read from its own OpenAPI document (`GET /api/openapi.json`, public,
 * generated from the one route table that also feeds CDK and the local server). A route is
 * `METHOD /api/path`; path parameter names do not matter (`{id}` and `{configId}` match).
 */
export type RouteSet = ReadonlySet<string>;

/** `POST /api/admin/x/{configId}/y` -> `POST /api/admin/x/{}/y`. */
export function normalizeRoute(route: string): string {
  const [method = '', path = ''] = route.trim().split(/\s+/, 2);
  return `${method.toUpperCase()} ${path.replace(/\{[^}]*\}/g, '{}')}`;
}

const METHODS = new Set(['get', 'put', 'post', 'patch', 'delete']);

/** The query parameters an operation declares (`parameters` entries `in: query`). */
function queryParametersOf(operation: unknown): string[] {
  const parameters = typeof operation === 'object' && operation !== null ? (operation as { parameters?: unknown }).parameters : undefined;
  if (!Array.isArray(parameters)) return [];
  return parameters.flatMap((p: unknown) => {
    const { in: where, name } = (typeof p === 'object' && p !== null ? p : {}) as { in?: unknown; name?: unknown };
    return where === 'query' && typeof name === 'string' ? [name] : [];
  });
}

/**
 * The routes an OpenAPI document declares, normalized. Each query parameter also counts as a route
 * of its own, `GET /api/path?name=`: a feature that is a new parameter of an old route (the
 * bookings' text search `q`) is gated on the parameter, since an older API would ignore it and
 * answer as if it had not been asked. Anything that is not a document yields none.
 */
export function routesOf(document: unknown): RouteSet {
  const routes = new Set<string>();
  const paths = typeof document === 'object' && document !== null ? (document as { paths?: unknown }).paths : undefined;
  if (typeof paths !== 'object' || paths === null) return routes;
  for (const [path, operations] of Object.entries(paths)) {
    if (typeof operations !== 'object' || operations === null) continue;
    for (const [method, operation] of Object.entries(operations)) {
      if (!METHODS.has(method)) continue;
      routes.add(normalizeRoute(`${method} ${path}`));
      for (const name of queryParametersOf(operation)) routes.add(normalizeRoute(`${method} ${path}?${name}=`));
    }
  }
  return routes;
}

export function hasRoute(routes: RouteSet, route: string): boolean {
  return routes.has(normalizeRoute(route));
}

export function capabilitiesApi(client: ApiClient) {
  return {
    async routes(signal?: AbortSignal): Promise<RouteSet> {
      return routesOf(await client.get<unknown>('/openapi.json', undefined, signal));
    },
  };
}
