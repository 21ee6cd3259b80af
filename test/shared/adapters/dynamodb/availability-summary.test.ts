import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summaryNightOf } from '../../../../shared/adapters/dynamodb/availability-summary.ts';
import { DynamoDbHoldRepository } from '../../../../shared/adapters/dynamodb/hold.dynamodb.ts';
import { DynamoDbHotelCatalog } from '../../../../shared/adapters/dynamodb/hotel-catalog.dynamodb.ts';
import { scanSummaryState } from '../../../../shared/adapters/dynamodb/inventory-audit.ts';
import { DynamoDbInventory } from '../../../../shared/adapters/dynamodb/inventory.dynamodb.ts';
import { summaryKeys } from '../../../../shared/adapters/dynamodb/keys.ts';
import { MAX_NIGHTS } from '../../../../shared/domain/booking.ts';
import { addDays, datesInclusive } from '../../../../shared/domain/dates.ts';
import { checkSummary } from '../../../../shared/use-cases/search/check-summary.ts';
import { createTestTable } from '../../../support/dynamodb.ts';
import { aHotel, aRoomType, nights } from '../../../support/fixtures.ts';

/**
 * The availability summary is written in the same transaction as every change of a night it
 * mirrors: creates, seeds, holds, releases, PMS reports and rates, limits. After each step the
 * whole table is checked (`checkSummary`): the summary equals the nights, value for value.
 */
describe('availability summary: every night writer keeps it equal to the nights', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;
  let inventory: DynamoDbInventory;
  let holds: DynamoDbHoldRepository;
  let catalog: DynamoDbHotelCatalog;
  const now = new Date('2026-01-01T00:00:00Z');

  const summaryOf = async (hotelId: string, date: string) => {
    const { Item } = await table.doc.send(new GetCommand({ TableName: table.tableName, Key: summaryKeys.night(hotelId, date), ConsistentRead: true }));
    return Item;
  };
  const expectInSync = async () => expect(checkSummary(await scanSummaryState(table.doc, table.tableName))).toEqual([]);

  beforeAll(async () => {
    table = await createTestTable();
    inventory = new DynamoDbInventory(table.doc, table.tableName);
    holds = new DynamoDbHoldRepository(table.doc, table.tableName);
    catalog = new DynamoDbHotelCatalog(table.doc, table.tableName);
    await catalog.putHotel(aHotel({ hotelId: 'htl_s', city: 'Seoul', location: { latitude: 37.5665, longitude: 126.978 } }));
    await catalog.putRoomType(aRoomType({ hotelId: 'htl_s', roomTypeId: 'rt_a', name: 'Deluxe', maxOccupancy: 2 }));
    await catalog.putRoomType(aRoomType({ hotelId: 'htl_s', roomTypeId: 'rt_b', name: 'Family', maxOccupancy: 4 }));
  });

  afterAll(async () => {
    await table.drop();
  });

  it('creates summary nights with every room type and stamps the hotel facts and index keys of a stored hotel', async () => {
    await inventory.createNights([
      ...nights('htl_s', 'rt_a', '2027-03-01', '2027-03-10', 5, 100_000),
      ...nights('htl_s', 'rt_b', '2027-03-01', '2027-03-10', 3, 180_000),
    ]);

    const item = await summaryOf('htl_s', '2027-03-02');
    expect(summaryNightOf(item!)).toMatchObject({
      hotelId: 'htl_s',
      date: '2027-03-02',
      rooms: { rt_a: { remaining: 5, priceMinor: 100_000 }, rt_b: { remaining: 3, priceMinor: 180_000 } },
      facts: { n: 'Han River Hotel', c: 'Seoul', act: true, rts: { rt_a: { n: 'Deluxe', o: 2, act: true }, rt_b: { n: 'Family', o: 4, act: true } } },
    });
    expect(item).toMatchObject({ gsi1pk: 'AVAIL#CITY#seoul', gsi1sk: '2027-03-02#htl_s', gsi2pk: 'AVAIL#GEO#wyd', gsi2sk: '2027-03-02#htl_s' });
    await expectInSync();
  });

  it('moves with holds and releases, and a stay of the longest length fits one transaction (3 x 30 + 1 actions)', async () => {
    const stay = datesInclusive('2027-04-01', addDays('2027-04-01', MAX_NIGHTS - 1));
    await inventory.createNights(nights('htl_s', 'rt_a', stay[0]!, stay.at(-1)!, 5, 100_000));

    await holds.place({ bookingId: 'bk_long', hotelId: 'htl_s', roomTypeId: 'rt_a', nights: stay, rooms: 2, expiresAt: '2099-01-01T00:00:00.000Z' }, now);
    expect(summaryNightOf((await summaryOf('htl_s', stay[7]!))!).rooms.rt_a!.remaining).toBe(3);
    await expectInSync();

    await holds.release('bk_long', 'test', now);
    expect(summaryNightOf((await summaryOf('htl_s', stay[7]!))!).rooms.rt_a!.remaining).toBe(5);
    await expectInSync();
  });

  it('follows PMS reports (counts, restrictions, price), rates and sell limits', async () => {
    await holds.place({ bookingId: 'bk_r', hotelId: 'htl_s', roomTypeId: 'rt_b', nights: ['2027-03-05'], rooms: 1, expiresAt: '2099-01-01T00:00:00.000Z' }, now);
    await inventory.applyReport(
      {
        hotelId: 'htl_s',
        roomTypeId: 'rt_b',
        date: '2027-03-05',
        total: 6,
        sellLimit: 6,
        available: 4,
        restrictions: { minStay: 2, closedToArrival: true },
        priceMinor: 190_000,
        newNightPriceMinor: 190_000,
        currency: 'KRW',
        sourceAt: '2026-01-01T00:00:00.000Z',
        ref: { type: 'poll', id: 'p1' },
      },
      now,
    );
    expect(summaryNightOf((await summaryOf('htl_s', '2027-03-05'))!).rooms.rt_b).toEqual({
      // sellLimit - external (total - available - inPms) - reserved
      remaining: 6 - (6 - 4 - 0) - 1,
      priceMinor: 190_000,
      restrictions: { minStay: 2, closedToArrival: true },
    });
    await inventory.applyRate({ hotelId: 'htl_s', roomTypeId: 'rt_b', date: '2027-03-05', priceMinor: 210_000, currency: 'KRW', sourceAt: '2026-01-01T00:00:01.000Z' }, now);
    await inventory.setSellLimit({ hotelId: 'htl_s', roomTypeId: 'rt_b', date: '2027-03-05' }, 8, { reason: 'policy', ref: { type: 'admin', id: 'a' } }, now);
    expect(summaryNightOf((await summaryOf('htl_s', '2027-03-05'))!).rooms.rt_b).toMatchObject({ remaining: 8 - 2 - 1, priceMinor: 210_000 });
    await expectInSync();
  });

  it('creates the summary night of a night a PMS report creates, with the facts', async () => {
    await inventory.applyReport(
      {
        hotelId: 'htl_s',
        roomTypeId: 'rt_a',
        date: '2027-09-09',
        total: 4,
        sellLimit: 4,
        newNightPriceMinor: 99_000,
        currency: 'KRW',
        sourceAt: '2026-01-01T00:00:00.000Z',
        ref: { type: 'poll', id: 'p2' },
      },
      now,
    );
    expect(await summaryOf('htl_s', '2027-09-09')).toMatchObject({ 'a#rt_a': 4, 'p#rt_a': 99_000, gsi1pk: 'AVAIL#CITY#seoul' });
    await expectInSync();
  });

  it('seeds whole summary nights for a hotel without any, unsearchable until the hotel is stored, and merges into existing ones', async () => {
    await inventory.seedUnreachableNights([
      ...nights('htl_new', 'rt_x', '2027-05-01', '2027-05-31', 2, 50_000),
      ...nights('htl_new', 'rt_y', '2027-05-01', '2027-05-31', 7, 70_000),
    ]);
    const first = await summaryOf('htl_new', '2027-05-10');
    expect(summaryNightOf(first!).rooms).toEqual({ rt_x: { remaining: 2, priceMinor: 50_000 }, rt_y: { remaining: 7, priceMinor: 70_000 } });
    expect(first?.gsi1pk).toBeUndefined();
    expect(first?.f).toBeUndefined();

    // A re-import adding a room type: its nights join the dates the others already have.
    await inventory.seedUnreachableNights(nights('htl_new', 'rt_z', '2027-05-01', '2027-05-31', 1, 30_000));
    expect(summaryNightOf((await summaryOf('htl_new', '2027-05-10'))!).rooms).toEqual({
      rt_x: { remaining: 2, priceMinor: 50_000 },
      rt_y: { remaining: 7, priceMinor: 70_000 },
      rt_z: { remaining: 1, priceMinor: 30_000 },
    });
    await expectInSync();
  });

  it('answers a city and a date range from one index query', async () => {
    const { Items = [] } = await table.doc.send(
      new QueryCommand({
        TableName: table.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': summaryKeys.cityPartition('SEOUL'), ...rangeValues('2027-03-01', '2027-03-03') },
      }),
    );
    expect(Items.map((i) => i.gsi1sk)).toEqual(['2027-03-01#htl_s', '2027-03-02#htl_s', '2027-03-03#htl_s']);
  });
});

function rangeValues(from: string, to: string) {
  const range = summaryKeys.dateRange(from, to);
  return { ':from': range.from, ':to': range.to };
}
