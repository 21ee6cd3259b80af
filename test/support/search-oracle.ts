import fc from 'fast-check';
import { normaliseCity } from '../../shared/adapters/dynamodb/keys.ts';
import { addDays, daysBetween, todayIn, type IsoDate } from '../../shared/domain/dates.ts';
import { distanceKm } from '../../shared/domain/geo.ts';
import type { Hotel, RoomType } from '../../shared/domain/hotel.ts';
import type { InventoryNight, NightRestrictions } from '../../shared/domain/inventory.ts';
import { toMinorUnits } from '../../shared/domain/money.ts';
import type { SearchCriteria } from '../../shared/domain/search.ts';

/**
 * The search's brute force, written apart from the code under test: every hotel, every room type,
 * every night of the stay, straight from the catalog and the inventory nights, by the rules of
 * issue 9 and of checkout. Property tests compare the search with it.
 */
export interface OracleHotel {
  hotel: Hotel;
  roomTypes: RoomType[];
  nights: InventoryNight[];
}

export interface OracleHit {
  hotelId: string;
  roomTypeId: string;
  totalMinor: number;
}

function inForce(night: InventoryNight | undefined): NightRestrictions {
  if (!night) return {};
  const out: Record<string, unknown> = { ...night.restrictions };
  for (const [k, v] of Object.entries(night.overrides ?? {})) if (v !== undefined) out[k] = v;
  return out as NightRestrictions;
}

export function bruteForceSearch(hotels: readonly OracleHotel[], c: SearchCriteria, now: Date): OracleHit[] {
  const hits: (OracleHit & { key: (string | number)[] })[] = [];
  const length = daysBetween(c.checkIn, c.checkOut);
  for (const { hotel, roomTypes, nights } of hotels) {
    if (hotel.isActive === false) continue;
    let distance = 0;
    if (c.area.kind === 'city') {
      if (normaliseCity(hotel.city) !== normaliseCity(c.area.city)) continue;
    } else {
      if (!hotel.location) continue;
      distance = distanceKm(c.area.center, hotel.location);
      if (distance > c.area.radiusKm) continue;
    }
    if (c.starRating !== undefined && (hotel.starRating === undefined || hotel.starRating < c.starRating)) continue;
    if (c.amenities && !c.amenities.every((a) => hotel.amenities.some((h) => h.toLowerCase() === a.toLowerCase()))) continue;
    const today = todayIn(hotel.timeZone, now);
    if (c.checkIn < today) continue;
    if (addDays(c.checkOut, -1) > addDays(today, hotel.bookingHorizonDays ?? 365)) continue;
    let best: OracleHit | undefined;
    for (const rt of roomTypes) {
      if (!rt.isActive || c.guests > rt.maxOccupancy * c.rooms) continue;
      if (c.roomType !== undefined && !rt.name.toLowerCase().includes(c.roomType.toLowerCase())) continue;
      const night = (date: IsoDate) => nights.find((n) => n.roomTypeId === rt.roomTypeId && n.date === date);
      let total = 0;
      let ok = true;
      for (let i = 0; i < length && ok; i++) {
        const n = night(addDays(c.checkIn, i));
        if (!n || n.remaining < c.rooms || inForce(n).stopSell) ok = false;
        else total += n.priceMinor * c.rooms;
      }
      if (!ok) continue;
      const arrival = inForce(night(c.checkIn));
      if (arrival.closedToArrival) continue;
      if (arrival.minStay !== undefined && length < arrival.minStay) continue;
      if (arrival.maxStay !== undefined && length > arrival.maxStay) continue;
      if (inForce(night(c.checkOut)).closedToDeparture) continue;
      const perRoomNights = c.rooms * length;
      if (c.minPrice !== undefined && total < toMinorUnits(c.minPrice, hotel.currency) * perRoomNights) continue;
      if (c.maxPrice !== undefined && total > toMinorUnits(c.maxPrice, hotel.currency) * perRoomNights) continue;
      if (!best || total < best.totalMinor || (total === best.totalMinor && rt.roomTypeId < best.roomTypeId)) {
        best = { hotelId: hotel.hotelId, roomTypeId: rt.roomTypeId, totalMinor: total };
      }
    }
    if (!best) continue;
    const key =
      c.sortBy === 'price'
        ? [hotel.currency, best.totalMinor, hotel.hotelId]
        : c.sortBy === 'rating'
          ? [-(hotel.starRating ?? -1), hotel.currency, best.totalMinor, hotel.hotelId]
          : [Math.round(distance * 1000) / 1000, hotel.hotelId];
    hits.push({ ...best, key });
  }
  hits.sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) {
      const x = a.key[i]!;
      const y = b.key[i]!;
      if (x === y) continue;
      return typeof x === 'number' && typeof y === 'number' ? x - y : String(x) < String(y) ? -1 : 1;
    }
    return 0;
  });
  return hits.map(({ key: _key, ...hit }) => hit);
}

/** Search worlds for property tests: a few hotels in two cities, their room types and nights over a short window. */
export const CENTERS = { Alpha: { latitude: 37.5665, longitude: 126.978 }, Beta: { latitude: 35.1796, longitude: 129.0756 } } as const;
export const AMENITIES = ['WiFi', 'Pool', 'Spa', 'Gym', 'Parking'] as const;
export const ROOM_NAMES = ['Deluxe Double', 'Standard Twin', 'Family Suite', 'Ocean King'] as const;

const restrictionsArb: fc.Arbitrary<NightRestrictions> = fc.record(
  {
    minStay: fc.integer({ min: 1, max: 3 }),
    maxStay: fc.integer({ min: 2, max: 4 }),
    closedToArrival: fc.boolean(),
    closedToDeparture: fc.boolean(),
    stopSell: fc.boolean(),
  },
  { requiredKeys: [] },
);

/** `arb`'s value once in `every` times, else null (fc.option's default would give a value four times in five). */
const sometimes = <T>(arb: fc.Arbitrary<T>, every: number) => fc.oneof({ weight: every - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });

/** True nine times in ten. */
const mostly = fc.integer({ min: 0, max: 9 }).map((n) => n > 0);

export function worldArb(options: { base: IsoDate; days: number; prefix: string; maxHotels?: number }) {
  const roomTypeArb = fc.record({
    name: fc.constantFrom(...ROOM_NAMES),
    maxOccupancy: fc.integer({ min: 1, max: 4 }),
    isActive: mostly,
    nights: fc.array(
      fc.option(
        fc.record({
          // Mostly plenty; sometimes short, sold out or oversold.
          remaining: fc.oneof({ weight: 1, arbitrary: fc.integer({ min: -1, max: 1 }) }, { weight: 5, arbitrary: fc.integer({ min: 2, max: 6 }) }),
          priceMinor: fc.integer({ min: 10, max: 300 }).map((p) => p * 1000),
          restrictions: sometimes(restrictionsArb, 6),
          overrides: sometimes(restrictionsArb, 8),
        }),
        { freq: 15 },
      ),
      { minLength: options.days, maxLength: options.days },
    ),
  });
  const hotelArb = fc.record({
    city: fc.constantFrom('Alpha', 'Beta'),
    offsetKm: fc.tuple(fc.double({ min: -0.15, max: 0.15, noNaN: true }), fc.double({ min: -0.15, max: 0.15, noNaN: true })),
    hasLocation: mostly,
    isActive: mostly,
    starRating: fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 4, arbitrary: fc.integer({ min: 1, max: 10 }).map((s) => s / 2) }),
    amenities: fc.subarray([...AMENITIES]),
    timeZone: fc.constantFrom('Asia/Seoul', 'UTC', 'America/New_York'),
    horizon: sometimes(fc.integer({ min: 2, max: 12 }), 3),
    roomTypes: fc.array(roomTypeArb, { minLength: 1, maxLength: 3 }),
  });
  return fc.array(hotelArb, { minLength: 1, maxLength: options.maxHotels ?? 12 }).map((hotels) =>
    hotels.map((h, i): OracleHotel => {
      const hotelId = `${options.prefix}h${i}`;
      const center = CENTERS[h.city as keyof typeof CENTERS];
      const hotel: Hotel = {
        hotelId,
        name: `Hotel ${i}`,
        city: `${options.prefix}${h.city}`,
        country: 'KR',
        ...(h.hasLocation ? { location: { latitude: center.latitude + h.offsetKm[0], longitude: center.longitude + h.offsetKm[1] } } : {}),
        ...(h.starRating !== null ? { starRating: h.starRating } : {}),
        amenities: h.amenities,
        images: [],
        timeZone: h.timeZone,
        currency: 'KRW',
        ...(h.horizon !== null ? { bookingHorizonDays: h.horizon } : {}),
        isActive: h.isActive,
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
      };
      const roomTypes: RoomType[] = h.roomTypes.map((rt, j) => ({
        hotelId,
        roomTypeId: `rt${j}`,
        name: rt.name,
        maxOccupancy: rt.maxOccupancy,
        amenities: [],
        media: [],
        isActive: rt.isActive,
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
      }));
      const nights: InventoryNight[] = h.roomTypes.flatMap((rt, j) =>
        rt.nights.flatMap((n, d) =>
          n === null
            ? []
            : [
                {
                  hotelId,
                  roomTypeId: `rt${j}`,
                  date: addDays(options.base, d),
                  total: 4,
                  reserved: 0,
                  sellLimit: 4,
                  remaining: n.remaining,
                  priceMinor: n.priceMinor,
                  currency: 'KRW',
                  ...(n.restrictions && Object.keys(n.restrictions).length ? { restrictions: n.restrictions } : {}),
                  ...(n.overrides && Object.keys(n.overrides).length ? { overrides: n.overrides } : {}),
                  overbooked: n.remaining < 0,
                  updatedAt: '2026-01-01T00:00:00.000Z',
                },
              ],
        ),
      );
      return { hotel, roomTypes, nights };
    }),
  );
}

export function criteriaArb(options: { base: IsoDate; days: number; prefix: string }): fc.Arbitrary<SearchCriteria & { limit: number }> {
  return fc
    .record({
      start: fc.integer({ min: -1, max: options.days - 2 }),
      length: fc.integer({ min: 1, max: 4 }),
      guests: fc.integer({ min: 1, max: 4 }),
      rooms: fc.integer({ min: 1, max: 2 }),
      area: fc.oneof(
        fc.constantFrom('Alpha', 'Beta').map((city) => ({ kind: 'city' as const, city: `${options.prefix}${city}`.toUpperCase() })),
        fc.record({ city: fc.constantFrom('Alpha', 'Beta'), radiusKm: fc.integer({ min: 1, max: 25 }) }).map(({ city, radiusKm }) => ({
          kind: 'circle' as const,
          center: CENTERS[city as keyof typeof CENTERS],
          radiusKm,
        })),
      ),
      minPrice: sometimes(fc.integer({ min: 10, max: 200 }).map((p) => p * 1000), 4),
      maxPrice: sometimes(fc.integer({ min: 50, max: 300 }).map((p) => p * 1000), 4),
      amenities: sometimes(fc.subarray([...AMENITIES], { maxLength: 2 }).map((a) => a.map((x) => x.toUpperCase())), 4),
      roomType: sometimes(fc.constantFrom('deluxe', 'TWIN', 'suite', 'king'), 4),
      starRating: sometimes(fc.integer({ min: 1, max: 5 }), 4),
      sortBy: fc.constantFrom('price' as const, 'rating' as const, 'distance' as const),
      limit: fc.oneof({ weight: 2, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 4 }) }),
    })
    .map((r) => {
      const checkIn = addDays(options.base, r.start);
      return {
        area: r.area,
        checkIn,
        checkOut: addDays(checkIn, r.length),
        guests: r.guests,
        rooms: r.rooms,
        ...(r.minPrice !== null ? { minPrice: r.minPrice } : {}),
        ...(r.maxPrice !== null ? { maxPrice: r.maxPrice } : {}),
        ...(r.amenities !== null && r.amenities.length ? { amenities: r.amenities } : {}),
        ...(r.roomType !== null ? { roomType: r.roomType } : {}),
        ...(r.starRating !== null ? { starRating: r.starRating } : {}),
        sortBy: r.area.kind === 'city' && r.sortBy === 'distance' ? 'price' : r.sortBy,
        limit: r.limit,
      };
    });
}
