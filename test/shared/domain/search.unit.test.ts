import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseCity } from '../../../shared/adapters/dynamodb/keys.ts';
import { addDays } from '../../../shared/domain/dates.ts';
import { effectiveRestrictions } from '../../../shared/domain/inventory.ts';
import { toMinorUnits } from '../../../shared/domain/money.ts';
import { pageOfHits, searchFactsOf, searchHitOf, stayOffers, type SearchCriteria, type SearchHit, type SummaryNight } from '../../../shared/domain/search.ts';
import { bruteForceSearch, criteriaArb, worldArb, type OracleHotel } from '../../support/search-oracle.ts';

const NOW = new Date('2027-05-01T03:00:00.000Z');
const BASE = '2027-05-01';
const DAYS = 10;

/** The summary the adapters keep, built straight from a world's catalog and nights. */
function summariesOf(world: readonly OracleHotel[]): Map<string, Map<string, SummaryNight>> {
  const out = new Map<string, Map<string, SummaryNight>>();
  for (const { hotel, roomTypes, nights } of world) {
    const facts = searchFactsOf(hotel, roomTypes);
    const byDate = new Map<string, SummaryNight>();
    for (const night of nights) {
      const summary = byDate.get(night.date) ?? { hotelId: hotel.hotelId, date: night.date, rooms: {}, facts };
      const restrictions = effectiveRestrictions(night);
      summary.rooms[night.roomTypeId] = { remaining: night.remaining, priceMinor: night.priceMinor, ...(Object.keys(restrictions).length ? { restrictions } : {}) };
      byDate.set(night.date, summary);
    }
    out.set(hotel.hotelId, byDate);
  }
  return out;
}

/** The DynamoDB adapter's pipeline over an in-memory index: area, then `searchHitOf`, then every page. */
function searchAllPages(world: readonly OracleHotel[], criteria: SearchCriteria & { limit: number }): { pages: SearchHit[][] } {
  const summaries = summariesOf(world);
  const hits: SearchHit[] = [];
  for (const { hotel } of world) {
    if (hotel.isActive === false) continue;
    if (criteria.area.kind === 'city' && normaliseCity(hotel.city) !== normaliseCity(criteria.area.city)) continue;
    if (criteria.area.kind === 'circle' && !hotel.location) continue;
    const nights = new Map([...summaries.get(hotel.hotelId)!].filter(([date]) => date >= criteria.checkIn && date <= criteria.checkOut));
    const hit = searchHitOf(hotel.hotelId, nights, criteria, NOW, toMinorUnits);
    if (hit) hits.push(hit);
  }
  const pages: SearchHit[][] = [];
  let after: (string | number)[] | undefined;
  for (;;) {
    const page = pageOfHits(hits, criteria.sortBy, criteria.limit, after);
    pages.push(page.items);
    if (!page.next) break;
    after = page.next;
  }
  return { pages };
}

describe('search over the availability summary', () => {
  it('answers exactly the brute force over hotels, room types and nights, for every filter and sort, page after page', () => {
    let found = 0;
    let pagesOfMore = 0;
    fc.assert(
      fc.property(worldArb({ base: BASE, days: DAYS, prefix: 'u' }), criteriaArb({ base: BASE, days: DAYS, prefix: 'u' }), (world, criteria) => {
        const { pages } = searchAllPages(world, criteria);
        const shown = pages.flat().map((h) => ({ hotelId: h.hotelId, roomTypeId: h.cheapest.roomTypeId, totalMinor: h.cheapest.totalMinor }));
        expect(shown).toEqual(bruteForceSearch(world, criteria, NOW));
        // Pages: none longer than the limit, none empty but a lone first one, no hotel twice.
        expect(pages.every((p) => p.length <= criteria.limit)).toBe(true);
        expect(pages.slice(1).every((p) => p.length > 0)).toBe(true);
        expect(new Set(shown.map((h) => h.hotelId)).size).toBe(shown.length);
        if (shown.length > 0) found += 1;
        if (pages.length > 1) pagesOfMore += 1;
      }),
      { numRuns: 400 },
    );
    // The generated worlds must exercise the search: many searches find hotels, some need several pages.
    expect(found).toBeGreaterThan(40);
    expect(pagesOfMore).toBeGreaterThan(10);
  });

  it('never shows a hotel with a sold-out or restricted night for the stay', () => {
    fc.assert(
      fc.property(worldArb({ base: BASE, days: DAYS, prefix: 'u' }), criteriaArb({ base: BASE, days: DAYS, prefix: 'u' }), (world, criteria) => {
        for (const hit of searchAllPages(world, criteria).pages.flat()) {
          const { nights, roomTypes } = world.find((w) => w.hotel.hotelId === hit.hotelId)!;
          const rt = roomTypes.find((r) => r.roomTypeId === hit.cheapest.roomTypeId)!;
          expect(rt.isActive && criteria.guests <= rt.maxOccupancy * criteria.rooms).toBe(true);
          for (const n of hit.cheapest.nights) {
            const stored = nights.find((x) => x.roomTypeId === rt.roomTypeId && x.date === n.date)!;
            expect(stored.remaining).toBeGreaterThanOrEqual(criteria.rooms);
            expect(effectiveRestrictions(stored).stopSell).not.toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('stayOffers', () => {
  const hotel = { hotelId: 'h', name: 'H', city: 'C', country: 'KR', amenities: [], images: [], timeZone: 'Asia/Seoul', currency: 'KRW', createdAt: '', updatedAt: '' };
  const facts = searchFactsOf(hotel, [
    { hotelId: 'h', roomTypeId: 'a', name: 'A', maxOccupancy: 2, amenities: [], media: [], isActive: true, createdAt: '', updatedAt: '' },
    { hotelId: 'h', roomTypeId: 'b', name: 'B', maxOccupancy: 4, amenities: [], media: [], isActive: true, createdAt: '', updatedAt: '' },
  ]);
  const night = (date: string, rooms: SummaryNight['rooms']): [string, SummaryNight] => [date, { hotelId: 'h', date, rooms, facts }];

  it('lists the room types that fit every night, cheapest first, with the fewest rooms left', () => {
    const nights = new Map([
      night('2027-05-02', { a: { remaining: 3, priceMinor: 100 }, b: { remaining: 1, priceMinor: 90 } }),
      night('2027-05-03', { a: { remaining: 1, priceMinor: 120 }, b: { remaining: 5, priceMinor: 200 } }),
    ]);
    const { offers } = stayOffers(facts, nights, { checkIn: '2027-05-02', checkOut: '2027-05-04', guests: 2, rooms: 1 }, NOW);
    expect(offers.map((o) => [o.roomTypeId, o.totalMinor, o.roomsLeft])).toEqual([
      ['a', 220, 1],
      ['b', 290, 1],
    ]);
  });

  it('judges closed-to-departure on the departure day and stays in the hotel zone', () => {
    const nights = new Map([
      night('2027-05-02', { a: { remaining: 3, priceMinor: 100 } }),
      night('2027-05-03', { a: { remaining: 3, priceMinor: 100, restrictions: { closedToDeparture: true } } }),
    ]);
    expect(stayOffers(facts, nights, { checkIn: '2027-05-02', checkOut: '2027-05-03', guests: 1, rooms: 1 }, NOW).offers).toEqual([]);
    // 2027-05-01T03:00Z is already 1 May in Seoul: a 30 April check-in is in the past there.
    expect(stayOffers(facts, nights, { checkIn: addDays('2027-05-01', -1), checkOut: '2027-05-02', guests: 1, rooms: 1 }, NOW).refusal).toBe('past');
  });
});
