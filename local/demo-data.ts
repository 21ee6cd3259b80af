import { addDays, todayIn } from '../shared/domain/dates.ts';
import type { Hotel, RatePlan, RoomType } from '../shared/domain/hotel.ts';
import { newNight, type InventoryNight } from '../shared/domain/inventory.ts';
import type { HotelCatalogWriter } from '../shared/ports/hotel-catalog.repository.ts';
import type { InventoryWriter } from '../shared/ports/inventory.repository.ts';

/**
 * Demo catalogue for `npm start`: three hotels in two cities, two room types each, and a year of
 * nights with prices (weekends dearer). Seeding is idempotent: existing nights keep their
 * reservations when the stack restarts on a kept `--data-dir`.
 */
interface DemoRoomType {
  id: string;
  name: string;
  total: number;
  /** Weeknight price in minor units. */
  price: number;
  maxOccupancy: number;
  bedType: string;
  bedCount: number;
  sizeSqm: number;
  viewType: string;
}

interface DemoHotel {
  id: string;
  name: string;
  city: string;
  country: string;
  timeZone: string;
  currency: string;
  starRating: number;
  latitude: number;
  longitude: number;
  roomTypes: DemoRoomType[];
}

export const DEMO_HOTELS: DemoHotel[] = [
  {
    id: 'htl_seoul_hanriver',
    name: 'Han River Grand Hotel',
    city: 'Seoul',
    country: 'KR',
    timeZone: 'Asia/Seoul',
    currency: 'KRW',
    starRating: 5,
    latitude: 37.5283,
    longitude: 126.9326,
    roomTypes: [
      { id: 'rt_deluxe_double', name: 'Deluxe Double', total: 10, price: 180_000, maxOccupancy: 2, bedType: 'Queen', bedCount: 1, sizeSqm: 32, viewType: 'City View' },
      { id: 'rt_river_suite', name: 'River Suite', total: 4, price: 420_000, maxOccupancy: 4, bedType: 'King', bedCount: 2, sizeSqm: 68, viewType: 'River View' },
    ],
  },
  {
    id: 'htl_seoul_gangnam',
    name: 'Gangnam Business Stay',
    city: 'Seoul',
    country: 'KR',
    timeZone: 'Asia/Seoul',
    currency: 'KRW',
    starRating: 4,
    latitude: 37.4979,
    longitude: 127.0276,
    roomTypes: [
      { id: 'rt_standard_twin', name: 'Standard Twin', total: 20, price: 120_000, maxOccupancy: 2, bedType: 'Twin', bedCount: 2, sizeSqm: 24, viewType: 'City View' },
      { id: 'rt_executive_king', name: 'Executive King', total: 8, price: 210_000, maxOccupancy: 2, bedType: 'King', bedCount: 1, sizeSqm: 36, viewType: 'City View' },
    ],
  },
  {
    id: 'htl_jeju_oceanview',
    name: 'Jeju Ocean View Resort',
    city: 'Jeju',
    country: 'KR',
    timeZone: 'Asia/Seoul',
    currency: 'KRW',
    starRating: 4,
    latitude: 33.4996,
    longitude: 126.5312,
    roomTypes: [
      { id: 'rt_ocean_double', name: 'Ocean Double', total: 12, price: 160_000, maxOccupancy: 2, bedType: 'Queen', bedCount: 1, sizeSqm: 30, viewType: 'Ocean View' },
      { id: 'rt_family_villa', name: 'Family Villa', total: 5, price: 350_000, maxOccupancy: 6, bedType: 'King', bedCount: 3, sizeSqm: 90, viewType: 'Garden View' },
    ],
  },
];

export const DEMO_DAYS = 365;

function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 5 || day === 6;
}

export async function seedDemoData(
  deps: { catalog: HotelCatalogWriter; inventory: InventoryWriter },
  now: Date = new Date(),
): Promise<{ hotels: number; roomTypes: number; nights: number }> {
  const stamp = now.toISOString();
  let roomTypes = 0;
  let nightCount = 0;
  for (const demo of DEMO_HOTELS) {
    const hotel: Hotel = {
      hotelId: demo.id,
      name: demo.name,
      description: `${demo.name}, ${demo.city}.`,
      city: demo.city,
      country: demo.country,
      location: { latitude: demo.latitude, longitude: demo.longitude },
      starRating: demo.starRating,
      amenities: ['WiFi', 'Breakfast', 'Fitness Center'],
      images: [`https://images.example.com/${demo.id}/exterior.jpg`],
      timeZone: demo.timeZone,
      currency: demo.currency,
      createdAt: stamp,
      updatedAt: stamp,
    };
    await deps.catalog.putHotel(hotel);
    const today = todayIn(demo.timeZone, now);
    for (const rt of demo.roomTypes) {
      const roomType: RoomType = {
        hotelId: demo.id,
        roomTypeId: rt.id,
        name: rt.name,
        description: `${rt.name} with ${rt.viewType.toLowerCase()}.`,
        maxOccupancy: rt.maxOccupancy,
        bedType: rt.bedType,
        bedCount: rt.bedCount,
        sizeSqm: rt.sizeSqm,
        viewType: rt.viewType,
        bathroomType: 'Private',
        amenities: ['WiFi', 'TV', 'Mini Bar'],
        checkInTime: '15:00',
        checkOutTime: '11:00',
        cancellationPolicy: 'Free cancellation up to 24 hours before check-in.',
        media: [
          { mediaType: 'image', url: `https://images.example.com/${demo.id}/${rt.id}/1.jpg`, displayOrder: 0, isPrimary: true, altText: rt.name },
          { mediaType: 'image', url: `https://images.example.com/${demo.id}/${rt.id}/2.jpg`, displayOrder: 1, isPrimary: false, altText: `${rt.name} bathroom` },
        ],
        isActive: true,
        createdAt: stamp,
        updatedAt: stamp,
      };
      await deps.catalog.putRoomType(roomType);
      const ratePlan: RatePlan = {
        hotelId: demo.id,
        roomTypeId: rt.id,
        ratePlanId: 'rp_flexible',
        name: 'Flexible, room only',
        basePriceMinor: rt.price,
        currency: demo.currency,
        isRefundable: true,
        cancellationHours: 24,
        cancellationFeePercent: 0,
        breakfastIncluded: false,
        isActive: true,
      };
      await deps.catalog.putRatePlan(ratePlan);
      const nights: InventoryNight[] = [];
      for (let i = 0; i < DEMO_DAYS; i++) {
        const date = addDays(today, i);
        const priceMinor = isWeekend(date) ? Math.round(rt.price * 1.25) : rt.price;
        nights.push(newNight({ hotelId: demo.id, roomTypeId: rt.id, date, total: rt.total, priceMinor, currency: demo.currency, now: stamp, syncedAt: stamp }));
      }
      await deps.inventory.createNights(nights);
      roomTypes += 1;
      nightCount += nights.length;
    }
  }
  return { hotels: DEMO_HOTELS.length, roomTypes, nights: nightCount };
}
