import { describe, expect, it } from 'vitest';
import { hasRoute, normalizeRoute, routesOf } from '../../../console/src/api/capabilities.ts';
import { PLANNED } from '../../../console/src/api/planned.ts';

describe('which routes the API serves, from its OpenAPI document', () => {
  const doc = {
    openapi: '3.1.0',
    paths: {
      '/api/admin/pms/configs/{id}/reconcile': { post: {}, parameters: [] },
      '/api/admin/bookings/{bookingId}': { get: {} },
    },
  };

  it('matches method and path whatever the path parameters are called', () => {
    const routes = routesOf(doc);
    expect(hasRoute(routes, 'POST /api/admin/pms/configs/{configId}/reconcile')).toBe(true);
    expect(hasRoute(routes, 'GET /api/admin/pms/configs/{id}/reconcile')).toBe(false);
    expect(hasRoute(routes, 'get /api/admin/bookings/{x}')).toBe(true);
    expect(normalizeRoute('post /api/a/{b}/c/{d}')).toBe('POST /api/a/{}/c/{}');
  });

  it('counts each query parameter of an operation as METHOD /api/path?name=', () => {
    const routes = routesOf({ paths: { '/api/admin/bookings': { get: { parameters: [{ in: 'query', name: 'q' }, { in: 'header', name: 'x' }] } } } });
    expect(hasRoute(routes, 'GET /api/admin/bookings?q=')).toBe(true);
    expect(hasRoute(routes, 'GET /api/admin/bookings?x=')).toBe(false);
    expect(hasRoute(routes, 'GET /api/admin/bookings')).toBe(true);
  });

  it('ignores what is not an operation, and finds nothing in what is not a document', () => {
    expect([...routesOf(doc)]).toHaveLength(2);
    expect(routesOf(undefined).size).toBe(0);
    expect(routesOf({ paths: 'nope' }).size).toBe(0);
  });

  it('names every planned route as METHOD /api/path, or as a description that can never match', () => {
    for (const { route } of Object.values(PLANNED)) {
      if (/^(GET|PUT|POST|PATCH|DELETE) \//.test(route)) expect(route).toMatch(/^[A-Z]+ \/api\/[A-Za-z0-9/{}_?=.-]+$/);
      else expect(hasRoute(routesOf(doc), route)).toBe(false);
    }
  });
});
