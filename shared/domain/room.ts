import type { IsoDate } from './dates.ts';

/**
 * Physical rooms and their assignment to stays (seed 001 "Room Assignment Flow": deferred
 * assignment). A booking sells a room type; the room itself is chosen close to arrival, from the
 * rooms of that type, by the guest's priority and requests.
 */
export const ROOM_STATUSES = ['available', 'occupied', 'maintenance', 'cleaning'] as const;
export type RoomStatus = (typeof ROOM_STATUSES)[number];

/**
 * Features a room may have and a guest may ask for. Open-ended in storage (a hotel may tag more),
 * these are the ones `parsePreferences` recognises in special requests.
 */
export const KNOWN_ROOM_FEATURES = ['high-floor', 'low-floor', 'quiet', 'near-elevator', 'accessible', 'non-smoking'] as const;
export type KnownRoomFeature = (typeof KNOWN_ROOM_FEATURES)[number];

export interface Room {
  hotelId: string;
  roomId: string;
  roomTypeId: string;
  /** What the guest sees on the door: `1204`, `A-12`. Unique in the hotel. */
  number: string;
  floor: number;
  features: string[];
  /**
   * The room's state now (housekeeping). `maintenance` keeps a room out of assignment; `occupied`
   * and `cleaning` describe today and do not stop a future stay: overlapping stays are prevented by
   * the per-night claims, not by this field.
   */
  status: RoomStatus;
  createdAt: string;
  updatedAt: string;
}

export interface AssignedRoom {
  roomId: string;
  number: string;
  floor: number;
}

/** Who chose the rooms. */
export type AssignmentSource = 'auto' | 'admin';

/**
 * The rooms of ours a booking holds: one per booked room, each claimed for every night of the stay
 * (one item per room x night, written with a condition, so no room holds two overlapping stays).
 */
export interface RoomAssignment {
  rooms: AssignedRoom[];
  /** The nights the rooms are claimed for: the stay's when assigned (a modified stay's old nights until released). */
  nights: IsoDate[];
  source: AssignmentSource;
  /** Who assigned: `job` or an admin's / hotel manager's `sub`. */
  by: string;
  assignedAt: string;
  /** Counts assignments of this booking (1, 2 after a reassignment, ...): `room.assigned` events carry it. */
  revision: number;
  /** `room.assigned` was published for this revision; the assignment job publishes it again until it is. */
  announced?: boolean;
}

/** The statuses whose stay holds rooms and may be (re)assigned. Strings, so statuses added later need no change here. */
export const ROOM_HOLDING_STATUSES: ReadonlySet<string> = new Set(['CONFIRMED', 'CHECKED_IN']);

/**
 * An assignment being written (the journal of `assignRooms`): the rooms whose nights were claimed
 * so far, or the old rooms whose nights are being released after a reassignment. A run that finds
 * one left by a crashed run undoes or finishes it before doing anything else.
 */
export interface RoomClaimJournal {
  phase: 'claiming' | 'releasing';
  revision: number;
  roomIds: string[];
  /** The nights the claims cover (the booking's nights when the journal was written). */
  nights: IsoDate[];
  startedAt: string;
}

/** What a guest asked for in `specialRequests`, as room features; `parsePreferences` reads them. */
export type RoomPreference = KnownRoomFeature;

const PREFERENCE_PATTERNS: ReadonlyArray<[RoomPreference, RegExp]> = [
  ['high-floor', /high(?:er)?[\s-]*floor|top[\s-]*floor|upper[\s-]*floor|고층|높은\s*층|高層|高い階|上層/iu],
  ['low-floor', /low(?:er)?[\s-]*floor|ground[\s-]*floor|저층|낮은\s*층|低層|低い階/iu],
  ['quiet', /quiet|silent|조용|静か|静かな/iu],
  ['near-elevator', /(?:near|close\s+to|next\s+to|by)\s+(?:the\s+)?(?:elevator|lift)|엘리베이터|エレベーター/iu],
  ['accessible', /accessib|wheel\s*chair|disabled|barrier[\s-]*free|휠체어|장애|무장애|車椅子|バリアフリー/iu],
  ['non-smoking', /non[\s-]*smoking|no[\s-]*smoking|금연|禁煙/iu],
];

/**
 * The room features a guest's special requests ask for, in English, Korean or Japanese
 * ("High floor please", "고층 객실", "静かな部屋"). Unrecognised text asks for nothing.
 */
export function parsePreferences(specialRequests: string | undefined): RoomPreference[] {
  if (!specialRequests) return [];
  return PREFERENCE_PATTERNS.filter(([, pattern]) => pattern.test(specialRequests)).map(([feature]) => feature);
}

/** Priority 1 (VIP) to 5 (regular); a booking without one is regular. */
export const REGULAR_VIP_LEVEL = 5;

/**
 * How well a room suits a guest: each requested feature it has counts 10 (accessibility 100: it is
 * a need, not a wish); an accessible room given to a guest who did not ask costs 5, so those rooms
 * stay free for the guests who need them; a VIP prefers higher floors among equals.
 */
export function roomScore(room: Pick<Room, 'features' | 'floor'>, preferences: readonly RoomPreference[], vipLevel: number): number {
  let score = 0;
  for (const preference of preferences) {
    if (room.features.includes(preference)) score += preference === 'accessible' ? 100 : 10;
  }
  if (!preferences.includes('accessible') && room.features.includes('accessible')) score -= 5;
  if (vipLevel <= 2) score += Math.min(room.floor, 50) / 100;
  return score;
}
