import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetTestConfig, useTestConfig } from '../../support/composition.ts';
import { parseConfig } from '../../../shared/config/config.ts';
import { routeList } from '../../../shared/http/route-table.ts';
import { createLocalApi, type LocalApi } from '../../../local/api-gateway/local-api.ts';
import { functionsDirLoader, type HandlerLoader, type LambdaHandler } from '../../../local/handlers/handler-loader.ts';
import { sendJson } from '../../../local/http/json-response.ts';
import { readJson } from '../../../local/http/request-body.ts';
import { createLocalJwtAuthorizer } from '../../../local/api-gateway/jwt-authorizer.ts';
import {
  generateSigningKey,
  issueToken,
  LOCAL_CLIENT_ID,
  LOCAL_ISSUER,
  loadSigningKey,
  type LocalSigningKey,
} from '../../../local/cognito/local-issuer.ts';
import { createTestTable } from '../../support/dynamodb.ts';
import { aHotel, aRatePlan, aRoomType, nights } from '../../support/fixtures.ts';
import * as fixtures from './fixtures/handlers.ts';
import { testRouteList } from './fixtures/test-routes.ts';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  raw: Buffer;
  json: any;
}

/** node:http rather than fetch, so a test can send a header twice on separate lines. */
function call(
  base: string,
  path: string,
  options: { method?: string; headers?: OutgoingHttpHeaders; body?: Buffer | string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        const text = raw.toString('utf8');
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, raw, json });
      });
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const fixtureLoader: HandlerLoader = async (name) => {
  const handler = (fixtures as unknown as Record<string, LambdaHandler>)[name.slice('fixtures/'.length)];
  if (!handler) throw new Error(`no fixture ${name}`);
  return handler;
};
const realLoader = functionsDirLoader();
const loadHandler: HandlerLoader = (name) => (name.startsWith('fixtures/') ? fixtureLoader(name) : realLoader(name));

/** The emulator's clock in these tests: request times and Lambda deadlines read it, not the wall. */
const NOW = Date.parse('2026-12-03T10:04:05.000Z');

describe('local HTTP API (real route table, real handlers, real HTTP)', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;
  let api: LocalApi;
  let base: string;
  let keyDir: string;
  let key: LocalSigningKey;
  const handlerErrors: unknown[] = [];

  beforeAll(async () => {
    table = await createTestTable();
    const c = useTestConfig(parseConfig({ TABLE_NAME: table.tableName, DYNAMODB_ENDPOINT: table.endpoint, AWS_REGION: 'local' }));
    await c.catalog.putHotel(aHotel());
    await c.catalog.putHotel(aHotel({ hotelId: 'htl_jeju_1', name: 'Ocean View Jeju', city: 'Jeju' }));
    await c.catalog.putRoomType(aRoomType());
    await c.catalog.putRatePlan(aRatePlan());
    await c.inventory.createNights(nights('htl_seoul_1', 'rt_deluxe', '2026-12-01', '2026-12-10'));

    keyDir = mkdtempSync(join(tmpdir(), 'local-api-key-'));
    const keyFile = join(keyDir, 'jwt-signing-key.json');
    key = await loadSigningKey(keyFile);
    api = await createLocalApi({
      routes: [...routeList, ...testRouteList],
      authorizer: await createLocalJwtAuthorizer(keyFile),
      loadHandler,
      port: 0,
      clock: () => NOW,
      onHandlerError: (error) => handlerErrors.push(error),
    });
    base = `http://127.0.0.1:${api.port}`;
  });

  afterAll(async () => {
    await api?.close();
    resetTestConfig();
    await table?.drop();
    rmSync(keyDir, { recursive: true, force: true });
  });

  describe('real routes', () => {
    it('answers GET /api/health with the envelope, and the request id API Gateway assigned', async () => {
      const res = await call(base, '/api/health');

      expect(res.status).toBe(200);
      expect(res.json).toEqual({ success: true, data: { status: 'ok', dependencies: { storage: { status: 'ok', latencyMs: expect.any(Number) } } } });
      expect(res.headers['apigw-requestid']).toEqual(expect.any(String));
      expect(res.headers['x-request-id']).toBe(res.headers['apigw-requestid']);
    });

    it('passes the query string to the handler: GET /api/hotels?city=jeju', async () => {
      const res = await call(base, '/api/hotels?city=jeju');

      expect(res.status).toBe(200);
      expect(res.json.data.map((h: { hotelId: string }) => h.hotelId)).toEqual(['htl_jeju_1']);
    });

    it('URL-decodes path parameters', async () => {
      const found = await call(base, '/api/hotels/htl%5Fseoul%5F1');
      const invalid = await call(base, '/api/hotels/a%20b');

      expect(found.status).toBe(200);
      expect(found.json.data.hotelId).toBe('htl_seoul_1');
      expect(invalid.status).toBe(422);
      expect(invalid.json.error.code).toBe('VALIDATION_ERROR');
    });

    it('serves inventory for a date range', async () => {
      const res = await call(base, '/api/inventory/htl_seoul_1/rt_deluxe?startDate=2026-12-01&endDate=2026-12-03');

      expect(res.status).toBe(200);
      expect(res.json.data.map((n: { date: string }) => n.date)).toEqual(['2026-12-01', '2026-12-02', '2026-12-03']);
    });

    it('answers an unknown path, or a known path with another method, 404 {"message":"Not Found"}', async () => {
      const unknown = await call(base, '/api/nowhere');
      const wrongMethod = await call(base, '/api/health', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });

      expect(unknown.status).toBe(404);
      expect(unknown.json).toEqual({ message: 'Not Found' });
      expect(wrongMethod.status).toBe(404);
    });
  });

  describe('the payload 2.0 event', () => {
    it('is built as API Gateway builds it', async () => {
      const res = await call(base, '/test/echo/a%2Fb/caf%C3%A9?x=1&x=2&y=hello%20world', {
        headers: { 'X-Multi': ['one', 'two'], Cookie: 'a=1; b=2', 'User-Agent': 'vitest-agent' },
      });

      expect(res.status).toBe(200);
      const { event, context } = res.json;
      expect(event).toMatchObject({
        version: '2.0',
        routeKey: 'GET /test/echo/{first}/{second}',
        rawPath: '/test/echo/a%2Fb/caf%C3%A9',
        rawQueryString: 'x=1&x=2&y=hello%20world',
        queryStringParameters: { x: '1,2', y: 'hello world' },
        pathParameters: { first: 'a/b', second: 'café' },
        cookies: ['a=1', 'b=2'],
        isBase64Encoded: false,
        requestContext: {
          accountId: expect.any(String),
          apiId: expect.any(String),
          domainName: '127.0.0.1',
          routeKey: 'GET /test/echo/{first}/{second}',
          stage: '$default',
          requestId: res.headers['apigw-requestid'],
          http: { method: 'GET', path: '/test/echo/a%2Fb/caf%C3%A9', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest-agent' },
        },
      });
      expect(event.headers['x-multi']).toBe('one,two');
      expect(event.headers.cookie).toBeUndefined();
      expect(event.headers['x-forwarded-for']).toBe('127.0.0.1');
      expect(event.requestContext.time).toBe('03/Dec/2026:10:04:05 +0000');
      expect(event.requestContext.timeEpoch).toBe(NOW);
      expect(event.requestContext.authorizer).toBeUndefined();
      expect(event).not.toHaveProperty('body');
      expect(context.functionName).toBe('hotel-booking-local-fixtures-echo');
      expect(context.remainingMs).toBe(30_000);
    });

    it('leaves out queryStringParameters and pathParameters when there are none', async () => {
      const res = await call(base, '/test/echo', { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } });

      const { event } = res.json;
      expect(event.rawQueryString).toBe('');
      expect(event).not.toHaveProperty('queryStringParameters');
      expect(event).not.toHaveProperty('pathParameters');
      expect(event.body).toBe('{"a":1}');
      expect(event.isBase64Encoded).toBe(false);
    });

    it('base64-encodes a binary body', async () => {
      const bytes = Buffer.from([0, 159, 146, 150, 255]);
      const res = await call(base, '/test/echo', { method: 'POST', body: bytes, headers: { 'content-type': 'application/octet-stream' } });

      expect(res.json.event.isBase64Encoded).toBe(true);
      expect(Buffer.from(res.json.event.body, 'base64')).toEqual(bytes);
    });

    it('prefers a literal segment to a parameter, as API Gateway does', async () => {
      const literal = await call(base, '/test/things/special');
      const param = await call(base, '/test/things/other');

      expect(literal.json).toEqual({ matched: 'literal' });
      expect(param.json.event.pathParameters).toEqual({ thingId: 'other' });
    });
  });

  describe('the handler result', () => {
    it('sends a structured response with its headers and cookies', async () => {
      const res = await call(base, '/test/echo/a/b');

      expect(res.headers['x-echo']).toBe('yes');
      expect(res.headers['set-cookie']).toEqual(['session=abc; Path=/', 'theme=dark']);
    });

    it('treats a result without statusCode as a 200 JSON body', async () => {
      const res = await call(base, '/test/plain');

      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/json');
      expect(res.json).toEqual({ hello: 'world' });
    });

    it('decodes a base64 response body', async () => {
      const res = await call(base, '/test/binary');

      expect(res.headers['content-type']).toBe('image/png');
      expect([...res.raw]).toEqual([0, 1, 2, 255]);
    });

    it('answers 500 {"message":"Internal Server Error"} when the handler throws, leaking nothing', async () => {
      const before = handlerErrors.length;
      const res = await call(base, '/test/fails');

      expect(res.status).toBe(500);
      expect(res.json).toEqual({ message: 'Internal Server Error' });
      expect(res.text).not.toContain('secret');
      expect(handlerErrors.length).toBe(before + 1);
    });

    it('answers 500 when the result is malformed', async () => {
      const res = await call(base, '/test/malformed');

      expect(res.status).toBe(500);
      expect(res.json).toEqual({ message: 'Internal Server Error' });
    });
  });

  describe('CORS', () => {
    it('answers a preflight with the configured headers', async () => {
      const res = await call(base, '/api/hotels', {
        method: 'OPTIONS',
        headers: { origin: 'http://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'idempotency-key' },
      });

      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(String(res.headers['access-control-allow-headers']).split(',')).toEqual(
        expect.arrayContaining(['authorization', 'content-type', 'idempotency-key']),
      );
    });

    it('adds the allow-origin header to an answer for a request with an Origin', async () => {
      const res = await call(base, '/api/health', { headers: { origin: 'http://app.example' } });

      expect(res.headers['access-control-allow-origin']).toBe('*');
    });
  });

  describe('the JWT authorizer', () => {
    it.each([
      ['no token', undefined],
      ['a malformed token', 'Bearer not-a-jwt'],
    ])('refuses %s with 401 {"message":"Unauthorized"}', async (_label, authorization) => {
      const res = await call(base, '/test/guest/echo', { headers: authorization ? { authorization } : {} });

      expect(res.status).toBe(401);
      expect(res.json).toEqual({ message: 'Unauthorized' });
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    });

    it('refuses a token signed by another key, even one claiming our key id', async () => {
      const other = await generateSigningKey();
      const foreign = await issueToken({ role: 'admin' }, other);
      const impostor = await issueToken({ role: 'admin' }, { ...other, kid: key.kid });

      const a = await call(base, '/test/guest/echo', { headers: { authorization: `Bearer ${foreign}` } });
      const b = await call(base, '/test/guest/echo', { headers: { authorization: `Bearer ${impostor}` } });

      expect([a.status, b.status]).toEqual([401, 401]);
    });

    it('refuses an expired token', async () => {
      const expired = await issueToken({ role: 'guest', now: new Date(Date.now() - 2 * 3600_000), ttlSeconds: 3600 }, key);

      const res = await call(base, '/test/guest/echo', { headers: { authorization: `Bearer ${expired}` } });

      expect(res.status).toBe(401);
    });

    it.each([
      ['issuer', { iss: 'https://cognito-idp.eu-west-1.amazonaws.com/other', aud: LOCAL_CLIENT_ID }],
      ['audience', { iss: LOCAL_ISSUER, aud: 'someone-else' }],
    ])('refuses a token for another %s', async (_label, claims) => {
      const token = await new SignJWT({ 'cognito:groups': ['admin'], token_use: 'id' })
        .setProtectedHeader({ alg: 'RS256', kid: key.kid })
        .setSubject('admin-local')
        .setIssuer(claims.iss)
        .setAudience(claims.aud)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(key.privateKey);

      const res = await call(base, '/test/guest/echo', { headers: { authorization: `Bearer ${token}` } });

      expect(res.status).toBe(401);
    });

    it('passes a valid token\'s claims to the handler the way API Gateway flattens them', async () => {
      const token = await issueToken({ role: 'guest', subject: 'g_123' }, key);

      const res = await call(base, '/test/guest/echo', { headers: { authorization: `Bearer ${token}` } });

      expect(res.status).toBe(200);
      const { claims, scopes } = res.json.event.requestContext.authorizer.jwt;
      expect(claims).toMatchObject({
        sub: 'g_123',
        'cognito:groups': '[guest]',
        iss: LOCAL_ISSUER,
        aud: LOCAL_CLIENT_ID,
        token_use: 'id',
        email_verified: 'true',
      });
      expect(claims.exp).toMatch(/^\d+$/);
      expect(Object.values(claims).every((v) => typeof v === 'string')).toBe(true);
      expect(scopes).toBeNull();
    });

    it('accepts the token without the Bearer prefix too, as API Gateway does', async () => {
      const token = await issueToken({ role: 'guest' }, key);

      const res = await call(base, '/test/guest/echo', { headers: { authorization: token } });

      expect(res.status).toBe(200);
    });

    it('lets an admin token reach an admin route, where the handler sees an admin principal', async () => {
      const token = await issueToken({ role: 'admin' }, key);

      const res = await call(base, '/test/admin/whoami', { headers: { authorization: `Bearer ${token}` } });

      expect(res.status).toBe(200);
      expect(res.json.data).toMatchObject({ subject: 'admin-local', groups: ['admin'], isAdmin: true });
    });

    it('leaves the group check to the handler: a valid guest token on an admin route gets 403 FORBIDDEN', async () => {
      const token = await issueToken({ role: 'guest', subject: 'g_1' }, key);

      const adminRoute = await call(base, '/test/admin/whoami', { headers: { authorization: `Bearer ${token}` } });
      const guestRoute = await call(base, '/test/guest/whoami', { headers: { authorization: `Bearer ${token}` } });

      expect(adminRoute.status).toBe(403);
      expect(adminRoute.json.error.code).toBe('FORBIDDEN');
      expect(guestRoute.json.data).toMatchObject({ subject: 'g_1', groups: ['guest'], isAdmin: false });
    });
  });

  describe('local-only routes', () => {
    it('serves a route registered under /_local/ with plain node handlers', async () => {
      api.addLocalRoute({
        method: 'POST',
        path: '/_local/echo/{name}',
        handle: async (req, res, params) => sendJson(res, 201, { name: params.name, body: await readJson(req) }),
      });

      const res = await call(base, '/_local/echo/faults', { method: 'POST', body: '{"point":"pms.confirm"}' });

      expect(res.status).toBe(201);
      expect(res.json).toEqual({ name: 'faults', body: { point: 'pms.confirm' } });
    });

    it('refuses to register a local route outside /_local/ (the console is a mount, not a route)', () => {
      expect(() => api.addLocalRoute({ method: 'GET', path: '/api/sneaky', handle: () => undefined })).toThrow(/_local/);
      expect(() => api.addLocalRoute({ method: 'GET', path: '/consoles', handle: () => undefined })).toThrow(/_local/);
      expect(() => api.addLocalRoute({ method: 'GET', path: '/_local/ok', handle: () => undefined })).not.toThrow();
    });

    it('hands every request under a mounted prefix to its service, outside the route table (the console\'s place)', async () => {
      api.addMount({ prefix: '/console/', handle: (req, res, subPath) => sendJson(res, 200, { method: req.method, subPath }) });

      const page = await call(base, '/console/assets/app.js?v=1');
      const root = await call(base, '/console');
      const api404 = await call(base, '/consoles/x');

      expect(page.json).toEqual({ method: 'GET', subPath: 'assets/app.js' });
      expect(root.json).toEqual({ method: 'GET', subPath: '' });
      expect(api404.status).toBe(404);
      expect(() => api.addMount({ prefix: '/api/', handle: () => undefined })).toThrow(/prefix of its own/);
      expect(() => api.addMount({ prefix: '/_local/x/', handle: () => undefined })).toThrow(/prefix of its own/);
    });
  });
});

describe('API Gateway\'s own limits: integration timeout, payload size', () => {
  let api: LocalApi;
  let base: string;
  let keyDir: string;

  beforeAll(async () => {
    keyDir = mkdtempSync(join(tmpdir(), 'local-api-key-'));
    api = await createLocalApi({
      routes: testRouteList,
      authorizer: await createLocalJwtAuthorizer(join(keyDir, 'key.json')),
      loadHandler: fixtureLoader,
      port: 0,
      integrationTimeoutMs: 150,
      maxBodyBytes: 1024,
    });
    base = `http://127.0.0.1:${api.port}`;
  });

  afterAll(async () => {
    await api?.close();
    rmSync(keyDir, { recursive: true, force: true });
  });

  it('answers 503 {"message":"Service Unavailable"} when the handler outlives the integration timeout', async () => {
    const res = await call(base, '/test/slow');

    expect(res.status).toBe(503);
    expect(res.json).toEqual({ message: 'Service Unavailable' });
  });

  it('answers 413 for a body over the limit', async () => {
    const res = await call(base, '/test/echo', { method: 'POST', body: 'x'.repeat(2048), headers: { 'content-type': 'text/plain' } });

    expect(res.status).toBe(413);
    expect(res.json).toEqual({ message: 'Request Entity Too Large' });
  });

  it('refuses to start on a port that is taken', async () => {
    await expect(
      createLocalApi({ routes: [], authorizer: { verifyBearer: async () => undefined }, port: api.port }),
    ).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
