import type * as z from 'zod';
import { toMajorUnits } from '#domain/money.ts';
import type { RoomTypeOffer, SearchHit } from '#domain/search.ts';
import type { RoomOfferDto, SearchHitDto } from '../schemas/search.schema.ts';

export function presentOffer(offer: RoomTypeOffer, currency: string, rooms: number): z.infer<typeof RoomOfferDto> {
  const perRoomNight = Math.round(offer.totalMinor / rooms / offer.nights.length);
  return {
    roomTypeId: offer.roomTypeId,
    name: offer.name,
    maxOccupancy: offer.maxOccupancy,
    totalPrice: toMajorUnits(offer.totalMinor, currency),
    averageNightlyPrice: toMajorUnits(perRoomNight, currency),
    currency,
    roomsLeft: Math.max(0, offer.roomsLeft),
    nights: offer.nights.map((n) => ({
      date: n.date,
      price: toMajorUnits(n.priceMinor, currency),
      available: Math.max(0, n.remaining),
      restrictions: n.restrictions,
    })),
  };
}

export function presentSearchHit(hit: SearchHit, rooms: number): z.infer<typeof SearchHitDto> {
  const { nights: _nights, ...cheapest } = presentOffer(hit.cheapest, hit.currency, rooms);
  return {
    hotelId: hit.hotelId,
    name: hit.name,
    city: hit.city,
    country: hit.country,
    ...(hit.starRating !== undefined ? { starRating: hit.starRating } : {}),
    amenities: hit.amenities,
    ...(hit.location ? { location: hit.location } : {}),
    ...(hit.distanceKm !== undefined ? { distanceKm: hit.distanceKm } : {}),
    currency: hit.currency,
    totalPrice: cheapest.totalPrice,
    cheapestRoomType: cheapest,
    ...(hit.fewLeft !== undefined ? { roomsLeft: Math.max(0, hit.fewLeft) } : {}),
  };
}

/** A search's sort key as a cursor position (`k0`, `k1`, ...) and back. */
export const searchPosition = {
  fromKey(key: readonly (string | number)[]): Record<string, string | number> {
    return Object.fromEntries(key.map((v, i) => [`k${i}`, v]));
  },
  toKey(position: Readonly<Record<string, string | number>>): (string | number)[] {
    return Object.keys(position)
      .filter((k) => /^k\d+$/.test(k))
      .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)))
      .map((k) => position[k]!);
  },
};
