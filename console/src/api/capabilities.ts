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

/** The routes an OpenAPI document declares, normalized. Anything that is not one yields none. */
export function routesOf(document: unknown): RouteSet {
  const routes = new Set<string>();
  const paths = typeof document === 'object' && document !== null ? (document as { paths?: unknown }).paths : undefined;
  if (typeof paths !== 'object' || paths === null) return routes;
  for (const [path, operations] of Object.entries(paths)) {
    if (typeof operations !== 'object' || operations === null) continue;
    for (const method of Object.keys(operations)) if (METHODS.has(method)) routes.add(normalizeRoute(`${method} ${path}`));
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
