import type { IsoDate } from '#domain/dates.ts';
import { toMajorUnits } from '#domain/money.ts';
import type { PmsVendor } from '#domain/pms.ts';

/**
 * The admin import form of seed 000's flow 3 ("convertPMSDataToFormData"): what the PMS says about
 * a hotel, shaped as the fields of seed 000's `listings`, `room_types`, `room_media` and
 * `rate_plans` in camelCase, so an admin can check and edit it before saving. Money here is in
 * minor units; the presenter shows major units.
 */
export interface ImportLocation {
  address?: string;
  city: string;
  country: string;
  latitude?: number;
  longitude?: number;
}

export interface ImportImage {
  url: string;
  caption?: string;
}

/** One night of a room type as the PMS reports it (seed 000's `room_inventory`). */
export interface ImportNight {
  date: IsoDate;
  total: number;
  /** What the PMS still has unsold; the total when the vendor does not say. */
  available: number;
  priceMinor: number;
}

/** One room type; the field names are seed 000's `room_types` columns. */
export interface ImportRoomType {
  pmsRoomTypeId: string;
  roomTypeName: string;
  description?: string;
  maxOccupancy: number;
  bedType?: string;
  bedCount?: number;
  /** Square metres. */
  roomSize?: number;
  viewType?: string;
  bathroomType?: string;
  amenities: string[];
  checkInTime?: string;
  checkOutTime?: string;
  houseRules?: string;
  cancellationPolicy?: string;
  images: ImportImage[];
  /** Mean nightly price over the fetched nights; absent when the PMS sells none. */
  averagePriceMinor?: number;
  currency: string;
  inventory: ImportNight[];
}

export interface HotelImportForm {
  vendor: PmsVendor;
  /** The PMS's own hotel id. */
  pmsHotelId: string;
  apiBaseUrl?: string;
  hotelName: string;
  description?: string;
  location: ImportLocation;
  timeZone: string;
  currency: string;
  starRating?: number;
  amenities: string[];
  images: string[];
  checkInTime?: string;
  checkOutTime?: string;
  roomTypes: ImportRoomType[];
}

/** A form value an admin may blank: `null` and `undefined` both mean "not given". */
export type Blankable<T> = T | null | undefined;

/** Rate plan settings an admin may set per room type; one "Standard" plan at the average price otherwise. */
export interface ImportRatePlanInput {
  ratePlanId?: Blankable<string>;
  name?: Blankable<string>;
  /** Major units; defaults to the room type's `averagePrice`. */
  basePrice?: Blankable<number>;
  refundable?: Blankable<boolean>;
  cancellationHours?: Blankable<number>;
  cancellationFeePercent?: Blankable<number>;
  breakfastIncluded?: Blankable<boolean>;
  minStay?: Blankable<number>;
  maxStay?: Blankable<number>;
}

/** One room type of the (possibly edited) form being saved. */
export interface SaveRoomTypeInput {
  pmsRoomTypeId: string;
  /** Our id on first import; on a re-import the existing mapping wins. Default `rt_<pmsRoomTypeId>`. */
  roomTypeId?: Blankable<string>;
  roomTypeName: string;
  description?: Blankable<string>;
  maxOccupancy: number;
  bedType?: Blankable<string>;
  bedCount?: Blankable<number>;
  roomSize?: Blankable<number>;
  viewType?: Blankable<string>;
  bathroomType?: Blankable<string>;
  amenities?: Blankable<string[]>;
  checkInTime?: Blankable<string>;
  checkOutTime?: Blankable<string>;
  houseRules?: Blankable<string>;
  cancellationPolicy?: Blankable<string>;
  images?: Blankable<{ url: string; caption?: Blankable<string> }[]>;
  /** Major units: the default rate plan's base price. */
  averagePrice?: Blankable<number>;
  isActive?: Blankable<boolean>;
  ratePlan?: Blankable<ImportRatePlanInput>;
}

/** `POST /api/admin/pms/listings`: the form plus the connection and the sync settings. */
export interface SaveListingInput {
  vendor: PmsVendor;
  /** The PMS's hotel id. */
  hotelId: string;
  apiKey: string;
  apiBaseUrl?: Blankable<string>;
  /** Our hotel id on first import; on a re-import the existing one wins. Default `htl_<vendor>_<pmsHotelId>`. */
  listingId?: Blankable<string>;
  hotelName: string;
  description?: Blankable<string>;
  location: {
    address?: Blankable<string>;
    city: string;
    country: string;
    latitude?: Blankable<number>;
    longitude?: Blankable<number>;
  };
  /** Overrides the PMS's zone (a vendor that does not report one gives UTC). */
  timeZone?: Blankable<string>;
  starRating?: Blankable<number>;
  amenities?: Blankable<string[]>;
  images?: Blankable<string[]>;
  checkInTime?: Blankable<string>;
  checkOutTime?: Blankable<string>;
  /** How far ahead the hotel sells; an earlier import's value, or the default, when not given. */
  bookingHorizonDays?: Blankable<number>;
  webhookEnabled?: Blankable<boolean>;
  pollingEnabled?: Blankable<boolean>;
  pollingIntervalSeconds?: Blankable<number>;
  pollingHorizonDays?: Blankable<number>;
  /** A per-config webhook signing secret (generic protocol); `PMS_WEBHOOK_SECRET` applies otherwise. */
  webhookSecret?: Blankable<string>;
  isActive?: Blankable<boolean>;
  roomTypes: SaveRoomTypeInput[];
}

/** Replaces what an id may not contain with `_` and bounds its length, so PMS ids become our ids. */
export function sanitiseId(raw: string): string {
  return raw.replace(/[^A-Za-z0-9_.:-]/g, '_').slice(0, 128);
}

/** Our hotel id for a PMS hotel imported without a chosen one. */
export function defaultListingId(vendor: PmsVendor, pmsHotelId: string): string {
  return sanitiseId(`htl_${vendor}_${pmsHotelId}`);
}

/** Our room type id for a PMS room type imported without a chosen one. */
export function defaultRoomTypeId(pmsRoomTypeId: string): string {
  return sanitiseId(`rt_${pmsRoomTypeId}`);
}

/** The default rate plan's id: stable, so a re-import updates the plan instead of adding one. */
export const DEFAULT_RATE_PLAN_ID = 'rp_standard';

export function isGiven<T>(value: Blankable<T>): value is T {
  return value !== null && value !== undefined;
}

/**
 * The fetched form saved as it is, as the admin page does when nothing is edited: for scripts (the
 * local demo import) that go through the same two steps as an admin. `roomTypeIds` chooses our ids
 * by PMS room type id on first import.
 */
export function saveInputFromForm(
  form: HotelImportForm,
  connection: { apiKey: string; listingId?: string; roomTypeIds?: Record<string, string> },
): SaveListingInput {
  return {
    vendor: form.vendor,
    hotelId: form.pmsHotelId,
    apiKey: connection.apiKey,
    apiBaseUrl: form.apiBaseUrl,
    listingId: connection.listingId,
    hotelName: form.hotelName,
    description: form.description,
    location: { ...form.location },
    timeZone: form.timeZone,
    starRating: form.starRating,
    amenities: form.amenities,
    images: form.images,
    checkInTime: form.checkInTime,
    checkOutTime: form.checkOutTime,
    roomTypes: form.roomTypes.map((rt) => ({
      pmsRoomTypeId: rt.pmsRoomTypeId,
      roomTypeId: connection.roomTypeIds?.[rt.pmsRoomTypeId],
      roomTypeName: rt.roomTypeName,
      description: rt.description,
      maxOccupancy: rt.maxOccupancy,
      bedType: rt.bedType,
      bedCount: rt.bedCount,
      roomSize: rt.roomSize,
      viewType: rt.viewType,
      bathroomType: rt.bathroomType,
      amenities: rt.amenities,
      checkInTime: rt.checkInTime,
      checkOutTime: rt.checkOutTime,
      houseRules: rt.houseRules,
      cancellationPolicy: rt.cancellationPolicy,
      images: rt.images,
      averagePrice: rt.averagePriceMinor === undefined ? undefined : toMajorUnits(rt.averagePriceMinor, rt.currency),
    })),
  };
}
