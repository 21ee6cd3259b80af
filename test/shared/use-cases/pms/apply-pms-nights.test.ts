import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestAdapters, useTestConfig } from '../../../support/composition.ts';
import type { DomainEvent } from '../../../../shared/ports/event-publisher.port.ts';
import { sellLimitsOf } from '../../../../shared/use-cases/inventory/sell-limits.ts';
import { applyPmsNights } from '../../../../shared/use-cases/pms/apply-pms-nights.use-case.ts';
import { createTestTable, testConfig } from '../../../support/dynamodb.ts';
import { nights } from '../../../support/fixtures.ts';

describe('applyPmsNights against DynamoDB Local', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;
  let c: TestAdapters;
  const published: DomainEvent[] = [];
  const deps = () => ({ inventory: c.inventory, events: { publish: async (e: DomainEvent[]) => void published.push(...e) }, clock: () => new Date('2026-11-21T00:00:00Z') });
  const base = { hotelId: 'h1', roomTypeId: 'r1', fallbackPriceMinor: 100_000, currency: 'KRW', limits: sellLimitsOf({}), ref: { type: 'event' as const, id: 'test' } };

  beforeAll(async () => {
    table = await createTestTable();
    c = useTestConfig(testConfig(table.tableName, table.endpoint));
    await c.inventory.createNights(nights('h1', 'r1', '2026-12-01', '2026-12-03', 10));
    await c.holds.place({ bookingId: 'b1', hotelId: 'h1', roomTypeId: 'r1', nights: ['2026-12-01'], rooms: 9, expiresAt: '2030-01-01T00:00:00.000Z' }, new Date());
  });

  afterAll(async () => {
    await table.drop();
  });

  it('sets total, sellLimit and remaining without touching reserved, and writes the change to the ledger', async () => {
    await applyPmsNights(deps(), { ...base, sourceAt: '2026-11-21T01:00:00Z', nights: [{ date: '2026-12-01', total: 20 }] });
    const [night] = await c.inventory.getNights('h1', 'r1', '2026-12-01', '2026-12-01');
    expect(night).toMatchObject({ total: 20, sellLimit: 22, reserved: 9, remaining: 13, overbooked: false });
    const sync = (await c.inventory.listMovements('h1', 'r1', '2026-12-01')).find((m) => m.kind === 'pms-sync');
    expect(sync).toMatchObject({
      kind: 'pms-sync',
      ref: { type: 'event', id: 'test' },
      before: { total: 10, sellLimit: 11, reserved: 9, remaining: 2 },
      after: { total: 20, sellLimit: 22, reserved: 9, remaining: 13 },
    });
  });

  it("counts other channels' sales from the PMS's available, and a hold's movement sits in the same ledger", async () => {
    // The PMS has 10 rooms and 6 unsold: 4 sold, none of them ours in the PMS (our 9 are not in it yet).
    await applyPmsNights(deps(), { ...base, sourceAt: '2026-11-21T01:30:00Z', nights: [{ date: '2026-12-02', total: 10, available: 6 }] });
    const [night] = await c.inventory.getNights('h1', 'r1', '2026-12-02', '2026-12-02');
    expect(night).toMatchObject({ total: 10, external: 4, sellLimit: 11, reserved: 0, remaining: 7, pmsAvailable: 6 });
    const ledger = await c.inventory.listMovements('h1', 'r1', '2026-12-01');
    expect(ledger.some((m) => m.kind === 'hold' && m.ref.id === 'b1' && m.delta?.reserved === 9)).toBe(true);
  });

  it('flags a night the PMS shrank below what was sold, sells nothing more, and publishes inventory.overbooked', async () => {
    const summary = await applyPmsNights(deps(), { ...base, sourceAt: '2026-11-21T02:00:00Z', nights: [{ date: '2026-12-01', total: 5 }] });
    const [night] = await c.inventory.getNights('h1', 'r1', '2026-12-01', '2026-12-01');
    expect(night).toMatchObject({ total: 5, sellLimit: 5, reserved: 9, overbooked: true });
    expect(summary.overbooked).toEqual(['2026-12-01']);
    expect(published.map((e) => e.type)).toContain('inventory.overbooked');
    await expect(
      c.holds.place({ bookingId: 'b2', hotelId: 'h1', roomTypeId: 'r1', nights: ['2026-12-01'], rooms: 1, expiresAt: '2030-01-01T00:00:00.000Z' }, new Date()),
    ).rejects.toMatchObject({ code: 'SOLD_OUT' });
  });

  it('ignores a fact older than the one applied, so out-of-order events never roll back', async () => {
    const summary = await applyPmsNights(deps(), { ...base, sourceAt: '2026-11-21T01:30:00Z', nights: [{ date: '2026-12-01', total: 30 }] });
    expect(summary.stale).toBe(1);
    const [night] = await c.inventory.getNights('h1', 'r1', '2026-12-01', '2026-12-01');
    expect(night!.total).toBe(5);
  });

  it('creates nights it has never seen and updates prices', async () => {
    const summary = await applyPmsNights(deps(), {
      ...base,
      sourceAt: '2026-11-21T03:00:00Z',
      nights: [{ date: '2026-12-10', total: 4 }, { date: '2026-12-02', priceMinor: 123_000 }],
    });
    expect(summary).toMatchObject({ created: 1, applied: 1 });
    const [created] = await c.inventory.getNights('h1', 'r1', '2026-12-10', '2026-12-10');
    expect(created).toMatchObject({ total: 4, sellLimit: 4, reserved: 0, remaining: 4, priceMinor: 100_000 });
    const [priced] = await c.inventory.getNights('h1', 'r1', '2026-12-02', '2026-12-02');
    expect(priced!.priceMinor).toBe(123_000);
  });
});
