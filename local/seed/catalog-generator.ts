/**
 * A generated catalog at seed 001's scale (issue 9): hotels in ten real cities, each with five room
 * types, one rate plan per room type and a calendar of prices and counts, as the admin API's bodies.
 * Deterministic for a given seed (a small PRNG, no `Math.random`), so two runs load the same
 * catalog and a test can assert on it.
 */

export interface SeedCity {
  city: string;
  country: string;
  timeZone: string;
  currency: string;
  latitude: number;
  longitude: number;
  /** Typical nightly price of a standard double, in major units of the currency. */
  basePrice: number;
  /** Rounding step of prices in that currency (KRW in thousands, JPY in hundreds, ...). */
  priceStep: number;
  streets: readonly string[];
}

export const SEED_CITIES: readonly SeedCity[] = [
  { city: 'Seoul', country: 'KR', timeZone: 'Asia/Seoul', currency: 'KRW', latitude: 37.5665, longitude: 126.978, basePrice: 140_000, priceStep: 1000, streets: ['Sejong-daero', 'Teheran-ro', 'Itaewon-ro', 'Hangang-daero'] },
  { city: 'Busan', country: 'KR', timeZone: 'Asia/Seoul', currency: 'KRW', latitude: 35.1796, longitude: 129.0756, basePrice: 110_000, priceStep: 1000, streets: ['Haeundae-ro', 'Jungang-daero', 'Gwangan-ro'] },
  { city: 'Jeju', country: 'KR', timeZone: 'Asia/Seoul', currency: 'KRW', latitude: 33.4996, longitude: 126.5312, basePrice: 120_000, priceStep: 1000, streets: ['Tapdong-ro', 'Nohyeong-ro', 'Jungmun-ro'] },
  { city: 'Tokyo', country: 'JP', timeZone: 'Asia/Tokyo', currency: 'JPY', latitude: 35.6762, longitude: 139.6503, basePrice: 18_000, priceStep: 100, streets: ['Chuo-dori', 'Meiji-dori', 'Aoyama-dori'] },
  { city: 'Osaka', country: 'JP', timeZone: 'Asia/Tokyo', currency: 'JPY', latitude: 34.6937, longitude: 135.5023, basePrice: 14_000, priceStep: 100, streets: ['Midosuji', 'Sakaisuji', 'Tanimachi-suji'] },
  { city: 'Bangkok', country: 'TH', timeZone: 'Asia/Bangkok', currency: 'THB', latitude: 13.7563, longitude: 100.5018, basePrice: 2_800, priceStep: 10, streets: ['Sukhumvit Road', 'Silom Road', 'Rama IV Road'] },
  { city: 'Singapore', country: 'SG', timeZone: 'Asia/Singapore', currency: 'SGD', latitude: 1.3521, longitude: 103.8198, basePrice: 240, priceStep: 1, streets: ['Orchard Road', 'Beach Road', 'Robinson Road'] },
  { city: 'Paris', country: 'FR', timeZone: 'Europe/Paris', currency: 'EUR', latitude: 48.8566, longitude: 2.3522, basePrice: 190, priceStep: 1, streets: ['Rue de Rivoli', 'Boulevard Haussmann', 'Rue Saint-Honoré'] },
  { city: 'London', country: 'GB', timeZone: 'Europe/London', currency: 'GBP', latitude: 51.5074, longitude: -0.1278, basePrice: 170, priceStep: 1, streets: ['Strand', 'Oxford Street', 'Kensington High Street'] },
  { city: 'New York', country: 'US', timeZone: 'America/New_York', currency: 'USD', latitude: 40.7128, longitude: -74.006, basePrice: 260, priceStep: 1, streets: ['Broadway', 'Lexington Avenue', 'West 44th Street'] },
];

export const SEED_AMENITIES = ['WiFi', 'Breakfast', 'Parking', 'Pool', 'Fitness Center', 'Spa', 'Restaurant', 'Bar', 'Airport Shuttle', 'Pet Friendly'] as const;

const NAME_FIRST = ['Grand', 'Harbor', 'Garden', 'City', 'Royal', 'Riverside', 'Central', 'Park', 'Skyline', 'Heritage', 'Plaza', 'Lotus'];
const NAME_LAST = ['Hotel', 'Inn', 'Suites', 'Residence', 'Stay', 'House', 'Lodge'];

/** The five room types every generated hotel has: name, occupancy, bed, size, and price factor on the city's base. */
export const SEED_ROOM_TYPES = [
  { key: 'std_double', name: 'Standard Double', maxOccupancy: 2, bedType: 'double', bedCount: 1, sizeSqm: 20, factor: 1, rooms: [8, 30] },
  { key: 'std_twin', name: 'Standard Twin', maxOccupancy: 2, bedType: 'twin', bedCount: 2, sizeSqm: 22, factor: 1.05, rooms: [6, 25] },
  { key: 'deluxe_king', name: 'Deluxe King', maxOccupancy: 2, bedType: 'king', bedCount: 1, sizeSqm: 30, factor: 1.5, rooms: [4, 15] },
  { key: 'family', name: 'Family Room', maxOccupancy: 4, bedType: 'queen', bedCount: 2, sizeSqm: 38, factor: 1.9, rooms: [2, 8] },
  { key: 'suite', name: 'Suite', maxOccupancy: 3, bedType: 'king', bedCount: 1, sizeSqm: 55, factor: 3, rooms: [1, 4] },
] as const;

/** mulberry32: a tiny seeded PRNG, plenty for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SeedHotel {
  hotel: Record<string, unknown> & { hotelId: string; currency: string };
  roomTypes: Array<{
    roomType: Record<string, unknown> & { roomTypeId: string };
    ratePlan: Record<string, unknown> & { ratePlanId: string };
    /** The calendar call: the price on weekdays and weekends, the room count, from `from` for `nights` days. */
    calendar: { ranges: Array<Record<string, unknown>> };
  }>;
}

export interface GenerateOptions {
  hotels: number;
  /** Nights per room type, from `from` (default 365). */
  nights: number;
  /** The first night, `YYYY-MM-DD`. */
  from: string;
  seed?: number;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Hotel `i` of the generated catalog (round-robin over the cities, so they fill evenly). */
export function generateHotel(i: number, options: Omit<GenerateOptions, 'hotels'>): SeedHotel {
  const random = prng((options.seed ?? 1) * 100_003 + i);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const city = SEED_CITIES[i % SEED_CITIES.length]!;
  const hotelId = `htl_seed_${String(i).padStart(5, '0')}`;
  // In a box about 15 km a side around the centre (0.07 degrees of latitude each way, longitude scaled): at most 11 km from it.
  const latitude = round(city.latitude + (random() - 0.5) * 0.14, 5);
  const longitude = round(city.longitude + ((random() - 0.5) * 0.14) / Math.cos((city.latitude * Math.PI) / 180), 5);
  const stars = 2 + Math.floor(random() * 7) / 2; // 2 to 5 in halves
  const amenities = SEED_AMENITIES.filter(() => random() < 0.45);
  const quality = 0.7 + (stars - 2) * 0.25 + random() * 0.2;
  const to = addDays(options.from, options.nights - 1);
  const price = (factor: number) => Math.max(city.priceStep, Math.round((city.basePrice * quality * factor) / city.priceStep) * city.priceStep);
  return {
    hotel: {
      hotelId,
      name: `${pick(NAME_FIRST)} ${city.city} ${pick(NAME_LAST)} ${i}`,
      city: city.city,
      country: city.country,
      timeZone: city.timeZone,
      currency: city.currency,
      address: `${1 + Math.floor(random() * 300)} ${pick(city.streets)}, ${city.city}`,
      location: { latitude, longitude },
      amenities: amenities.length > 0 ? amenities : ['WiFi'],
      starRating: stars,
      images: [`https://images.example.com/${hotelId}/exterior.jpg`],
    },
    roomTypes: SEED_ROOM_TYPES.map((rt) => {
      const base = price(rt.factor);
      const rooms = rt.rooms[0] + Math.floor(random() * (rt.rooms[1] - rt.rooms[0] + 1));
      return {
        roomType: {
          roomTypeId: `rt_${rt.key}`,
          name: rt.name,
          maxOccupancy: rt.maxOccupancy,
          bedType: rt.bedType,
          bedCount: rt.bedCount,
          sizeSqm: rt.sizeSqm,
          amenities: ['WiFi'],
        },
        ratePlan: {
          ratePlanId: `rp_${rt.key}_flex`,
          name: 'Flexible',
          basePrice: base,
          currency: city.currency,
          isRefundable: true,
          cancellationHours: 24,
          cancellationFeePercent: 0,
          breakfastIncluded: amenities.includes('Breakfast'),
        },
        calendar: {
          ranges: [
            { from: options.from, to, price: base, total: rooms },
            { from: options.from, to, weekdays: ['FRI', 'SAT'], price: price(rt.factor * 1.25) },
          ],
        },
      };
    }),
  };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
