import { describe, expect, it } from 'vitest';
import { nights } from '../fixtures.ts';
import { FakeInventory } from './inventory.repository.fake.ts';

const NOW = new Date('2026-03-01T10:00:00.000Z');
/** A report of `t` rooms at the 110% default (no `available`: other channels' sales stay as they are). */
const total = (date: string, t: number, sourceAt: string, extra: { available?: number; inPmsBefore?: number } = {}) => ({
  hotelId: 'h1',
  roomTypeId: 'rt1',
  date,
  total: t,
  sellLimit: Math.floor((t * 110) / 100),
  sourceAt,
  newNightPriceMinor: 90_000,
  currency: 'KRW',
  ref: { type: 'poll' as const, id: 'test' },
  ...extra,
});

describe('FakeInventory', () => {
  it('never overwrites a night when seeding twice', async () => {
    const inventory = new FakeInventory();
    await inventory.createNights(nights('h1', 'rt1', '2026-03-10', '2026-03-10', 10));

    await inventory.createNights(nights('h1', 'rt1', '2026-03-10', '2026-03-11', 3));

    expect((await inventory.getNights('h1', 'rt1', '2026-03-01', '2026-03-31')).map((n) => [n.date, n.total])).toEqual([
      ['2026-03-10', 10],
      ['2026-03-11', 3],
    ]);
  });

  it('applies a PMS report without touching reserved, creates a missing night, and ignores an older report', async () => {
    // Prepare: 10 rooms, 4 reserved.
    const inventory = new FakeInventory();
    inventory.seed(nights('h1', 'rt1', '2026-03-10', '2026-03-10', 10).map((n) => ({ ...n, reserved: 4, remaining: 7 })));

    // Act
    const applied = await inventory.applyReport(total('2026-03-10', 5, '2026-03-01T09:00:00.000Z'), NOW);
    const stale = await inventory.applyReport(total('2026-03-10', 20, '2026-03-01T08:00:00.000Z'), NOW);
    const created = await inventory.applyReport(total('2026-03-11', 3, '2026-03-01T09:00:00.000Z'), NOW);

    // Assess
    expect(applied).toMatchObject({ outcome: 'applied', night: { total: 5, sellLimit: 5, reserved: 4, remaining: 1, syncedAt: NOW.toISOString() } });
    expect(stale).toMatchObject({ outcome: 'stale', night: { total: 5 } });
    expect(created).toMatchObject({ outcome: 'created', night: { total: 3, reserved: 0, remaining: 3, priceMinor: 90_000 } });
  });

  it("counts other channels' sales from the PMS's available, never crediting ours it had not counted yet, with a movement", async () => {
    // Prepare: 10 rooms, 4 of ours reserved, of which the PMS counts 2 now but counted only 1 when it answered.
    const inventory = new FakeInventory();
    inventory.seed(nights('h1', 'rt1', '2026-03-10', '2026-03-10', 10).map((n) => ({ ...n, reserved: 4, inPms: 2, remaining: 7 })));

    // Act: the PMS says 5 are unsold (5 sold, by every channel).
    const { night } = await inventory.applyReport(total('2026-03-10', 10, '2026-03-01T09:00:00.000Z', { available: 5, inPmsBefore: 1 }), NOW);

    // Assess: 5 sold - 1 of ours it counted = 4 sold elsewhere; 11 - 4 - 4 = 3 left.
    expect(night).toMatchObject({ external: 4, reserved: 4, inPms: 2, sellLimit: 11, remaining: 3, overbooked: false, pmsAvailable: 5 });
    expect(await inventory.listMovements('h1', 'rt1', '2026-03-10')).toMatchObject([
      { kind: 'pms-sync', before: { external: 0, remaining: 7 }, after: { external: 4, remaining: 3 } },
    ]);
  });

  it('applies a rate unless a newer one was applied; a missing night is stale', async () => {
    const inventory = new FakeInventory();
    inventory.seed(nights('h1', 'rt1', '2026-03-10', '2026-03-10'));
    const rate = (priceMinor: number, sourceAt: string, date = '2026-03-10') => ({ hotelId: 'h1', roomTypeId: 'rt1', date, priceMinor, currency: 'KRW', sourceAt });

    const outcomes = [
      await inventory.applyRate(rate(120_000, '2026-03-01T09:00:00.000Z'), NOW),
      await inventory.applyRate(rate(80_000, '2026-03-01T08:00:00.000Z'), NOW),
      await inventory.applyRate(rate(80_000, '2026-03-01T09:00:00.000Z', '2026-03-20'), NOW),
    ];

    expect(outcomes).toEqual(['applied', 'stale', 'stale']);
    expect(inventory.night('h1', 'rt1', '2026-03-10')?.priceMinor).toBe(120_000);
  });
  it('sets many limits, each with a policy movement, from the night as it is now; an unchanged or missing night does not count', async () => {
    // Prepare: two nights at limit 10, the second with 2 rooms held after it was read.
    const inventory = new FakeInventory();
    inventory.seed(nights('h1', 'rt1', '2026-03-10', '2026-03-12', 10).map((n) => ({ ...n, sellLimit: 10, remaining: 10 })));
    const read = await inventory.getNights('h1', 'rt1', '2026-03-10', '2026-03-12');
    inventory.seed([{ ...read[1]!, reserved: 2, remaining: 8 }]);

    // Act: two raised to 11, the third left at 10, a missing night asked for too.
    const changed = await inventory.setSellLimits(
      [
        { night: read[0]!, sellLimit: 11 },
        { night: read[1]!, sellLimit: 11 },
        { night: read[2]!, sellLimit: 10 },
        { night: { ...read[0]!, date: '2026-04-01' }, sellLimit: 11 },
      ],
      { reason: 'policy', ref: { type: 'admin', id: 'a1' } },
      NOW,
    );

    // Assess
    expect(changed).toBe(2);
    expect(inventory.night('h1', 'rt1', '2026-03-11')).toMatchObject({ sellLimit: 11, reserved: 2, remaining: 9 });
    expect(await inventory.listMovements('h1', 'rt1', '2026-03-11')).toMatchObject([{ kind: 'policy', before: { sellLimit: 10 }, after: { sellLimit: 11, remaining: 9 } }]);
    expect(await inventory.listMovements('h1', 'rt1', '2026-03-12')).toEqual([]);
  });
  it('edits a night as the adapter does: total and limit, remaining from them, reserved kept, overrides merged, an admin-edit movement', async () => {
    const inventory = new FakeInventory();
    inventory.seed(nights('h1', 'rt1', '2026-03-10', '2026-03-10', 8).map((n) => ({ ...n, sellLimit: 8, reserved: 3, external: 1, remaining: 4, overrides: { minStay: 2 } })));

    const night = await inventory.editNight({ hotelId: 'h1', roomTypeId: 'rt1', date: '2026-03-10' }, { total: 10, overrides: { minStay: null, stopSell: true } }, (t) => t + 1, { reason: 'r', ref: { type: 'admin', id: 'a1' } }, NOW);
    const missing = await inventory.editNight({ hotelId: 'h1', roomTypeId: 'rt1', date: '2026-03-11' }, { total: 1 }, (t) => t, { reason: 'r', ref: { type: 'admin', id: 'a1' } }, NOW);

    expect(night).toMatchObject({ total: 10, sellLimit: 11, reserved: 3, external: 1, remaining: 7, overrides: { stopSell: true } });
    expect(night?.overrides).not.toHaveProperty('minStay');
    expect(missing).toBeUndefined();
    expect(await inventory.listMovements('h1', 'rt1', '2026-03-10')).toMatchObject([{ kind: 'admin-edit', before: { total: 8, remaining: 4 }, after: { total: 10, remaining: 7 } }]);
  });
});
