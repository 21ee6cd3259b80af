import { addDays, daysBetween, todayIn, type IsoDate } from './dates.ts';
import { distanceKm } from './geo.ts';
import { bookingHorizonOf, isHotelActive, type GeoLocation, type Hotel, type RoomType } from './hotel.ts';
import { restrictionViolation, type NightRestrictions } from './inventory.ts';

/**
 * Search and stay availability over the per-hotel, per-night availability summary
 * (docs/search.md). Pure: the storage adapters read summaries, these functions decide. A stay is
 * judged exactly as checkout judges it (`start-checkout.use-case.ts`), so a hotel the search shows
 * is one whose checkout would not be refused for the stay's rooms, restrictions, occupancy, dates,
 * or the hotel's state, as of the summary read.
 */

/** The most rooms of one type a night can report as left before the "n left" hint disappears. */
export const FEW_ROOMS_LEFT = 5;

/** The search's own limits on a stay: checkout's 30 nights and 9 rooms. */
export const SEARCH_MAX_NIGHTS = 30;

/**
 * What the search needs to know about a hotel, copied onto each of its summary nights so one read
 * answers a search (`searchFactsOf`). Short property names: they are stored on every night.
 */
export interface HotelSearchFacts {
  /** Name. */
  n: string;
  /** City, as written. */
  c: string;
  /** Country (ISO 3166 alpha-2). */
  co: string;
  /** Star rating. */
  s?: number;
  /** Amenities, as written. */
  am: string[];
  lat?: number;
  lng?: number;
  /** Currency of every price (the hotel's). */
  cur: string;
  /** IANA time zone: where "today" is judged. */
  tz: string;
  /** Booking horizon in days. */
  hz: number;
  /** Active (takes bookings). */
  act: boolean;
  /** Room types by id: name, max occupancy, active. */
  rts: Record<string, { n: string; o: number; act: boolean }>;
}

/** The facts of a hotel and its room types, as every summary night of the hotel carries them. */
export function searchFactsOf(hotel: Hotel, roomTypes: readonly RoomType[]): HotelSearchFacts {
  return {
    n: hotel.name,
    c: hotel.city,
    co: hotel.country,
    ...(hotel.starRating !== undefined ? { s: hotel.starRating } : {}),
    am: [...hotel.amenities],
    ...(hotel.location ? { lat: hotel.location.latitude, lng: hotel.location.longitude } : {}),
    cur: hotel.currency,
    tz: hotel.timeZone,
    hz: bookingHorizonOf(hotel),
    act: isHotelActive(hotel),
    rts: Object.fromEntries(
      [...roomTypes]
        .sort((a, b) => (a.roomTypeId < b.roomTypeId ? -1 : 1))
        .map((rt) => [rt.roomTypeId, { n: rt.name, o: rt.maxOccupancy, act: rt.isActive }]),
    ),
  };
}

/** One room type on one night, as the summary mirrors its inventory night. */
export interface SummaryRoom {
  /** The night's `remaining` (may be negative: oversold). */
  remaining: number;
  priceMinor: number;
  /** The restrictions in force (our overrides over the PMS's); absent when none. */
  restrictions?: NightRestrictions;
}

/** One hotel on one night: every room type's night, and the hotel's facts once it is committed. */
export interface SummaryNight {
  hotelId: string;
  date: IsoDate;
  rooms: Record<string, SummaryRoom>;
  facts?: HotelSearchFacts;
}

export interface StayRequest {
  checkIn: IsoDate;
  checkOut: IsoDate;
  guests: number;
  rooms: number;
}

/** One room type that can host the stay. */
export interface RoomTypeOffer {
  roomTypeId: string;
  name: string;
  maxOccupancy: number;
  /** Rooms x the sum of the nightly prices: what checkout would charge. */
  totalMinor: number;
  /** The fewest rooms left on any night of the stay. */
  roomsLeft: number;
  nights: { date: IsoDate; priceMinor: number; remaining: number; restrictions: NightRestrictions }[];
}

/** Why a hotel as a whole cannot host the stay, before its room types are looked at. */
export type HotelRefusal = 'inactive' | 'past' | 'beyond-horizon' | 'unknown';

/**
 * Every room type of the hotel that can host the stay, cheapest first: active hotel and room type,
 * check-in not before today and the last night within the horizon (both in the hotel's zone),
 * occupancy fits (`guests <= maxOccupancy x rooms`), every night stored with `remaining >= rooms`,
 * and no restriction broken (`restrictionViolation`, the departure day's night included).
 */
export function stayOffers(
  facts: HotelSearchFacts | undefined,
  nightsByDate: ReadonlyMap<IsoDate, SummaryNight>,
  stay: StayRequest,
  now: Date,
): { offers: RoomTypeOffer[]; refusal?: HotelRefusal } {
  if (!facts) return { offers: [], refusal: 'unknown' };
  if (!facts.act) return { offers: [], refusal: 'inactive' };
  const today = todayIn(facts.tz, now);
  if (stay.checkIn < today) return { offers: [], refusal: 'past' };
  if (addDays(stay.checkOut, -1) > addDays(today, facts.hz)) return { offers: [], refusal: 'beyond-horizon' };
  const length = daysBetween(stay.checkIn, stay.checkOut);
  const offers: RoomTypeOffer[] = [];
  for (const [roomTypeId, rt] of Object.entries(facts.rts)) {
    if (!rt.act || stay.guests > rt.o * stay.rooms) continue;
    const nights: RoomTypeOffer['nights'] = [];
    for (let i = 0; i < length; i++) {
      const date = addDays(stay.checkIn, i);
      const room = nightsByDate.get(date)?.rooms[roomTypeId];
      if (!room || room.remaining < stay.rooms) break;
      nights.push({ date, priceMinor: room.priceMinor, remaining: room.remaining, restrictions: room.restrictions ?? {} });
    }
    if (nights.length < length) continue;
    const departure = nightsByDate.get(stay.checkOut)?.rooms[roomTypeId];
    const withDeparture = [
      ...nights.map((n) => ({ date: n.date, overrides: n.restrictions })),
      ...(departure ? [{ date: stay.checkOut, overrides: departure.restrictions ?? {} }] : []),
    ];
    if (restrictionViolation(stay, withDeparture)) continue;
    offers.push({
      roomTypeId,
      name: rt.n,
      maxOccupancy: rt.o,
      totalMinor: nights.reduce((sum, n) => sum + n.priceMinor, 0) * stay.rooms,
      roomsLeft: Math.min(...nights.map((n) => n.remaining)),
      nights,
    });
  }
  offers.sort((a, b) => a.totalMinor - b.totalMinor || (a.roomTypeId < b.roomTypeId ? -1 : 1));
  return { offers };
}

export type SearchSort = 'price' | 'rating' | 'distance';

/** Where to search: one city, or a circle (which also gives distance its origin). */
export type SearchArea = { kind: 'city'; city: string } | { kind: 'circle'; center: GeoLocation; radiusKm: number };

export interface SearchCriteria extends StayRequest {
  area: SearchArea;
  /** Per night and room, in the hotel's currency, major units (converted per hotel). */
  minPrice?: number;
  maxPrice?: number;
  /** Every one must be among the hotel's amenities (case-insensitive). */
  amenities?: string[];
  /** Part of the room type's name (case-insensitive). */
  roomType?: string;
  /** Minimum star rating. */
  starRating?: number;
  sortBy: SearchSort;
}

export interface SearchHit {
  hotelId: string;
  name: string;
  city: string;
  country: string;
  starRating?: number;
  amenities: string[];
  location?: GeoLocation;
  currency: string;
  distanceKm?: number;
  /** The cheapest room type that fits every filter. */
  cheapest: RoomTypeOffer;
  /** Rooms left of that type when few remain (`<= FEW_ROOMS_LEFT`). */
  fewLeft?: number;
}

const lower = (s: string) => s.normalize('NFKC').toLowerCase();

/**
 * A hotel's search result, or undefined when it cannot host the stay under the criteria. Prices
 * are compared in minor units: a room type's nightly price per room (its total / rooms / nights)
 * must lie within `[minPrice, maxPrice]`.
 */
export function searchHitOf(
  hotelId: string,
  nightsByDate: ReadonlyMap<IsoDate, SummaryNight>,
  criteria: SearchCriteria,
  now: Date,
  toMinor: (major: number, currency: string) => number,
): SearchHit | undefined {
  const facts = nightsByDate.get(criteria.checkIn)?.facts ?? [...nightsByDate.values()].find((n) => n.facts)?.facts;
  if (!facts) return undefined;
  if (criteria.starRating !== undefined && (facts.s === undefined || facts.s < criteria.starRating)) return undefined;
  if (criteria.amenities?.length) {
    const have = new Set(facts.am.map(lower));
    if (!criteria.amenities.every((a) => have.has(lower(a)))) return undefined;
  }
  let distance: number | undefined;
  if (criteria.area.kind === 'circle') {
    if (facts.lat === undefined || facts.lng === undefined) return undefined;
    distance = distanceKm(criteria.area.center, { latitude: facts.lat, longitude: facts.lng });
    if (distance > criteria.area.radiusKm) return undefined;
  }
  const nights = daysBetween(criteria.checkIn, criteria.checkOut);
  const perRoomNights = criteria.rooms * nights;
  const min = criteria.minPrice === undefined ? undefined : toMinor(criteria.minPrice, facts.cur) * perRoomNights;
  const max = criteria.maxPrice === undefined ? undefined : toMinor(criteria.maxPrice, facts.cur) * perRoomNights;
  const name = criteria.roomType === undefined ? undefined : lower(criteria.roomType);
  const cheapest = stayOffers(facts, nightsByDate, criteria, now).offers.find(
    (o) => (min === undefined || o.totalMinor >= min) && (max === undefined || o.totalMinor <= max) && (name === undefined || lower(o.name).includes(name)),
  );
  if (!cheapest) return undefined;
  return {
    hotelId,
    name: facts.n,
    city: facts.c,
    country: facts.co,
    ...(facts.s !== undefined ? { starRating: facts.s } : {}),
    amenities: facts.am,
    ...(facts.lat !== undefined && facts.lng !== undefined ? { location: { latitude: facts.lat, longitude: facts.lng } } : {}),
    currency: facts.cur,
    ...(distance !== undefined ? { distanceKm: Math.round(distance * 1000) / 1000 } : {}),
    cheapest,
    ...(cheapest.roomsLeft <= FEW_ROOMS_LEFT ? { fewLeft: cheapest.roomsLeft } : {}),
  };
}

/** The sort key of a hit: compared element by element, the hotel id last so the order is total. */
export function sortKeyOf(hit: SearchHit, sortBy: SearchSort): (string | number)[] {
  switch (sortBy) {
    case 'price':
      // Amounts in different currencies are not comparable: a mixed result groups by currency.
      return [hit.currency, hit.cheapest.totalMinor, hit.hotelId];
    case 'rating':
      return [-(hit.starRating ?? -1), hit.currency, hit.cheapest.totalMinor, hit.hotelId];
    case 'distance':
      return [hit.distanceKm ?? Number.MAX_SAFE_INTEGER, hit.hotelId];
  }
}

export function compareKeys(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

/**
 * One page of sorted hits after `after` (the sort key of the previous page's last hit), and the
 * key to continue from when more remain. Keyset, not offset: a hotel that appears or disappears
 * between two pages shifts nothing, so a page never repeats one already shown.
 */
export function pageOfHits(
  hits: readonly SearchHit[],
  sortBy: SearchSort,
  limit: number,
  after?: readonly (string | number)[],
): { items: SearchHit[]; next?: (string | number)[] } {
  const sorted = hits.map((hit) => ({ hit, key: sortKeyOf(hit, sortBy) })).sort((a, b) => compareKeys(a.key, b.key));
  const rest = after ? sorted.filter((h) => compareKeys(h.key, after) > 0) : sorted;
  const page = rest.slice(0, limit);
  return { items: page.map((h) => h.hit), ...(rest.length > limit ? { next: page[page.length - 1]!.key } : {}) };
}
