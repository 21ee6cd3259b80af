import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbHoldRepository } from '../../../../shared/adapters/dynamodb/hold.dynamodb.ts';
import { DynamoDbHotelCatalog } from '../../../../shared/adapters/dynamodb/hotel-catalog.dynamodb.ts';
import { DynamoDbHotelSearch } from '../../../../shared/adapters/dynamodb/hotel-search.dynamodb.ts';
import { DynamoDbInventory } from '../../../../shared/adapters/dynamodb/inventory.dynamodb.ts';
import type { SearchHit } from '../../../../shared/domain/search.ts';
import { createTestTable } from '../../../support/dynamodb.ts';
import { bruteForceSearch, criteriaArb, worldArb, type OracleHotel } from '../../../support/search-oracle.ts';

const NOW = new Date('2027-05-01T03:00:00.000Z');
const BASE = '2027-05-01';
const DAYS = 10;

/**
 * The DynamoDB search adapter against the brute force, on worlds written through the real write
 * paths (catalog puts, `createNights`, holds), read back from the table: the same hotels, the same
 * cheapest room types and totals, in the same order, page after page, and at most a few requests a
 * page. Fewer runs than the unit property (each writes a world to DynamoDB Local).
 */
describe('DynamoDbHotelSearch: the same answers as the brute force', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;
  let search: DynamoDbHotelSearch;
  let catalog: DynamoDbHotelCatalog;
  let inventory: DynamoDbInventory;
  let holds: DynamoDbHoldRepository;
  let run = 0;
  /** Every world stored so far: a radius search finds earlier runs' hotels too (cities are per run). */
  const everything: OracleHotel[] = [];

  beforeAll(async () => {
    table = await createTestTable();
    search = new DynamoDbHotelSearch(table.doc, table.tableName);
    catalog = new DynamoDbHotelCatalog(table.doc, table.tableName);
    inventory = new DynamoDbInventory(table.doc, table.tableName);
    holds = new DynamoDbHoldRepository(table.doc, table.tableName);
  });

  afterAll(async () => {
    await table.drop();
  });

  async function store(world: OracleHotel[]): Promise<OracleHotel[]> {
    for (const { hotel, roomTypes } of world) {
      await catalog.putHotel(hotel);
      for (const rt of roomTypes) await catalog.putRoomType(rt);
    }
    await inventory.createNights(world.flatMap((w) => w.nights));
    // Holds move some nights through the hold path (and its summary update).
    let i = 0;
    for (const { nights } of world) {
      const night = nights.find((n) => n.remaining >= 2);
      if (!night) continue;
      await holds.place({ bookingId: `bk_${run}_${i++}`, hotelId: night.hotelId, roomTypeId: night.roomTypeId, nights: [night.date], rooms: 1, expiresAt: '2099-01-01T00:00:00.000Z' }, NOW);
    }
    // The brute force reads what is stored, not what was generated.
    return Promise.all(
      world.map(async (w) => ({
        ...w,
        nights: (await Promise.all(w.roomTypes.map((rt) => inventory.getNights(w.hotel.hotelId, rt.roomTypeId, BASE, '2027-05-31')))).flat(),
      })),
    );
  }

  it('matches for every filter and sort, page after page, in at most 5 requests a page', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 1_000_000 }), async (seed) => {
        const prefix = `p${run++}`;
        const [world] = fc.sample(worldArb({ base: BASE, days: DAYS, prefix }), { seed, numRuns: 1 });
        everything.push(...(await store(world!)));
        for (const criteria of fc.sample(criteriaArb({ base: BASE, days: DAYS, prefix }), { seed, numRuns: 12 })) {
          const shown: SearchHit[] = [];
          let after: (string | number)[] | undefined;
          for (let page = 0; page < 50; page++) {
            const result = await search.search({ ...criteria, ...(after ? { after } : {}) }, NOW);
            expect(result.storageCalls).toBeLessThanOrEqual(5);
            expect(result.items.length).toBeLessThanOrEqual(criteria.limit);
            shown.push(...result.items);
            if (!result.next) break;
            after = result.next;
          }
          expect(shown.map((h) => ({ hotelId: h.hotelId, roomTypeId: h.cheapest.roomTypeId, totalMinor: h.cheapest.totalMinor }))).toEqual(
            bruteForceSearch(everything, criteria, NOW),
          );
        }
      }),
      { numRuns: 6 },
    );
  }, 240_000);
});
