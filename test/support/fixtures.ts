import type { Hotel, RatePlan, RoomType } from '../../shared/domain/hotel.ts';
import { DEFAULT_POLLING_HORIZON_DAYS, DEFAULT_POLLING_INTERVAL_SECONDS, type PmsConfig } from '../../shared/domain/pms-config.ts';
import { newNight, type InventoryNight } from '../../shared/domain/inventory.ts';
import { addDays, datesInclusive } from '../../shared/domain/dates.ts';
import type { Booking } from '../../shared/domain/booking.ts';

const NOW = '2026-01-01T00:00:00.000Z';

export function aHotel(overrides: Partial<Hotel> = {}): Hotel {
  return {
    hotelId: 'htl_seoul_1',
    name: 'Han River Hotel',
    city: 'Seoul',
    country: 'KR',
    amenities: ['WiFi'],
    images: ['https://img.example/h1.jpg'],
    timeZone: 'Asia/Seoul',
    currency: 'KRW',
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  };
}

export function aRoomType(overrides: Partial<RoomType> = {}): RoomType {
  return {
    hotelId: 'htl_seoul_1',
    roomTypeId: 'rt_deluxe',
    name: 'Deluxe Double',
    maxOccupancy: 2,
    amenities: ['TV'],
    media: [
      { mediaType: 'image', url: 'https://img.example/2.jpg', displayOrder: 2, isPrimary: false },
      { mediaType: 'image', url: 'https://img.example/1.jpg', displayOrder: 1, isPrimary: true },
    ],
    isActive: true,
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  };
}

export function aRatePlan(overrides: Partial<RatePlan> = {}): RatePlan {
  return {
    hotelId: 'htl_seoul_1',
    roomTypeId: 'rt_deluxe',
    ratePlanId: 'rp_std',
    name: 'Standard',
    basePriceMinor: 150_000,
    currency: 'KRW',
    isRefundable: true,
    breakfastIncluded: false,
    isActive: true,
    ...overrides,
  };
}

export function nights(
  hotelId: string,
  roomTypeId: string,
  from: string,
  to: string,
  total = 10,
  priceMinor = 150_000,
  currency = 'KRW',
): InventoryNight[] {
  return datesInclusive(from, to).map((date) =>
    newNight({ hotelId, roomTypeId, date, total, priceMinor, currency, now: NOW }),
  );
}

/**
 * A healthy, active PMS config (closed circuit, no failures). Callers give what identifies it and
 * its sealed credentials; everything else takes the defaults an import would.
 */
export function aPmsConfig(
  fields: Pick<PmsConfig, 'configId' | 'hotelId' | 'vendor' | 'pmsHotelId' | 'apiBaseUrl' | 'credentials'> & Partial<PmsConfig>,
): PmsConfig {
  const stamp = fields.createdAt ?? new Date().toISOString();
  return {
    webhookEnabled: true,
    pollingEnabled: true,
    pollingIntervalSeconds: DEFAULT_POLLING_INTERVAL_SECONDS,
    pollingHorizonDays: DEFAULT_POLLING_HORIZON_DAYS,
    isActive: true,
    consecutiveFailures: 0,
    paused: false,
    circuit: { state: 'CLOSED', failures: 0 },
    createdAt: stamp,
    updatedAt: stamp,
    ...fields,
  };
}

/** A PENDING booking of two nights for one room, as checkout stores it (no PMS, nothing paid yet). */
export function aBooking(overrides: Partial<Booking> = {}): Booking {
  const checkIn = overrides.checkIn ?? '2026-03-10';
  const checkOut = overrides.checkOut ?? addDays(checkIn, 2);
  return {
    bookingId: 'bk_test_0001',
    idempotencyKey: 'key-hash-0001',
    hotelId: 'htl_seoul_1',
    roomTypeId: 'rt_deluxe',
    checkIn,
    checkOut,
    nights: datesInclusive(checkIn, addDays(checkOut, -1)),
    rooms: 1,
    guests: 2,
    guestInfo: { firstName: 'Ji-woo', lastName: 'Kim', email: 'jiwoo@example.com', phone: '+82 10 1234 5678' },
    paymentMethodId: 'pm_card_visa',
    totalMinor: 300_000,
    currency: 'KRW',
    status: 'PENDING',
    steps: [],
    payment: { status: 'NONE', amountMinor: 300_000, currency: 'KRW' },
    pms: { status: 'NONE' },
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  };
}
