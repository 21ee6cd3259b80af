import { describe, expect, it } from 'vitest';
import { releaseExpiredHolds } from '../../../../shared/use-cases/checkout/release-expired-holds.use-case.ts';
import { FakeHoldRepository } from '../../../support/fakes/hold.repository.fake.ts';
import { FakeInventory } from '../../../support/fakes/inventory.repository.fake.ts';
import { nights } from '../../../support/fixtures.ts';

const NOW = new Date('2026-03-01T10:00:00.000Z');
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000).toISOString();

async function setup(holdsToPlace: { bookingId: string; expiresInSeconds: number }[]) {
  const inventory = new FakeInventory();
  inventory.seed(nights('htl_1', 'rt_1', '2026-03-10', '2026-03-10', 20));
  const holds = new FakeHoldRepository(inventory);
  for (const h of holdsToPlace) {
    await holds.place({ bookingId: h.bookingId, hotelId: 'htl_1', roomTypeId: 'rt_1', nights: ['2026-03-10'], rooms: 1, expiresAt: at(h.expiresInSeconds) }, NOW);
  }
  return { inventory, holds };
}

describe('releaseExpiredHolds', () => {
  it('releases every expired hold, page after page, and leaves running holds alone', async () => {
    // Prepare: five expired holds, two running; pages of two.
    const expired = Array.from({ length: 5 }, (_, i) => ({ bookingId: `bk_expired_${i}`, expiresInSeconds: 10 + i }));
    const { inventory, holds } = await setup([...expired, { bookingId: 'bk_running_1', expiresInSeconds: 900 }, { bookingId: 'bk_running_2', expiresInSeconds: 900 }]);

    // Act
    const released = await releaseExpiredHolds(holds, new Date(at(60)), 2);

    // Assess
    expect(released).toBe(5);
    expect(holds.all().filter((h) => h.status === 'RELEASED').map((h) => h.bookingId).sort()).toEqual(expired.map((h) => h.bookingId));
    expect(inventory.night('htl_1', 'rt_1', '2026-03-10')).toMatchObject({ reserved: 2 });
  });

  it('releases nothing, and says so, when nothing has expired', async () => {
    const { holds } = await setup([{ bookingId: 'bk1', expiresInSeconds: 600 }]);

    expect(await releaseExpiredHolds(holds, NOW)).toBe(0);
    expect((await holds.get('bk1'))?.status).toBe('HELD');
  });

  it('leaves a hold the saga converted meanwhile', async () => {
    const { holds } = await setup([{ bookingId: 'bk1', expiresInSeconds: 10 }]);
    await holds.convert('bk1', NOW);

    expect(await releaseExpiredHolds(holds, new Date(at(60)))).toBe(0);
    expect((await holds.get('bk1'))?.status).toBe('CONVERTED');
  });
});
