import { describe, expect, it } from 'vitest';
import { nights } from '../fixtures.ts';
import { FakeInventory } from './inventory.repository.fake.ts';

const NOW = new Date('2026-03-01T10:00:00.000Z');
const total = (date: string, t: number, sourceAt: string) => ({ hotelId: 'h1', roomTypeId: 'rt1', date, total: t, sourceAt, priceMinor: 90_000, currency: 'KRW' });

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

  it('applies a PMS total without touching reserved, creates a missing night, and ignores an older fact', async () => {
    // Prepare: 10 rooms, 4 reserved.
    const inventory = new FakeInventory();
    inventory.seed(nights('h1', 'rt1', '2026-03-10', '2026-03-10', 10).map((n) => ({ ...n, reserved: 4, remaining: 7 })));

    // Act
    const applied = await inventory.applyTotal(total('2026-03-10', 5, '2026-03-01T09:00:00.000Z'), NOW);
    const stale = await inventory.applyTotal(total('2026-03-10', 20, '2026-03-01T08:00:00.000Z'), NOW);
    const created = await inventory.applyTotal(total('2026-03-11', 3, '2026-03-01T09:00:00.000Z'), NOW);

    // Assess
    expect(applied).toMatchObject({ outcome: 'applied', night: { total: 5, sellLimit: 5, reserved: 4, remaining: 1, syncedAt: NOW.toISOString() } });
    expect(stale).toMatchObject({ outcome: 'stale', night: { total: 5 } });
    expect(created).toMatchObject({ outcome: 'created', night: { total: 3, reserved: 0, remaining: 3, priceMinor: 90_000 } });
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
});
