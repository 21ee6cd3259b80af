import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalApi, type LocalApi } from '../../local/http-server.ts';
import { createLocalJwtAuthorizer } from '../../local/jwt-authorizer.ts';
import { faultRoutes } from '../../local/fault-routes.ts';
import { FaultRegistry } from '../../local/simulators/fault-registry.ts';
import { routeList } from '../../shared/http/route-table.ts';

describe('/_local/faults on the local API', () => {
  const faults = new FaultRegistry();
  let api: LocalApi;
  const url = () => `http://127.0.0.1:${api.port}/_local/faults`;
  const post = (body: string) => fetch(url(), { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  beforeAll(async () => {
    api = await createLocalApi({ routes: routeList, authorizer: await createLocalJwtAuthorizer(), port: 0, host: '127.0.0.1' });
    for (const route of faultRoutes(faults)) api.addLocalRoute(route);
  });

  afterAll(async () => {
    await api.close();
  });

  it('arms a fault that the simulators then consume, and lists it', async () => {
    const res = await post(JSON.stringify({ point: 'pms.confirm', mode: 'error', times: 2 }));
    expect(res.status).toBe(201);
    expect(((await (await fetch(url())).json()) as { data: { faults: unknown[] } }).data.faults).toEqual([{ point: 'pms.confirm', mode: 'error', times: 2 }]);
    expect(faults.take('pms.confirm')).toEqual({ mode: 'error', delayMs: 0 });
    expect(faults.take('pms.confirm')).toBeDefined();
    expect(faults.take('pms.confirm')).toBeUndefined();
  });

  it('refuses an unknown point or mode with 422 naming the field, and malformed JSON with 400', async () => {
    const bad = await post(JSON.stringify({ point: 'pms.teleport', mode: 'explode', times: 0 }));
    expect(bad.status).toBe(422);
    const body = (await bad.json()) as { error: { code: string; details: Array<{ field: string }> } };
    expect(body.error.code).toBe('VALIDATION_ERROR');
    expect(body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['body.mode', 'body.point', 'body.times']);
    expect((await post('{"point":')).status).toBe(400);
    expect(faults.list()).toEqual([]);
  });

  it('clears every fault with DELETE', async () => {
    await post(JSON.stringify({ point: 'payment.capture', mode: 'timeout', times: 5 }));
    const res = await fetch(url(), { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(faults.list()).toEqual([]);
  });

  it('is not part of the route table, so the deployed API has no such path', () => {
    expect(routeList.some((r) => r.path.startsWith('/_local'))).toBe(false);
  });
});
