import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContainer, setContainer } from '../../shared/composition/container.ts';
import { routeList } from '../../shared/http/route-table.ts';
import type { RouteDefinition } from '../../shared/http/route.ts';
import { createTestTable, testConfig } from '../support/dynamodb.ts';
import { functionsDirLoader } from '../../local/handlers/handler-loader.ts';
import { httpEvent, invoke } from '../support/events.ts';

/**
 * Every route of the route table, fed bad input: a 4xx with a stable code, and nothing written.
 * New routes are covered by the same table without a new test.
 */
const admin = { sub: 'admin-1', 'cognito:groups': '[admin]', email: 'admin@example.com' };

const load = functionsDirLoader();

async function handlerOf(route: RouteDefinition) {
  return (await load(route.handler)) as Parameters<typeof invoke>[0];
}

function paramsOf(route: RouteDefinition, value: string): Record<string, string> {
  return Object.fromEntries([...route.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1]!, value]));
}

describe('bad input on every route', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;
  const itemCount = async () => (await table.doc.send(new ScanCommand({ TableName: table.tableName, Select: 'COUNT' }))).Count ?? 0;

  beforeAll(async () => {
    table = await createTestTable();
    setContainer(createContainer(testConfig(table.tableName, table.endpoint, { PMS_WEBHOOK_SECRET: 'bad-input-test-secret-0123456789' })));
  });

  afterAll(async () => {
    setContainer(undefined);
    await table.drop();
  });

  const protectedRoutes = routeList.filter((r) => r.auth !== 'public');
  it.each(protectedRoutes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s refuses a caller without a token (401)', async (_key, route) => {
    const res = await invoke(await handlerOf(route), httpEvent(route, { params: paramsOf(route, 'x1'), body: {} }));
    expect(res.statusCode).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHORIZED');
  });

  const withParams = routeList.filter((r) => r.path.includes('{'));
  it.each(withParams.map((r) => [`${r.method} ${r.path}`, r] as const))('%s refuses a malformed path parameter with a 4xx and writes nothing', async (_key, route) => {
    const before = await itemCount();
    const res = await invoke(
      await handlerOf(route),
      httpEvent(route, { params: paramsOf(route, 'no spaces/allowed'), body: {}, claims: admin, headers: { 'idempotency-key': 'k' } }),
    );
    expect([400, 404, 422]).toContain(res.statusCode);
    expect(res.body.success).toBe(false);
    expect(typeof res.body.error.code).toBe('string');
    expect(typeof res.body.error.message).toBe('string');
    expect(await itemCount()).toBe(before);
  });

  // Routes that read a body: a zod body schema, or the webhook route that verifies the raw bytes first.
const withBody = routeList.filter((r) => r.body !== undefined || r.path.includes('{vendor}'));
  it.each(withBody.map((r) => [`${r.method} ${r.path}`, r] as const))('%s answers malformed JSON with 400 BAD_REQUEST and writes nothing', async (_key, route) => {
    const before = await itemCount();
    const res = await invoke(
      await handlerOf(route),
      httpEvent(route, {
        params: paramsOf(route, route.path.includes('{vendor}') ? 'generic' : 'x1'),
        rawBody: '{"oops":',
        claims: admin,
        headers: { 'idempotency-key': 'k', 'x-pms-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` },
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body.error.code).toBe('BAD_REQUEST');
    expect(await itemCount()).toBe(before);
  });

  const withRequiredQuery = routeList.filter((r) => r.query && !r.query.safeParse({}).success);
  it.each(withRequiredQuery.map((r) => [`${r.method} ${r.path}`, r] as const))('%s answers a missing query parameter with 422', async (_key, route) => {
    const res = await invoke(await handlerOf(route), httpEvent(route, { params: paramsOf(route, 'x1'), claims: admin }));
    expect(res.statusCode).toBe(422);
    expect(res.body.error.code).toBe('VALIDATION_ERROR');
    expect(res.body.error.details.length).toBeGreaterThan(0);
  });
});
