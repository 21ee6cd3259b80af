import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbPmsAllowedHostsRepository } from '../../../../shared/adapters/dynamodb/pms-allowed-hosts.dynamodb.ts';
import type { PmsAllowedHosts } from '../../../../shared/domain/pms-egress.ts';
import { createTestTable } from '../../../support/dynamodb.ts';

let table: Awaited<ReturnType<typeof createTestTable>>;

beforeAll(async () => {
  table = await createTestTable();
});

afterAll(async () => {
  await table.drop();
});

const list = (version: number, hosts: string[]): PmsAllowedHosts => ({
  vendor: 'generic',
  hosts,
  version,
  updatedAt: '2026-03-01T10:00:00.000Z',
  updatedBy: 'admin-1',
  history: [{ version, at: '2026-03-01T10:00:00.000Z', by: 'admin-1', hosts }],
});

describe('DynamoDbPmsAllowedHostsRepository', () => {
  it('starts empty, stores a list once per version, and refuses a replacement over a version it did not read', async () => {
    const repo = new DynamoDbPmsAllowedHostsRepository(table.doc, table.tableName);

    const initial = await repo.get('generic');
    const first = await repo.replace(list(1, ['a.example']), 0);
    const raced = await repo.replace(list(1, ['b.example']), 0);
    const second = await repo.replace(list(2, ['c.example']), 1);
    const stale = await repo.replace(list(3, ['d.example']), 1);

    expect(initial).toEqual({ vendor: 'generic', hosts: [], version: 0, history: [] });
    expect([first, raced, second, stale]).toEqual([true, false, true, false]);
    expect(await repo.get('generic')).toEqual(list(2, ['c.example']));
  });
});
