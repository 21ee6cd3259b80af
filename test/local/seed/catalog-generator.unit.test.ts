import { describe, expect, it } from 'vitest';
import { generateHotel, SEED_CITIES, SEED_ROOM_TYPES } from '../../../local/seed/catalog-generator.ts';
import { distanceKm } from '../../../shared/domain/geo.ts';
import { CalendarBody, CreateHotelBody, CreateRatePlanBody, CreateRoomTypeBody } from '../../../shared/http/schemas/catalog-admin.schema.ts';

const OPTIONS = { nights: 365, from: '2026-12-04', seed: 7 };

describe('the generated seed catalog', () => {
  it('gives every hotel bodies the admin API accepts', () => {
    for (let i = 0; i < 30; i++) {
      const h = generateHotel(i, OPTIONS);
      expect(CreateHotelBody.safeParse(h.hotel).error, h.hotel.hotelId).toBeUndefined();
      expect(h.roomTypes).toHaveLength(SEED_ROOM_TYPES.length);
      for (const rt of h.roomTypes) {
        expect(CreateRoomTypeBody.safeParse(rt.roomType).error, `${h.hotel.hotelId} ${rt.roomType.roomTypeId}`).toBeUndefined();
        expect(CreateRatePlanBody.safeParse(rt.ratePlan).error, `${h.hotel.hotelId} ${rt.ratePlan.ratePlanId}`).toBeUndefined();
        expect(CalendarBody.safeParse(rt.calendar).error, `${h.hotel.hotelId} calendar`).toBeUndefined();
      }
    }
  });

  it('spreads hotels over the ten cities, each within 11 km of its centre, in its currency', () => {
    const hotels = Array.from({ length: 50 }, (_, i) => generateHotel(i, OPTIONS).hotel as any);

    for (const city of SEED_CITIES) expect(hotels.filter((h) => h.city === city.city), city.city).toHaveLength(5);
    for (const h of hotels) {
      const city = SEED_CITIES.find((c) => c.city === h.city)!;
      expect(distanceKm({ latitude: city.latitude, longitude: city.longitude }, h.location), h.hotelId).toBeLessThan(11);
      expect(h.currency).toBe(city.currency);
    }
  });

  it('covers the nights asked for, with higher prices on Fridays and Saturdays', () => {
    const [first] = generateHotel(3, OPTIONS).roomTypes;
    const [all, weekend] = first!.calendar.ranges as Array<{ from: string; to: string; price: number; weekdays?: string[] }>;

    expect(all!.from).toBe('2026-12-04');
    expect(all!.to).toBe('2027-12-03');
    expect(weekend!.weekdays).toEqual(['FRI', 'SAT']);
    expect(weekend!.price).toBeGreaterThan(all!.price);
  });

  it('is the same catalog for the same seed, and another for another seed', () => {
    expect(generateHotel(12, OPTIONS)).toEqual(generateHotel(12, OPTIONS));
    expect(generateHotel(12, { ...OPTIONS, seed: 8 })).not.toEqual(generateHotel(12, OPTIONS));
  });
});
