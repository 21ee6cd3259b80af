import type { IsoDate } from './dates.ts';
import { ValidationError } from './errors.ts';

/**
 * The hotel's property management system (PMS) as the rest of the system sees it: neutral shapes
 * that every vendor adapter maps its own wire format into. Nothing vendor-specific (Cloudbeds'
 * `roomTypeID`, OPERA's `reservationIdList`, ...) crosses this line, so use cases, the importer and
 * the sync code never change when a vendor is added. Money is in integer minor units, dates are
 * hotel-local `YYYY-MM-DD` calendar days, as everywhere else in the domain.
 */
export const PMS_VENDORS = ['cloudbeds', 'opera', 'generic'] as const;

export type PmsVendor = (typeof PMS_VENDORS)[number];

export function isPmsVendor(value: string): value is PmsVendor {
  return (PMS_VENDORS as readonly string[]).includes(value);
}

export interface PmsPhoto {
  url: string;
  caption?: string;
}

/** The property as the PMS describes it (seed 000's admin import reads this first). */
export interface PmsHotel {
  pmsHotelId: string;
  name: string;
  description?: string;
  address?: string;
  city: string;
  /** ISO 3166-1 alpha-2 where the vendor gives it. */
  country: string;
  location?: { latitude: number; longitude: number };
  /** IANA zone; stay dates are judged in it. */
  timeZone: string;
  currency: string;
  /** Not every vendor has one (Cloudbeds does not). */
  starRating?: number;
  amenities: string[];
  images: string[];
  /** `HH:mm`, 24-hour. */
  checkInTime?: string;
  checkOutTime?: string;
}

/** A sellable room category; seed 000's `room_types` + `room_media`. */
export interface PmsRoomType {
  pmsRoomTypeId: string;
  name: string;
  description?: string;
  maxOccupancy: number;
  bedType?: string;
  bedCount?: number;
  sizeSqm?: number;
  viewType?: string;
  amenities: string[];
  /** In the PMS's display order; the first one is the primary photo. */
  photos: PmsPhoto[];
}

/**
 * One room type on one night: seed 000's `room_inventory` row as the PMS knows it.
 * `total` is the number of physical rooms the PMS offers for sale that night, the figure our
 * overbooking limit is computed from (`sellLimitFor(total)`). `available` is what the PMS itself
 * still has unsold, after its own bookings (ours included), when the vendor reports it.
 */
export interface PmsNight {
  pmsRoomTypeId: string;
  date: IsoDate;
  total: number;
  /**
   * Unsold rooms after every channel's reservations and holds, ours included. May be negative where
   * the PMS accepts overbooking and reports it so (the generic protocol does).
   */
  available?: number;
  /** Price of one room for the night in minor units of `currency`. */
  priceMinor: number;
  currency: string;
  ratePlanId?: string;
  /** Restrictions, where the vendor's API has them (`NightRestrictions` in `inventory.ts` says how each is judged). */
  minStay?: number;
  maxStay?: number;
  closedToArrival?: boolean;
  closedToDeparture?: boolean;
  stopSell?: boolean;
}

export interface PmsGuest {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  /** ISO 3166-1 alpha-2; vendors that require one get the adapter's default when absent. */
  country?: string;
}

/**
 * A reservation we ask the PMS to make. `externalId` is our booking id: every adapter stores it
 * with the reservation (Cloudbeds `thirdPartyIdentifier`, OPERA external reference, the generic
 * protocol's `externalId`) so that a retried create finds the first one instead of booking twice.
 */
export interface PmsReservationRequest {
  externalId: string;
  pmsRoomTypeId: string;
  checkIn: IsoDate;
  /** Departure day; the last night is the day before. */
  checkOut: IsoDate;
  rooms: number;
  guests: number;
  guest: PmsGuest;
  /** What the guest pays for the whole stay, in minor units. */
  totalMinor: number;
  currency: string;
  specialRequests?: string;
  /** A hold from `PmsClient.hold`, turned into this reservation (vendors with holds only). */
  holdId?: string;
}

/** A modification of a reservation's stay: the whole new stay, all or nothing. */
export interface PmsReservationChange {
  pmsRoomTypeId: string;
  checkIn: IsoDate;
  /** Departure day; the last night is the day before. */
  checkOut: IsoDate;
  rooms: number;
  guests: number;
  /** What the guest pays for the whole new stay, in minor units. */
  totalMinor: number;
  currency: string;
}

export type PmsReservationStatus = 'confirmed' | 'not_confirmed' | 'cancelled' | 'checked_in' | 'checked_out' | 'no_show';

/** Statuses in which a reservation still takes rooms. */
export function isLiveReservation(status: PmsReservationStatus): boolean {
  return status !== 'cancelled' && status !== 'no_show';
}

export interface PmsReservation {
  reservationId: string;
  /** What the guest and the hotel quote; some vendors use the reservation id itself. */
  confirmationNumber: string;
  /** Our booking id when we made it; empty for other channels' reservations. */
  externalId: string;
  status: PmsReservationStatus;
  /** The stay, where the vendor's answer carries it (listings and look-ups do; a create may not). */
  pmsRoomTypeId?: string;
  checkIn?: IsoDate;
  checkOut?: IsoDate;
  rooms?: number;
  /** Where the reservation came from, when the PMS says (`front-desk`, `ota`, `direct`, ...). */
  channel?: string;
  /**
   * The physical rooms the PMS assigned, by the numbers on their doors, where the PMS assigns rooms
   * and its answer says so (look-ups of one reservation; see docs/pms-vendors.md for each vendor).
   * Absent or empty: not assigned yet, or not reported.
   */
  roomNumbers?: string[];
}

export interface PmsHoldRequest {
  /** Our booking id: holding twice for the same booking returns the same hold. */
  externalId: string;
  pmsRoomTypeId: string;
  checkIn: IsoDate;
  checkOut: IsoDate;
  rooms: number;
  /** How long the PMS keeps the rooms; seed 000 uses 180 s. */
  ttlSeconds?: number;
}

export interface PmsHold {
  holdId: string;
  /** ISO instant after which the PMS gives the rooms back by itself. */
  expiresAt: string;
}

/** Credentials of one PMS connection, by vendor: an API key, or OPERA's OAuth client and app key. */
export type PmsCredentials =
  | { kind: 'api_key'; apiKey: string }
  | { kind: 'oauth_client'; clientId: string; clientSecret: string; appKey: string };

/**
 * Reads the single secret string an admin pastes (seed 000's `api_key_encrypted`) into the
 * credential shape the vendor needs. Cloudbeds and generic: the API key itself. OPERA:
 * `clientId:clientSecret:appKey`, or the JSON `{"clientId","clientSecret","appKey"}` when a part
 * contains a colon.
 */
export function parsePmsSecret(vendor: PmsVendor, secret: string): PmsCredentials {
  const value = secret.trim();
  if (value.length === 0) throw new ValidationError('The PMS API key is empty', [{ field: 'apiKey', message: 'Required' }]);
  if (vendor !== 'opera') return { kind: 'api_key', apiKey: value };
  if (value.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      parsed = undefined;
    }
    const o = parsed as Record<string, unknown> | undefined;
    if (o && typeof o.clientId === 'string' && typeof o.clientSecret === 'string' && typeof o.appKey === 'string' && o.clientId && o.clientSecret && o.appKey) {
      return { kind: 'oauth_client', clientId: o.clientId, clientSecret: o.clientSecret, appKey: o.appKey };
    }
  } else {
    const parts = value.split(':');
    if (parts.length === 3 && parts.every((p) => p.length > 0)) {
      return { kind: 'oauth_client', clientId: parts[0]!, clientSecret: parts[1]!, appKey: parts[2]! };
    }
  }
  throw new ValidationError('OPERA credentials must be "clientId:clientSecret:appKey"', [
    { field: 'apiKey', message: 'Expected clientId:clientSecret:appKey' },
  ]);
}

/** The inverse of `parsePmsSecret`, for storing credentials as one (encrypted) string. */
export function formatPmsSecret(credentials: PmsCredentials): string {
  if (credentials.kind === 'api_key') return credentials.apiKey;
  const { clientId, clientSecret, appKey } = credentials;
  if ([clientId, clientSecret, appKey].some((p) => p.includes(':'))) return JSON.stringify({ clientId, clientSecret, appKey });
  return `${clientId}:${clientSecret}:${appKey}`;
}
