import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbInventory } from '../../../../shared/adapters/dynamodb/inventory.dynamodb.ts';
import { keys } from '../../../../shared/adapters/dynamodb/keys.ts';
import { scanSummaryState } from '../../../../shared/adapters/dynamodb/inventory-audit.ts';
import { checkSummary } from '../../../../shared/use-cases/search/check-summary.ts';
import { addDays } from '../../../../shared/domain/dates.ts';
import { createTestTable } from '../../../support/dynamodb.ts';
import { nights } from '../../../support/fixtures.ts';

describe('DynamoDbInventory: writing nights in bulk', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;
  let inventory: DynamoDbInventory;

  beforeAll(async () => {
    table = await createTestTable();
    inventory = new DynamoDbInventory(table.doc, table.tableName);
  });

  afterAll(async () => {
    await table.drop();
  });

  it('creates a year of nights, more than one batch holds', async () => {
    await inventory.createNights(nights('htl_a', 'rt_a', '2027-01-01', '2027-12-31', 10, 100_000));

    const stored = await inventory.getNights('htl_a', 'rt_a', '2027-01-01', '2027-12-31');
    expect(stored).toHaveLength(365);
    expect(stored.every((n) => n.total === 10 && n.reserved === 0)).toBe(true);
  });

  it('leaves nights that exist exactly as they are, reserved included, wherever they fall in a batch', async () => {
    // Prepare: three nights already exist, with rooms reserved, at the start, middle and end of what will be two batches.
    const existing = ['2028-01-01', '2028-02-20', '2028-04-30'];
    for (const date of existing) {
      await inventory.createNights(nights('htl_b', 'rt_b', date, date, 5, 90_000));
      await table.doc.send(
        new UpdateCommand({
          TableName: table.tableName,
          Key: keys.inventoryNight('htl_b', 'rt_b', date),
          UpdateExpression: 'SET reserved = :r, remaining = sellLimit - :r',
          ExpressionAttributeValues: { ':r': 3 },
        }),
      );
    }

    // Act: import 121 nights over them, with other totals and prices.
    await inventory.createNights(nights('htl_b', 'rt_b', '2028-01-01', '2028-04-30', 20, 150_000));

    // Assess
    const stored = await inventory.getNights('htl_b', 'rt_b', '2028-01-01', '2028-04-30');
    expect(stored).toHaveLength(121);
    for (const night of stored) {
      if (existing.includes(night.date)) expect(night).toMatchObject({ total: 5, reserved: 3, priceMinor: 90_000 });
      else expect(night).toMatchObject({ total: 20, reserved: 0, priceMinor: 150_000 });
    }
  });

  it('writes a night given twice once', async () => {
    const once = nights('htl_c', 'rt_c', '2028-06-01', '2028-06-01', 4, 80_000);

    await inventory.createNights([...once, ...once, ...nights('htl_c', 'rt_c', addDays('2028-06-01', 1), addDays('2028-06-01', 1), 4, 80_000)]);

    expect(await inventory.getNights('htl_c', 'rt_c', '2028-06-01', '2028-06-02')).toHaveLength(2);
  });

  it('seeds the nights of an unreachable room type in plain batches, overwriting what a failed earlier attempt left', async () => {
    await inventory.seedUnreachableNights(nights('htl_d', 'rt_new', '2029-01-01', '2029-01-05', 3, 70_000));

    await inventory.seedUnreachableNights([
      ...nights('htl_d', 'rt_new', '2029-01-01', '2029-03-31', 8, 120_000),
      ...nights('htl_d', 'rt_new', '2029-01-01', '2029-01-01', 8, 120_000),
    ]);

    const stored = await inventory.getNights('htl_d', 'rt_new', '2029-01-01', '2029-03-31');
    expect(stored).toHaveLength(90);
    expect(stored.every((n) => n.total === 8 && n.priceMinor === 120_000 && n.reserved === 0)).toBe(true);
  });

  it('sets many limits in batches, each with a policy movement; a night that changed since it was read is read again', async () => {
    // Prepare: 60 nights (three batches) at limit 10; one of them gets a hold of 2 rooms after it was read.
    await inventory.createNights(nights('htl_lim', 'rt_lim', '2027-03-01', '2027-04-29', 10, 100_000).map((n) => ({ ...n, sellLimit: 10, remaining: 10 })));
    const read = await inventory.getNights('htl_lim', 'rt_lim', '2027-03-01', '2027-04-29');
    await table.doc.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.inventoryNight('htl_lim', 'rt_lim', '2027-03-20'),
        UpdateExpression: 'SET reserved = :r, remaining = :rem',
        ExpressionAttributeValues: { ':r': 2, ':rem': 8 },
      }),
    );

    // Act
    const changed = await inventory.setSellLimits(
      read.map((night) => ({ night, sellLimit: 11 })),
      { reason: 'the PMS accepts overbooking', ref: { type: 'admin', id: 'admin-1' } },
      new Date('2027-01-01T00:00:00.000Z'),
    );

    // Assess
    const after = await inventory.getNights('htl_lim', 'rt_lim', '2027-03-01', '2027-04-29');
    expect(changed).toBe(60);
    expect(after.every((n) => n.sellLimit === 11 && n.remaining === 11 - (n.external ?? 0) - n.reserved)).toBe(true);
    expect(after.find((n) => n.date === '2027-03-20')).toMatchObject({ reserved: 2, remaining: 9 });
    expect(await inventory.listMovements('htl_lim', 'rt_lim', '2027-03-20')).toEqual([
      expect.objectContaining({ kind: 'policy', reason: 'the PMS accepts overbooking', before: expect.objectContaining({ reserved: 2, sellLimit: 10 }), after: expect.objectContaining({ sellLimit: 11, remaining: 9 }) }),
    ]);
  });

  it('sets limits of two room types on the same dates, keeping the availability summary equal to the nights', async () => {
    // Prepare: two room types share each date's summary item.
    for (const roomTypeId of ['rt_a', 'rt_b']) {
      await inventory.createNights(nights('htl_sum', roomTypeId, '2027-05-01', '2027-05-10', 10, 100_000).map((n) => ({ ...n, sellLimit: 10, remaining: 10 })));
    }
    const read = [...(await inventory.getNights('htl_sum', 'rt_a', '2027-05-01', '2027-05-10')), ...(await inventory.getNights('htl_sum', 'rt_b', '2027-05-01', '2027-05-10'))];

    // Act
    const changed = await inventory.setSellLimits(
      read.map((night) => ({ night, sellLimit: 11 })),
      { reason: 'overbooking policy 110%', ref: { type: 'admin', id: 'admin-1' } },
      new Date('2027-01-01T00:00:00.000Z'),
    );

    // Assess
    const state = await scanSummaryState(table.doc, table.tableName);
    expect(changed).toBe(20);
    expect(checkSummary({ nights: state.nights.filter((n) => n.hotelId === 'htl_sum'), summaries: state.summaries.filter((s) => s.hotelId === 'htl_sum') })).toEqual([]);
    expect(state.summaries.filter((s) => s.hotelId === 'htl_sum').every((s) => s.rooms.rt_a?.remaining === 11 && s.rooms.rt_b?.remaining === 11)).toBe(true);
  });

  it('edits a night (total, overrides set and lifted), never touching reserved, each edit with an admin-edit movement', async () => {
    // Prepare: 8 rooms, 3 reserved; a PMS-style stop-sell is overridden later.
    await inventory.createNights(nights('htl_ed', 'rt_ed', '2027-06-01', '2027-06-01', 8, 100_000).map((n) => ({ ...n, reserved: 3, remaining: 5 })));
    const at = { hotelId: 'htl_ed', roomTypeId: 'rt_ed', date: '2027-06-01' };
    const change = { reason: 'renovation done', ref: { type: 'admin' as const, id: 'admin-1' } };
    // Act
    const first = await inventory.editNight(at, { total: 10, overrides: { stopSell: false, minStay: 2 } }, (t) => Math.floor((t * 110) / 100), change, new Date('2027-01-01T00:00:00.000Z'));
    const lifted = await inventory.editNight(at, { overrides: { minStay: null } }, (t) => t, change, new Date('2027-01-01T00:01:00.000Z'));
    const missing = await inventory.editNight({ ...at, date: '2027-06-02' }, { total: 1 }, (t) => t, change, new Date());

    // Assess
    expect(first).toMatchObject({ total: 10, sellLimit: 11, reserved: 3, remaining: 8, overrides: { stopSell: false, minStay: 2 } });
    expect(lifted).toMatchObject({ total: 10, sellLimit: 10, reserved: 3, remaining: 7, overrides: { stopSell: false } });
    expect(missing).toBeUndefined();
    const [stored] = await inventory.getNights(at.hotelId, at.roomTypeId, at.date, at.date);
    expect(stored).toMatchObject({ total: 10, sellLimit: 10, remaining: 7, overrides: { stopSell: false } });
    expect(stored!.overrides).not.toHaveProperty('minStay');
    expect((await inventory.listMovements(at.hotelId, at.roomTypeId, at.date)).filter((m) => m.kind === 'admin-edit')).toMatchObject([
      { reason: 'renovation done', ref: { type: 'admin', id: 'admin-1' }, before: { sellLimit: 11 }, after: { sellLimit: 10, remaining: 7 } },
      { before: { total: 8, remaining: 5 }, after: { total: 10, sellLimit: 11, remaining: 8 } },
    ]);
  });
});
