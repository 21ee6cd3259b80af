import type { OverbookingPolicy } from './inventory.ts';

/**
 * The catalog: what a guest browses. Field names follow seed 000's `room_types`, `room_media` and
 * `rate_plans` and seed 001's `hotel`, in camelCase.
 */
export interface GeoLocation {
  latitude: number;
  longitude: number;
}

export interface Hotel {
  hotelId: string;
  name: string;
  description?: string;
  address?: string;
  city: string;
  country: string;
  location?: GeoLocation;
  starRating?: number;
  amenities: string[];
  images: string[];
  /** IANA zone: stay dates and "not in the past" are judged in the hotel's local calendar. */
  timeZone: string;
  currency: string;
  /** Where the hotel's rooms are managed, when it came from a PMS. */
  pms?: { vendor: string; pmsHotelId: string };
  /** How far beyond `total` all channels together may sell; 110% when absent. */
  overbooking?: OverbookingPolicy;
  /**
   * How far ahead the hotel sells: the last night of a stay may be at most this many days after
   * today (hotel time). `DEFAULT_BOOKING_HORIZON_DAYS` when unset; read it with `bookingHorizonOf`.
   */
  bookingHorizonDays?: number;
  /** Check-in time, `HH:mm` hotel time; the free-cancellation window counts back from it. Default 15:00. */
  checkInTime?: string;
  /** Stays starting today can be booked until this time (`HH:mm`, hotel time). Default 15:00. */
  sameDayCutoff?: string;
  /** After this time (`HH:mm`, hotel time) on the arrival day a guest who has not checked in is a no-show. Default 23:00. */
  noShowCutoff?: string;
  /**
   * False once deactivated (the admin's soft delete): no new bookings, no search results; existing
   * bookings stand. Absent means active (hotels stored before the flag existed).
   */
  isActive?: boolean;
  /** Bumped by every write; the `ETag` an `If-Match` names (absent = 0, never written by an admin). */
  version?: number;
  /** Fields an admin changed that the PMS does not own: a re-import keeps their values. */
  adminEdited?: string[];
  createdAt: string;
  updatedAt: string;
}

/** Seed 001 (edge cases 1 and 2): check-in at 3 PM, and same-day bookings close then too. */
export const DEFAULT_CHECK_IN_TIME = '15:00';
export const DEFAULT_SAME_DAY_CUTOFF = '15:00';
/** The end of the arrival day's evening: a hotel that runs its night audit earlier sets its own. */
export const DEFAULT_NO_SHOW_CUTOFF = '23:00';

/** The hotel's lifecycle times, with the defaults filled in. A room type's own check-in time wins. */
export function hotelTimesOf(hotel: Pick<Hotel, 'checkInTime' | 'sameDayCutoff' | 'noShowCutoff'>, roomType?: Pick<RoomType, 'checkInTime'>) {
  return {
    checkInTime: roomType?.checkInTime ?? hotel.checkInTime ?? DEFAULT_CHECK_IN_TIME,
    sameDayCutoff: hotel.sameDayCutoff ?? DEFAULT_SAME_DAY_CUTOFF,
    noShowCutoff: hotel.noShowCutoff ?? DEFAULT_NO_SHOW_CUTOFF,
  };
}

/** Absent `isActive` (a hotel stored before the flag) counts as active. */
export function isHotelActive(hotel: Pick<Hotel, 'isActive'>): boolean {
  return hotel.isActive !== false;
}

/**
 * A year ahead: what hotels commonly open for sale and what the PMS sync keeps in stock. A stay
 * beyond it answers `422 OUTSIDE_BOOKING_WINDOW`, not SOLD_OUT: the nights are not on sale yet.
 */
export const DEFAULT_BOOKING_HORIZON_DAYS = 365;
/** The longest horizon a hotel may set: two years. */
export const MAX_BOOKING_HORIZON_DAYS = 730;

export function bookingHorizonOf(hotel: Pick<Hotel, 'bookingHorizonDays'>): number {
  return hotel.bookingHorizonDays ?? DEFAULT_BOOKING_HORIZON_DAYS;
}

export type MediaType = 'image' | 'video' | '360_view';

export interface RoomMedia {
  mediaType: MediaType;
  url: string;
  thumbnailUrl?: string;
  altText?: string;
  displayOrder: number;
  isPrimary: boolean;
}

export interface RoomType {
  hotelId: string;
  roomTypeId: string;
  name: string;
  description?: string;
  maxOccupancy: number;
  bedType?: string;
  bedCount?: number;
  sizeSqm?: number;
  viewType?: string;
  bathroomType?: string;
  amenities: string[];
  checkInTime?: string;
  checkOutTime?: string;
  houseRules?: string;
  cancellationPolicy?: string;
  media: RoomMedia[];
  pmsRoomTypeId?: string;
  isActive: boolean;
  /** Bumped by every write; the `ETag` an `If-Match` names. */
  version?: number;
  /** Fields an admin changed that the PMS does not own: a re-import keeps their values. */
  adminEdited?: string[];
  createdAt: string;
  updatedAt: string;
}

export interface RatePlan {
  hotelId: string;
  roomTypeId: string;
  ratePlanId: string;
  name: string;
  pmsRatePlanId?: string;
  /** Base nightly price in minor units; per-night prices live on the inventory nights. */
  basePriceMinor: number;
  currency: string;
  minStay?: number;
  maxStay?: number;
  isRefundable: boolean;
  cancellationHours?: number;
  cancellationFeePercent?: number;
  breakfastIncluded: boolean;
  validFrom?: string;
  validUntil?: string;
  isActive: boolean;
  /** Bumped by every write; the `ETag` an `If-Match` names. */
  version?: number;
  /** Fields an admin changed that the PMS does not own: a re-import keeps their values. */
  adminEdited?: string[];
  createdAt?: string;
  updatedAt?: string;
}
