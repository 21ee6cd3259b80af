import { describe, expect, it } from 'vitest';
import { sellLimitsOf } from '../../../../shared/use-cases/inventory/sell-limits.ts';
import { applyPmsNights } from '../../../../shared/use-cases/pms/apply-pms-nights.use-case.ts';
import { fakeClock } from '../../../support/fakes/clock.fake.ts';
import { FakeEventPublisher } from '../../../support/fakes/event-publisher.fake.ts';
import { FakeInventory } from '../../../support/fakes/inventory.repository.fake.ts';
import { nights } from '../../../support/fixtures.ts';

const NOW = '2026-03-01T10:00:00.000Z';

function setup() {
  const inventory = new FakeInventory();
  const events = new FakeEventPublisher();
  const clock = fakeClock(NOW);
  // 10 rooms (sell limit 11) on the 10th to the 12th; 9 of the 10th sold.
  inventory.seed(nights('h1', 'rt1', '2026-03-10', '2026-03-12', 10, 150_000));
  inventory.seed(nights('h1', 'rt1', '2026-03-10', '2026-03-10', 10, 150_000).map((n) => ({ ...n, reserved: 9, remaining: 2 })));
  return { inventory, events, deps: { inventory, events, clock } };
}

const input = (facts: Parameters<typeof applyPmsNights>[1]['nights'], sourceAt = '2026-03-01T09:00:00.000Z') => ({
  hotelId: 'h1',
  roomTypeId: 'rt1',
  sourceAt,
  nights: facts,
  fallbackPriceMinor: 80_000,
  currency: 'KRW',
  // The default policy of a hotel without a PMS: 110% of total.
  limits: sellLimitsOf({}),
  ref: { type: 'event' as const, id: 'test' },
});

describe('applyPmsNights', () => {
  it('applies totals, creates missing nights at the fallback price, and never touches reserved', async () => {
    const { deps, inventory } = setup();

    const summary = await applyPmsNights(deps, input([{ date: '2026-03-10', total: 12 }, { date: '2026-03-20', total: 4 }]));

    expect(summary).toEqual({ applied: 1, created: 1, stale: 0, overbooked: [] });
    expect(inventory.night('h1', 'rt1', '2026-03-10')).toMatchObject({ total: 12, sellLimit: 13, reserved: 9, remaining: 4, syncedAt: NOW });
    expect(inventory.night('h1', 'rt1', '2026-03-20')).toMatchObject({ total: 4, reserved: 0, priceMinor: 80_000, currency: 'KRW' });
  });

  it('flags a night shrunk below what was sold as overbooked and publishes one event for the batch', async () => {
    // Prepare
    const { deps, inventory, events } = setup();
    inventory.seed(nights('h1', 'rt1', '2026-03-11', '2026-03-11', 10).map((n) => ({ ...n, reserved: 6, remaining: 5 })));

    // Act: 9 sold on the 10th and 6 on the 11th; the PMS now has 5 rooms on each.
    const summary = await applyPmsNights(deps, input([{ date: '2026-03-10', total: 5 }, { date: '2026-03-11', total: 5 }, { date: '2026-03-12', total: 5 }]));

    // Assess
    expect(summary.overbooked).toEqual(['2026-03-10', '2026-03-11']);
    expect(inventory.night('h1', 'rt1', '2026-03-10')).toMatchObject({ sellLimit: 5, reserved: 9, remaining: -4, overbooked: true });
    expect(inventory.night('h1', 'rt1', '2026-03-12')).toMatchObject({ overbooked: false });
    expect(events.events.map((e) => [e.type, e.detail.date, e.detail.reserved])).toEqual([
      ['inventory.overbooked', '2026-03-10', 9],
      ['inventory.overbooked', '2026-03-11', 6],
    ]);
  });

  it('clears the flag when the PMS grows the night back, without an event', async () => {
    const { deps, inventory, events } = setup();
    await applyPmsNights(deps, input([{ date: '2026-03-10', total: 5 }]));
    events.events.length = 0;

    await applyPmsNights(deps, input([{ date: '2026-03-10', total: 10 }], '2026-03-01T09:30:00.000Z'));

    expect(inventory.night('h1', 'rt1', '2026-03-10')).toMatchObject({ overbooked: false, remaining: 2 });
    expect(events.events).toEqual([]);
  });

  it('counts an older fact as stale and changes nothing', async () => {
    const { deps, inventory } = setup();
    await applyPmsNights(deps, input([{ date: '2026-03-11', total: 7 }], '2026-03-01T09:00:00.000Z'));

    const summary = await applyPmsNights(deps, input([{ date: '2026-03-11', total: 3 }], '2026-03-01T08:00:00.000Z'));

    expect(summary).toEqual({ applied: 0, created: 0, stale: 1, overbooked: [] });
    expect(inventory.night('h1', 'rt1', '2026-03-11')?.total).toBe(7);
  });

  it('applies prices: a price alone counts once, a price with a total rides along with it', async () => {
    const { deps, inventory } = setup();

    const summary = await applyPmsNights(deps, input([
      { date: '2026-03-11', priceMinor: 175_000 },
      { date: '2026-03-12', total: 8, priceMinor: 190_000, currency: 'KRW' },
      { date: '2026-04-30', priceMinor: 1 },
    ]));

    expect(summary).toEqual({ applied: 2, created: 0, stale: 1, overbooked: [] });
    expect(inventory.night('h1', 'rt1', '2026-03-11')).toMatchObject({ priceMinor: 175_000, total: 10 });
    expect(inventory.night('h1', 'rt1', '2026-03-12')).toMatchObject({ priceMinor: 190_000, total: 8 });
    expect(inventory.night('h1', 'rt1', '2026-04-30')).toBeUndefined();
  });
});
