import { addDays, todayIn, type IsoDate } from '#domain/dates.ts';
import type { PmsHotel, PmsNight, PmsRoomType, PmsVendor } from '#domain/pms.ts';
import type { PmsClient } from '#ports/pms.port.ts';
import { logger } from '#observability/logger.ts';
import type { HotelImportForm, ImportNight, ImportRoomType } from './hotel-import-form.ts';
import type { PmsClients } from '#ports/pms-clients.port.ts';
import { connectPms } from './pms-connector.ts';

/** Seed 000 flow 3 reads the next 30 days of inventory and rates. */
export const IMPORT_HORIZON_DAYS = 30;

export interface FetchHotelDataInput {
  vendor: PmsVendor;
  /** The PMS's hotel id. */
  hotelId: string;
  apiKey: string;
  apiBaseUrl?: string | undefined;
}

/** Everything the PMS said about one hotel, read at `fetchedAt`. */
export interface PmsHotelSnapshot {
  hotel: PmsHotel;
  roomTypes: PmsRoomType[];
  /** Each room type's nights from `from` to `to`, both included, in date order. */
  nights: Map<string, PmsNight[]>;
  from: IsoDate;
  to: IsoDate;
  fetchedAt: string;
}

/**
 * Reads a hotel from its PMS: details first (this is also the credentials check, so a wrong key
 * fails before anything else is asked), then room types and `horizonDays` nights from today in
 * the hotel's own time zone. Throws the adapter's `PmsError`s unchanged (auth 422, not found 422,
 * unavailable 503).
 */
export async function readPmsHotel(client: PmsClient, clock: () => Date, horizonDays = IMPORT_HORIZON_DAYS): Promise<PmsHotelSnapshot> {
  const fetchedAt = clock();
  const hotel = await client.getHotel();
  const from = todayIn(hotel.timeZone, fetchedAt);
  const to = addDays(from, Math.max(1, horizonDays) - 1);
  const [roomTypes, nights] = await Promise.all([client.listRoomTypes(), client.getNights(from, to)]);
  const byRoomType = new Map<string, PmsNight[]>();
  for (const night of nights) {
    const list = byRoomType.get(night.pmsRoomTypeId) ?? [];
    // One fact per night: adapters give one, but a second rate plan must not double a night.
    if (!list.some((n) => n.date === night.date)) list.push(night);
    byRoomType.set(night.pmsRoomTypeId, list);
  }
  for (const list of byRoomType.values()) list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { hotel, roomTypes, nights: byRoomType, from, to, fetchedAt: fetchedAt.toISOString() };
}

/** Mean nightly price in minor units, rounded; undefined when there is no night to average. */
export function averagePriceMinor(nights: readonly Pick<PmsNight, 'priceMinor'>[]): number | undefined {
  if (nights.length === 0) return undefined;
  return Math.round(nights.reduce((sum, n) => sum + n.priceMinor, 0) / nights.length);
}

/** Seed 000's `convertPMSDataToFormData`: the snapshot as the admin form. */
export function toImportForm(vendor: PmsVendor, snapshot: PmsHotelSnapshot, apiBaseUrl?: string): HotelImportForm {
  const { hotel } = snapshot;
  const roomTypes = snapshot.roomTypes.map((rt): ImportRoomType => {
    const nights = snapshot.nights.get(rt.pmsRoomTypeId) ?? [];
    const average = averagePriceMinor(nights);
    const inventory = nights.map((n): ImportNight => ({ date: n.date, total: n.total, available: n.available ?? n.total, priceMinor: n.priceMinor }));
    return {
      pmsRoomTypeId: rt.pmsRoomTypeId,
      roomTypeName: rt.name,
      ...(rt.description ? { description: rt.description } : {}),
      maxOccupancy: rt.maxOccupancy,
      ...(rt.bedType ? { bedType: rt.bedType } : {}),
      ...(rt.bedCount !== undefined ? { bedCount: rt.bedCount } : {}),
      ...(rt.sizeSqm !== undefined ? { roomSize: rt.sizeSqm } : {}),
      ...(rt.viewType ? { viewType: rt.viewType } : {}),
      amenities: [...rt.amenities],
      ...(hotel.checkInTime ? { checkInTime: hotel.checkInTime } : {}),
      ...(hotel.checkOutTime ? { checkOutTime: hotel.checkOutTime } : {}),
      images: rt.photos.map((p) => ({ url: p.url, ...(p.caption ? { caption: p.caption } : {}) })),
      ...(average !== undefined ? { averagePriceMinor: average } : {}),
      currency: nights[0]?.currency ?? hotel.currency,
      inventory,
    };
  });
  return {
    vendor,
    pmsHotelId: hotel.pmsHotelId,
    ...(apiBaseUrl ? { apiBaseUrl } : {}),
    hotelName: hotel.name,
    ...(hotel.description ? { description: hotel.description } : {}),
    location: {
      ...(hotel.address ? { address: hotel.address } : {}),
      city: hotel.city,
      country: hotel.country,
      ...(hotel.location ? { latitude: hotel.location.latitude, longitude: hotel.location.longitude } : {}),
    },
    timeZone: hotel.timeZone,
    currency: hotel.currency,
    ...(hotel.starRating !== undefined ? { starRating: hotel.starRating } : {}),
    amenities: [...hotel.amenities],
    images: [...hotel.images],
    ...(hotel.checkInTime ? { checkInTime: hotel.checkInTime } : {}),
    ...(hotel.checkOutTime ? { checkOutTime: hotel.checkOutTime } : {}),
    roomTypes,
  };
}

/**
 * `POST /api/admin/pms/fetch-hotel-data`: reads a hotel from its PMS with the credentials the admin
 * typed and returns the pre-filled form. Nothing is stored, and the API key is neither returned
 * nor logged.
 */
export async function fetchHotelData(
  deps: { pms: Pick<PmsClients, 'connect'>; clock: () => Date },
  input: FetchHotelDataInput,
  options: { horizonDays?: number } = {},
): Promise<HotelImportForm> {
  const { client } = await connectPms(deps.pms, { vendor: input.vendor, pmsHotelId: input.hotelId, apiKey: input.apiKey, apiBaseUrl: input.apiBaseUrl });
  const snapshot = await readPmsHotel(client, deps.clock, options.horizonDays ?? IMPORT_HORIZON_DAYS);
  logger.info('PMS hotel read for import', {
    vendor: input.vendor,
    pmsHotelId: input.hotelId,
    roomTypes: snapshot.roomTypes.length,
    from: snapshot.from,
    to: snapshot.to,
  });
  return toImportForm(input.vendor, snapshot, input.apiBaseUrl);
}
