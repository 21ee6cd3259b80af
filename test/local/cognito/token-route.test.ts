import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalApi, type LocalApi } from '../../../local/api-gateway/local-api.ts';
import { createLocalJwtAuthorizer, verifyBearer } from '../../../local/api-gateway/jwt-authorizer.ts';
import { HOTEL_IDS_CLAIM } from '../../../local/cognito/local-issuer.ts';
import { tokenRoute } from '../../../local/cognito/token-route.ts';
import { routeList } from '../../../shared/http/route-table.ts';

describe('POST /_local/token: the console’s local sign-in', () => {
  let api: LocalApi;
  const post = (body: string) => fetch(`http://127.0.0.1:${api.port}/_local/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  beforeAll(async () => {
    api = await createLocalApi({ routes: routeList, authorizer: await createLocalJwtAuthorizer(), port: 0, host: '127.0.0.1' });
    api.addLocalRoute(tokenRoute());
  });

  afterAll(async () => {
    await api.close();
  });

  it('mints an admin token the local stack accepts', async () => {
    const res = await post('{"role":"admin"}');
    const body = (await res.json()) as { data: { token: string; role: string; expiresAt: string } };

    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await verifyBearer(`Bearer ${body.data.token}`)).toMatchObject({ sub: 'admin-local', 'cognito:groups': ['admin'] });
    expect(Date.parse(body.data.expiresAt)).toBeGreaterThan(Date.now());
  });

  it('mints a hotel manager token naming the hotels asked for', async () => {
    const res = await post(JSON.stringify({ role: 'hotel_manager', hotelIds: ['htl_seoul_hanriver'], subject: 'hm_test' }));
    const { data } = (await res.json()) as { data: { token: string } };

    expect(decodeJwt(data.token)).toMatchObject({ sub: 'hm_test', 'cognito:groups': ['hotel_manager'], [HOTEL_IDS_CLAIM]: 'htl_seoul_hanriver' });
  });

  it('refuses other roles, a manager without hotels, unknown fields and bad JSON', async () => {
    for (const body of ['{"role":"guest"}', '{"role":"hotel_manager","hotelIds":[]}', '{"role":"admin","groups":["admin"]}', '{"role":"hotel_manager","hotelIds":["a b"]}']) {
      const res = await post(body);
      expect(res.status).toBe(422);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_ERROR');
    }
    expect((await post('{')).status).toBe(400);
  });

  it('is not part of the route table, so the deployed API has no such path', () => {
    expect(routeList.some((r) => r.path.includes('token'))).toBe(false);
  });
});
