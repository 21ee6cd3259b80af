import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as listAudit } from '../../../../functions/admin/catalog/list-audit.ts';
import { handler as setCalendar } from '../../../../functions/admin/catalog/set-calendar.ts';
import { handler as getInventory } from '../../../../functions/inventory/get-inventory.ts';
import { scanSummaryState } from '../../../../shared/adapters/dynamodb/inventory-audit.ts';
import { weekdayOf } from '../../../../shared/domain/calendar.ts';
import { addDays, datesInclusive, todayIn } from '../../../../shared/domain/dates.ts';
import { routes } from '../../../../shared/http/route-table.ts';
import { checkSummary } from '../../../../shared/use-cases/search/check-summary.ts';
import { resetTestConfig, useTestConfig, type TestAdapters } from '../../../support/composition.ts';
import { createTestTable, testConfig } from '../../../support/dynamodb.ts';
import { httpEvent, invoke } from '../../../support/events.ts';
import { aHotel, aRatePlan, aRoomType, nights } from '../../../support/fixtures.ts';

const admin = { sub: 'admin-7', 'cognito:groups': '[admin]' };

/**
 * The rates-and-restrictions calendar: ranges that overlap (later wins, field by field), weekdays,
 * restrictions set and removed, counts through the PMS sync's path (reserved untouched, an
 * admin-edit movement per change), PMS-owned fields refused, and the same call twice changing
 * nothing. After each call the availability summary still equals the nights.
 */
describe('PUT /api/admin/hotels/{hotelId}/room-types/{roomTypeId}/calendar', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;
  let c: TestAdapters;
  const today = todayIn('Asia/Seoul');
  const day = (n: number) => addDays(today, n);
  const put = (hotelId: string, roomTypeId: string, ranges: unknown[]) =>
    invoke(setCalendar, httpEvent(routes.adminSetCalendar, { params: { hotelId, roomTypeId }, body: { ranges }, claims: admin }));
  const inventory = async (hotelId: string, roomTypeId: string, from: string, to: string) =>
    (await invoke(getInventory, httpEvent(routes.getInventory, { params: { hotelId, roomTypeId }, query: { startDate: from, endDate: to } }))).body.data;
  const expectSummaryInSync = async () => expect(checkSummary(await scanSummaryState(table.doc, table.tableName))).toEqual([]);

  beforeAll(async () => {
    table = await createTestTable();
    c = useTestConfig(testConfig(table.tableName, table.endpoint));
    await c.catalog.putHotel(aHotel({ hotelId: 'htl_cal', overbooking: { percent: 100 } }));
    await c.catalog.putRoomType(aRoomType({ hotelId: 'htl_cal', roomTypeId: 'rt_cal' }));
    await c.catalog.putRatePlan(aRatePlan({ hotelId: 'htl_cal', roomTypeId: 'rt_cal', basePriceMinor: 80_000 }));
    await c.catalog.putHotel(aHotel({ hotelId: 'htl_cal_pms', pms: { vendor: 'opera', pmsHotelId: 'op-1' } }));
    await c.catalog.putRoomType(aRoomType({ hotelId: 'htl_cal_pms', roomTypeId: 'rt_op', pmsRoomTypeId: 'KING' }));
    await c.inventory.createNights(nights('htl_cal_pms', 'rt_op', day(1), day(10), 8, 120_000));
  });

  afterAll(async () => {
    resetTestConfig();
    await table.drop();
  });

  it('creates nights from overlapping ranges: later ranges win field by field, weekdays select days', async () => {
    const res = await put('htl_cal', 'rt_cal', [
      { from: day(1), to: day(14), total: 5, price: 100_000 },
      { from: day(1), to: day(14), weekdays: ['FRI', 'SAT'], price: 150_000 },
      { from: day(3), to: day(5), stopSell: true },
      { from: day(4), to: day(4), stopSell: false, minStay: 2 },
      { from: day(8), to: day(9), total: 7, closedToArrival: true, closedToDeparture: true },
    ]);

    expect(res.statusCode).toBe(200);
    expect(res.body.data).toEqual({ from: day(1), to: day(14), nights: 14, created: 14, changed: 0, unchanged: 0 });
    const shown = await inventory('htl_cal', 'rt_cal', day(1), day(14));
    for (const night of shown) {
      const weekend = ['FRI', 'SAT'].includes(weekdayOf(night.date));
      expect({ date: night.date, price: night.price }).toEqual({ date: night.date, price: weekend ? 150_000 : 100_000 });
    }
    const byDate = Object.fromEntries(shown.map((n: { date: string }) => [n.date, n]));
    expect(byDate[day(3)]).toMatchObject({ total: 5, restrictions: { stopSell: true }, restrictionSources: { stopSell: 'hotel' } });
    expect(byDate[day(4)]).toMatchObject({ restrictions: { stopSell: false, minStay: 2 }, restrictionSources: { stopSell: 'hotel', minStay: 'hotel' } });
    expect(byDate[day(8)]).toMatchObject({ total: 7, available: 7, restrictions: { closedToArrival: true, closedToDeparture: true } });
    expect(byDate[day(10)]).toMatchObject({ total: 5, restrictions: {} });
    const movements = await c.inventory.listMovements('htl_cal', 'rt_cal', day(8));
    expect(movements).toEqual([expect.objectContaining({ kind: 'admin-edit', ref: { type: 'admin', id: 'admin-7' }, after: expect.objectContaining({ total: 7, sellLimit: 7 }) })]);
    await expectSummaryInSync();
  });

  it('is idempotent: the same ranges again write nothing, no movement, no audit entry', async () => {
    const ranges = [{ from: day(1), to: day(14), total: 5, price: 100_000 }, { from: day(1), to: day(14), weekdays: ['FRI', 'SAT'], price: 150_000 }];
    const before = await invoke(listAudit, httpEvent(routes.adminListAudit, { query: { entity: 'hotels/htl_cal' }, claims: admin }));
    await put('htl_cal', 'rt_cal', ranges);
    const movementsBefore = await c.inventory.listMovements('htl_cal', 'rt_cal', day(2));

    const res = await put('htl_cal', 'rt_cal', ranges);

    expect(res.body.data).toMatchObject({ created: 0, changed: 0, unchanged: 14 });
    expect(await c.inventory.listMovements('htl_cal', 'rt_cal', day(2))).toEqual(movementsBefore);
    const after = await invoke(listAudit, httpEvent(routes.adminListAudit, { query: { entity: 'hotels/htl_cal' }, claims: admin }));
    // Only the first of the two calls changed anything (day 8-9 went back from 7 to 5 rooms).
    expect(after.body.data.length).toBe(before.body.data.length + 1);
    expect(after.body.data[0]).toMatchObject({ action: 'calendar', entity: 'hotels/htl_cal/room-types/rt_cal/calendar', note: expect.stringContaining('14 nights') });
  });

  it('changes counts without touching reserved: remaining follows the new limit, and the ledger has before and after', async () => {
    await c.holds.place({ bookingId: 'bk_cal', hotelId: 'htl_cal', roomTypeId: 'rt_cal', nights: [day(2)], rooms: 2, expiresAt: '2099-01-01T00:00:00.000Z' }, new Date());

    const res = await put('htl_cal', 'rt_cal', [{ from: day(2), to: day(2), total: 3 }]);

    expect(res.body.data).toMatchObject({ changed: 1 });
    const [night] = await c.inventory.getNights('htl_cal', 'rt_cal', day(2), day(2));
    expect(night).toMatchObject({ total: 3, sellLimit: 3, reserved: 2, remaining: 1 });
    const [last] = await c.inventory.listMovements('htl_cal', 'rt_cal', day(2));
    expect(last).toMatchObject({ kind: 'admin-edit', before: { total: 5, reserved: 2, remaining: 3 }, after: { total: 3, reserved: 2, remaining: 1 } });
    await expectSummaryInSync();
  });

  it('removes an override with null', async () => {
    await put('htl_cal', 'rt_cal', [{ from: day(3), to: day(4), stopSell: null, minStay: null }]);
    const shown = await inventory('htl_cal', 'rt_cal', day(3), day(4));
    expect(shown.map((n: { restrictions: object }) => n.restrictions)).toEqual([{}, {}]);
    await expectSummaryInSync();
  });

  it("refuses price and total for a PMS-managed hotel, naming the range and the vendor, and takes its restrictions as our overrides", async () => {
    const refused = await put('htl_cal_pms', 'rt_op', [{ from: day(1), to: day(2), stopSell: true }, { from: day(3), to: day(3), price: 1, total: 1 }]);
    expect(refused.statusCode).toBe(409);
    expect(refused.body.error.code).toBe('PMS_MANAGED');
    expect(refused.body.error.details.map((d: { field: string }) => d.field)).toEqual(['body.ranges.1.price', 'body.ranges.1.total']);
    expect(refused.body.error.message).toContain('OPERA Cloud');
    expect((await inventory('htl_cal_pms', 'rt_op', day(1), day(1)))[0].restrictions).toEqual({});

    const ok = await put('htl_cal_pms', 'rt_op', [{ from: day(1), to: day(2), stopSell: true }]);
    expect(ok.body.data).toMatchObject({ changed: 2 });
    expect((await inventory('htl_cal_pms', 'rt_op', day(1), day(1)))[0]).toMatchObject({ total: 8, restrictions: { stopSell: true }, restrictionSources: { stopSell: 'hotel' } });
    await expectSummaryInSync();
  });

  it.each([
    ['a date in the past', [{ from: addDays(today, -1), to: day(1), price: 1 }], 'body.ranges.0.from'],
    ['a range that ends before it starts', [{ from: day(5), to: day(4), price: 1 }], 'body.ranges.0.to'],
    ['a range that sets nothing', [{ from: day(5), to: day(6) }], 'body.ranges.0'],
    ['more than 730 days', [{ from: day(1), to: day(2), price: 1 }, { from: day(700), to: day(731), price: 1 }], 'body.ranges'],
    ['a minimum stay above the maximum', [{ from: day(1), to: day(2), minStay: 5, maxStay: 2 }], 'body.ranges.0.maxStay'],
    ['a weekday that does not exist', [{ from: day(1), to: day(2), weekdays: ['FUN'], price: 1 }], 'body.ranges.0.weekdays.0'],
    ['nights to create without a total', [{ from: day(20), to: day(21), price: 1 }], 'body.ranges'],
  ])('refuses %s with 422, writing nothing', async (_case, ranges, field) => {
    const before = await c.inventory.getNights('htl_cal', 'rt_cal', day(0), day(731));
    const res = await put('htl_cal', 'rt_cal', ranges);
    expect(res.statusCode).toBe(422);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await c.inventory.getNights('htl_cal', 'rt_cal', day(0), day(731))).toEqual(before);
  });

  it('answers 404 for a room type the hotel does not have', async () => {
    const res = await put('htl_cal', 'rt_nope', [{ from: day(1), to: day(1), total: 1 }]);
    expect(res.statusCode).toBe(404);
  });

  it('applies a year in one call', async () => {
    const res = await put('htl_cal', 'rt_cal', [{ from: day(30), to: day(394), total: 4, price: 90_000 }, { from: day(30), to: day(394), weekdays: ['SUN'], stopSell: true }]);
    expect(res.body.data).toMatchObject({ nights: 365, created: 365 });
    const stored = await c.inventory.getNights('htl_cal', 'rt_cal', day(30), day(394));
    expect(stored.filter((n) => n.overrides?.stopSell).map((n) => n.date)).toEqual(datesInclusive(day(30), day(394)).filter((d) => weekdayOf(d) === 'SUN'));
    await expectSummaryInSync();
  }, 60_000);
});
