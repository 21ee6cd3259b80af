import { describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '../../../../shared/domain/errors.ts';
import { effectiveRestrictions } from '../../../../shared/domain/inventory.ts';
import { editNight } from '../../../../shared/use-cases/inventory/edit-night.use-case.ts';
import { fakeClock } from '../../../support/fakes/clock.fake.ts';
import { FakeHotelCatalog } from '../../../support/fakes/hotel-catalog.repository.fake.ts';
import { FakeInventory } from '../../../support/fakes/inventory.repository.fake.ts';
import { FakePmsConfigRepository } from '../../../support/fakes/pms-config.repository.fake.ts';
import { aHotel, aRoomType, nights } from '../../../support/fixtures.ts';

const NOW = '2026-03-01T00:00:00.000Z';
const DATE = '2026-03-10';

/** Two hotels: `htl_own` sells its own rooms (policy 110%), `htl_pms` is managed by a PMS (capped at total). */
function world() {
  const catalog = new FakeHotelCatalog();
  const inventory = new FakeInventory();
  const configs = new FakePmsConfigRepository();
  catalog.seed({ hotel: aHotel({ hotelId: 'htl_own', timeZone: 'Asia/Seoul' }), roomTypes: [aRoomType({ hotelId: 'htl_own', roomTypeId: 'rt_1' })] });
  catalog.seed({
    hotel: aHotel({ hotelId: 'htl_pms', timeZone: 'Asia/Seoul', pms: { vendor: 'generic', pmsHotelId: 'p1' } }),
    roomTypes: [aRoomType({ hotelId: 'htl_pms', roomTypeId: 'rt_1', pmsRoomTypeId: 'ocean' })],
  });
  inventory.seed(nights('htl_own', 'rt_1', DATE, DATE, 8).map((n) => ({ ...n, sellLimit: 8, reserved: 3, remaining: 5 })));
  inventory.seed(nights('htl_pms', 'rt_1', DATE, DATE, 10).map((n) => ({ ...n, sellLimit: 10, remaining: 10, restrictions: { stopSell: true, minStay: 2 } })));
  const deps = { catalog, configs, inventory, clock: fakeClock(NOW) };
  return { deps, inventory };
}

describe('editNight', () => {
  it("sets a hotel's own rooms: the limit follows under its policy, reserved stays, and the ledger says who and why", async () => {
    const { deps, inventory } = world();

    const night = await editNight(deps, { hotelId: 'htl_own', roomTypeId: 'rt_1', date: DATE, total: 10, reason: 'two rooms back from renovation', actor: 'admin-1' });

    expect(night).toMatchObject({ total: 10, sellLimit: 11, reserved: 3, remaining: 8, overbooked: false });
    expect(await inventory.listMovements('htl_own', 'rt_1', DATE)).toMatchObject([
      { kind: 'admin-edit', reason: 'two rooms back from renovation', ref: { type: 'admin', id: 'admin-1' }, before: { total: 8, remaining: 5 }, after: { total: 10, sellLimit: 11, remaining: 8 } },
    ]);
  });

  it('a total below what is sold keeps the sales and flags the night overbooked: it sells nothing more', async () => {
    const { deps } = world();

    const night = await editNight(deps, { hotelId: 'htl_own', roomTypeId: 'rt_1', date: DATE, total: 2, reason: 'flood', actor: 'admin-1' });

    expect(night).toMatchObject({ total: 2, sellLimit: 2, reserved: 3, remaining: -1, overbooked: true });
  });

  it("overrides the PMS's restrictions (false opens a night the PMS closed) and lifts an override with null", async () => {
    const { deps, inventory } = world();

    const opened = await editNight(deps, { hotelId: 'htl_pms', roomTypeId: 'rt_1', date: DATE, overrides: { stopSell: false, maxStay: 5 }, reason: 'we sell it', actor: 'admin-1' });
    const lifted = await editNight(deps, { hotelId: 'htl_pms', roomTypeId: 'rt_1', date: DATE, overrides: { stopSell: null }, reason: 'back to the PMS', actor: 'admin-1' });

    expect(effectiveRestrictions(opened)).toEqual({ stopSell: false, minStay: 2, maxStay: 5 });
    expect(lifted.overrides).toEqual({ maxStay: 5 });
    expect(effectiveRestrictions(lifted)).toEqual({ stopSell: true, minStay: 2, maxStay: 5 });
    expect(lifted).toMatchObject({ total: 10, sellLimit: 10, remaining: 10 });
    expect((await inventory.listMovements('htl_pms', 'rt_1', DATE)).map((m) => m.kind)).toEqual(['admin-edit', 'admin-edit']);
  });

  it("refuses the total of a room type the PMS counts (422 on body.total), writing nothing", async () => {
    const { deps, inventory } = world();

    const refused = await editNight(deps, { hotelId: 'htl_pms', roomTypeId: 'rt_1', date: DATE, total: 12, reason: 'x', actor: 'admin-1' }).catch((e: unknown) => e);

    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).details).toEqual([expect.objectContaining({ field: 'body.total' })]);
    expect(inventory.night('htl_pms', 'rt_1', DATE)).toMatchObject({ total: 10 });
    expect(await inventory.listMovements('htl_pms', 'rt_1', DATE)).toEqual([]);
  });

  it('an unknown hotel, room type or night is NOT_FOUND', async () => {
    const { deps } = world();
    const edit = (hotelId: string, roomTypeId: string, date: string) => editNight(deps, { hotelId, roomTypeId, date, total: 1, reason: 'x', actor: 'a' }).catch((e: unknown) => e);

    expect(await edit('htl_none', 'rt_1', DATE)).toBeInstanceOf(NotFoundError);
    expect(await edit('htl_own', 'rt_none', DATE)).toBeInstanceOf(NotFoundError);
    expect(await edit('htl_own', 'rt_1', '2026-04-01')).toBeInstanceOf(NotFoundError);
  });
});
