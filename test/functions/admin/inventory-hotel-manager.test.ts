import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as setOverbookingPolicy } from '../../../functions/admin/hotels/set-overbooking-policy.ts';
import { handler as listMovements } from '../../../functions/admin/inventory/list-movements.ts';
import { routes } from '../../../shared/http/route-table.ts';
import { resetTestConfig, useTestConfig } from '../../support/composition.ts';
import { createTestTable, testConfig } from '../../support/dynamodb.ts';
import { httpEvent, invoke } from '../../support/events.ts';
import { aHotel } from '../../support/fixtures.ts';

const managerA = { sub: 'hm_a', 'cognito:groups': '[hotel_manager]', 'custom:hotel_ids': 'htl_a' };
const guest = { sub: 'g_1', 'cognito:groups': '[guest]', email: 'ana@example.com', email_verified: 'true' };

/** Issue 8 RBAC: a hotel's availability ledger and its overbooking policy are its managers' too, and no one else's. */
describe('inventory admin routes for hotel managers', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;

  beforeAll(async () => {
    table = await createTestTable();
    const c = useTestConfig(testConfig(table.tableName, table.endpoint));
    await c.catalog.putHotel(aHotel({ hotelId: 'htl_a' }));
    await c.catalog.putHotel(aHotel({ hotelId: 'htl_b' }));
  });

  afterAll(async () => {
    resetTestConfig();
    await table.drop();
  });

  const movements = (claims: Record<string, unknown>, hotelId: string) =>
    invoke(listMovements, httpEvent(routes.adminNightMovements, { claims, params: { hotelId, roomTypeId: 'rt_deluxe', date: '2026-07-01' } }));
  const policy = (claims: Record<string, unknown>, hotelId: string) =>
    invoke(setOverbookingPolicy, httpEvent(routes.adminSetOverbookingPolicy, { claims, params: { hotelId }, body: { percent: 105, ranges: [] } }));

  it('lets a manager read their hotel\'s ledger and set its overbooking policy', async () => {
    const read = await movements(managerA, 'htl_a');
    const set = await policy(managerA, 'htl_a');

    expect(read.statusCode).toBe(200);
    expect(set.statusCode).toBe(200);
    expect(set.body.data).toMatchObject({ hotelId: 'htl_a', overbooking: { percent: 105 } });
  });

  it('refuses another hotel\'s (403) and a guest (403), writing nothing', async () => {
    const results = [await movements(managerA, 'htl_b'), await policy(managerA, 'htl_b'), await policy(guest, 'htl_a')];

    expect(results.map((r) => [r.statusCode, r.body.error?.code])).toEqual([
      [403, 'FORBIDDEN'],
      [403, 'FORBIDDEN'],
      [403, 'FORBIDDEN'],
    ]);
    const hotelB = await useTestConfig(testConfig(table.tableName, table.endpoint)).catalog.getHotel('htl_b');
    expect((hotelB as { overbooking?: unknown } | undefined)?.overbooking).toBeUndefined();
  });
});
