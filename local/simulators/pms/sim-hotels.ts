import type { PmsCredentials, PmsVendor } from '../../../shared/domain/pms.ts';

/**
 * The simulated PMS's hotels: the demo set `npm start` imports through the admin import
 * (local/demo-import.ts): names, cities, room types, totals, weeknight prices, Friday/Saturday
 * +25%, 365 days and photo URLs, held by three different PMSs (Cloudbeds, OPERA, generic).
 * Credentials are fixed, public demo values: they protect nothing.
 */
export interface SimPhoto {
  url: string;
  caption?: string;
}

export interface SimRoomType {
  pmsRoomTypeId: string;
  name: string;
  description: string;
  maxOccupancy: number;
  bedType: string;
  bedCount: number;
  sizeSqm: number;
  viewType: string;
  amenities: string[];
  photos: SimPhoto[];
  /** Rooms for sale each night until changed (`setTotal`). */
  total: number;
  /** Weeknight price of one room in minor units; Friday and Saturday nights cost 25% more. */
  priceMinor: number;
  ratePlanId: string;
  ratePlanName: string;
  /** The room type's id in the demo catalogue, when it mirrors one. */
  demoRoomTypeId?: string;
}

export interface SimHotel {
  vendor: PmsVendor;
  pmsHotelId: string;
  name: string;
  description: string;
  address?: string;
  city: string;
  country: string;
  latitude: number;
  longitude: number;
  timeZone: string;
  currency: string;
  starRating: number;
  amenities: string[];
  images: string[];
  checkInTime: string;
  checkOutTime: string;
  roomTypes: SimRoomType[];
  credentials: PmsCredentials;
  /** Nights generated from today in the hotel's zone. Default 365. */
  days?: number;
  /** The hotel's id in the demo catalogue, when it mirrors one. */
  demoHotelId?: string;
}

/** PMS-side hotel ids of the demo hotels. */
export const SIM_PMS_HOTEL_IDS = {
  /** Han River Grand Hotel, Seoul: a Cloudbeds `propertyID`. */
  cloudbeds: '318204',
  /** Gangnam Business Stay, Seoul: an OPERA `hotelId`. */
  opera: 'GNBS01',
  /** Jeju Ocean View Resort: a generic-protocol hotel id. */
  generic: 'jeju-oceanview',
} as const;

/** Demo credentials per vendor (fixed values; the simulator checks them like the vendor would). */
export const SIM_CREDENTIALS = {
  cloudbeds: { kind: 'api_key', apiKey: 'cbat_sim_HanRiver_7Qm2xV9kLpD4' },
  opera: { kind: 'oauth_client', clientId: 'sim_gangnam_client', clientSecret: 'sim-gangnam-secret-4f9aT2', appKey: 'sim-app-key-gangnam-01' },
  generic: { kind: 'api_key', apiKey: 'gpk_sim_jeju_c3Vd81Rw' },
} as const satisfies Record<PmsVendor, PmsCredentials>;

/**
 * A hotel the simulated PMS holds but the demo does not import: the console's import wizard (and
 * its browser test) creates a new listing from it. A generic-protocol hotel, so the wizard shows
 * the base URL field.
 */
export const SIM_IMPORT_ONLY_HOTEL = {
  vendor: 'generic',
  pmsHotelId: 'busan-haeundae',
  credentials: { kind: 'api_key', apiKey: 'gpk_sim_busan_8Hn2Qe4T' },
} as const satisfies { vendor: PmsVendor; pmsHotelId: string; credentials: PmsCredentials };

/** Secret the simulator signs generic webhooks with unless told otherwise. */
export const SIM_GENERIC_WEBHOOK_SECRET = 'whsec_sim_generic_demo_5Jx8';

/** Secret token for the Cloudbeds webhook URL (Cloudbeds does not sign: the URL carries the secret). */
export const SIM_CLOUDBEDS_WEBHOOK_TOKEN = 'cbwh_sim_demo_token_3Kd7';

const HOTEL_AMENITIES = ['WiFi', 'Breakfast', 'Fitness Center'];
const ROOM_AMENITIES = ['WiFi', 'TV', 'Mini Bar'];

function photos(demoHotelId: string, demoRoomTypeId: string, name: string): SimPhoto[] {
  return [
    { url: `https://images.example.com/${demoHotelId}/${demoRoomTypeId}/1.jpg`, caption: name },
    { url: `https://images.example.com/${demoHotelId}/${demoRoomTypeId}/2.jpg`, caption: `${name} bathroom` },
  ];
}

function roomType(
  demoHotelId: string,
  r: { id: string; demoId: string; name: string; total: number; price: number; maxOccupancy: number; bedType: string; bedCount: number; sizeSqm: number; viewType: string },
): SimRoomType {
  return {
    pmsRoomTypeId: r.id,
    name: r.name,
    description: `${r.name} with ${r.viewType.toLowerCase()}.`,
    maxOccupancy: r.maxOccupancy,
    bedType: r.bedType,
    bedCount: r.bedCount,
    sizeSqm: r.sizeSqm,
    viewType: r.viewType,
    amenities: [...ROOM_AMENITIES],
    photos: photos(demoHotelId, r.demoId, r.name),
    total: r.total,
    priceMinor: r.price,
    ratePlanId: 'FLEX',
    ratePlanName: 'Flexible, room only',
    demoRoomTypeId: r.demoId,
  };
}

function hotel(h: Omit<SimHotel, 'description' | 'amenities' | 'images' | 'checkInTime' | 'checkOutTime'> & { photoKey?: string }): SimHotel {
  const { photoKey, ...rest } = h;
  return {
    ...rest,
    description: `${h.name}, ${h.city}.`,
    amenities: [...HOTEL_AMENITIES],
    images: [`https://images.example.com/${photoKey ?? h.demoHotelId}/exterior.jpg`],
    checkInTime: '15:00',
    checkOutTime: '11:00',
  };
}

/** Fresh copies each call: a simulator mutates its hotels, tests must not share them. */
export function simDemoHotels(): SimHotel[] {
  return [
    hotel({
      vendor: 'cloudbeds',
      pmsHotelId: SIM_PMS_HOTEL_IDS.cloudbeds,
      demoHotelId: 'htl_seoul_hanriver',
      name: 'Han River Grand Hotel',
      city: 'Seoul',
      country: 'KR',
      latitude: 37.5283,
      longitude: 126.9326,
      timeZone: 'Asia/Seoul',
      currency: 'KRW',
      starRating: 5,
      credentials: { ...SIM_CREDENTIALS.cloudbeds },
      roomTypes: [
        roomType('htl_seoul_hanriver', { id: '501101', demoId: 'rt_deluxe_double', name: 'Deluxe Double', total: 10, price: 180_000, maxOccupancy: 2, bedType: 'Queen', bedCount: 1, sizeSqm: 32, viewType: 'City View' }),
        roomType('htl_seoul_hanriver', { id: '501102', demoId: 'rt_river_suite', name: 'River Suite', total: 4, price: 420_000, maxOccupancy: 4, bedType: 'King', bedCount: 2, sizeSqm: 68, viewType: 'River View' }),
      ],
    }),
    hotel({
      vendor: 'opera',
      pmsHotelId: SIM_PMS_HOTEL_IDS.opera,
      demoHotelId: 'htl_seoul_gangnam',
      name: 'Gangnam Business Stay',
      city: 'Seoul',
      country: 'KR',
      latitude: 37.4979,
      longitude: 127.0276,
      timeZone: 'Asia/Seoul',
      currency: 'KRW',
      starRating: 4,
      credentials: { ...SIM_CREDENTIALS.opera },
      roomTypes: [
        roomType('htl_seoul_gangnam', { id: 'STDT', demoId: 'rt_standard_twin', name: 'Standard Twin', total: 20, price: 120_000, maxOccupancy: 2, bedType: 'Twin', bedCount: 2, sizeSqm: 24, viewType: 'City View' }),
        roomType('htl_seoul_gangnam', { id: 'EXKG', demoId: 'rt_executive_king', name: 'Executive King', total: 8, price: 210_000, maxOccupancy: 2, bedType: 'King', bedCount: 1, sizeSqm: 36, viewType: 'City View' }),
      ],
    }),
    hotel({
      vendor: 'generic',
      pmsHotelId: SIM_PMS_HOTEL_IDS.generic,
      demoHotelId: 'htl_jeju_oceanview',
      name: 'Jeju Ocean View Resort',
      city: 'Jeju',
      country: 'KR',
      latitude: 33.4996,
      longitude: 126.5312,
      timeZone: 'Asia/Seoul',
      currency: 'KRW',
      starRating: 4,
      credentials: { ...SIM_CREDENTIALS.generic },
      roomTypes: [
        roomType('htl_jeju_oceanview', { id: 'ocean-double', demoId: 'rt_ocean_double', name: 'Ocean Double', total: 12, price: 160_000, maxOccupancy: 2, bedType: 'Queen', bedCount: 1, sizeSqm: 30, viewType: 'Ocean View' }),
        roomType('htl_jeju_oceanview', { id: 'family-villa', demoId: 'rt_family_villa', name: 'Family Villa', total: 5, price: 350_000, maxOccupancy: 6, bedType: 'King', bedCount: 3, sizeSqm: 90, viewType: 'Garden View' }),
      ],
    }),
  ];
}

/**
 * Hotels the simulator holds besides the demo set: `npm start` does not import them
 * (`local/demo-import.ts` imports only hotels with a `demoHotelId`), so importing one creates a
 * new listing. Fresh copies each call.
 */
export function simImportOnlyHotels(): SimHotel[] {
  const key = 'busan_haeundae';
  const rt = (r: Parameters<typeof roomType>[1]): SimRoomType => {
    const { demoRoomTypeId: _none, ...rest } = roomType(key, r);
    return rest;
  };
  return [
    hotel({
      vendor: SIM_IMPORT_ONLY_HOTEL.vendor,
      pmsHotelId: SIM_IMPORT_ONLY_HOTEL.pmsHotelId,
      photoKey: key,
      name: 'Haeundae Seaside Hotel',
      city: 'Busan',
      country: 'KR',
      latitude: 35.1587,
      longitude: 129.1604,
      timeZone: 'Asia/Seoul',
      currency: 'KRW',
      starRating: 4,
      credentials: { ...SIM_IMPORT_ONLY_HOTEL.credentials },
      roomTypes: [
        rt({ id: 'sea-double', demoId: 'sea-double', name: 'Sea View Double', total: 9, price: 150_000, maxOccupancy: 2, bedType: 'Queen', bedCount: 1, sizeSqm: 28, viewType: 'Ocean View' }),
        rt({ id: 'corner-suite', demoId: 'corner-suite', name: 'Corner Suite', total: 3, price: 310_000, maxOccupancy: 3, bedType: 'King', bedCount: 1, sizeSqm: 55, viewType: 'Ocean View' }),
      ],
    }),
  ];
}

/** Everything the simulator holds by default: the demo hotels, then the import-only ones. */
export function simHotels(): SimHotel[] {
  return [...simDemoHotels(), ...simImportOnlyHotels()];
}

/** Friday and Saturday nights cost 25% more, as in the demo catalogue. */
export function simPriceFor(weeknightMinor: number, date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 5 || day === 6 ? Math.round(weeknightMinor * 1.25) : weeknightMinor;
}

export const SIM_DEFAULT_DAYS = 365;

/**
 * Base URL an adapter should be given for a vendor, from the simulator's own URL: Cloudbeds
 * `{url}/cloudbeds/api/v1.3`, OPERA's gateway `{url}/opera`, the generic protocol `{url}/generic`.
 */
export function simBaseUrl(simUrl: string, vendor: PmsVendor): string {
  const root = simUrl.replace(/\/+$/, '');
  if (vendor === 'cloudbeds') return `${root}/cloudbeds/api/v1.3`;
  if (vendor === 'opera') return `${root}/opera`;
  return `${root}/generic`;
}
