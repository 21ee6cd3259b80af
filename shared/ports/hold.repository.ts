import type { IsoDate } from '#domain/dates.ts';

export type HoldStatus = 'HELD' | 'CONVERTED' | 'RELEASED';

export interface Hold {
  bookingId: string;
  hotelId: string;
  roomTypeId: string;
  nights: IsoDate[];
  rooms: number;
  status: HoldStatus;
  expiresAt: string;
  createdAt: string;
  releasedAt?: string;
  releaseReason?: string;
}

export type ReleaseOutcome = 'RELEASED' | 'ALREADY_RELEASED' | 'NO_HOLD';

/**
 * Rooms taken out of inventory for one booking. A hold and the night counters it moved change in
 * one transaction, so `reserved` always equals the rooms of HELD and CONVERTED holds.
 */
export interface HoldRepository {
  /**
   * Takes `rooms` on every night, all or none, and records the hold. Idempotent: placing the same
   * booking's hold again returns the existing one. Throws `SoldOutError` when a night lacks rooms
   * and `HoldExpiredError` when this booking's hold was already released.
   */
  place(input: Omit<Hold, 'status' | 'createdAt'>, now: Date): Promise<Hold>;
  get(bookingId: string): Promise<Hold | undefined>;
  /** HELD -> CONVERTED if not expired at `now`; idempotent; `HoldExpiredError` otherwise. */
  convert(bookingId: string, now: Date): Promise<Hold>;
  /** Gives the rooms back (from HELD or CONVERTED), exactly once. */
  release(bookingId: string, reason: string, now: Date): Promise<ReleaseOutcome>;
  /** Releases HELD holds whose expiry has passed; returns how many this call released. */
  releaseExpired(now: Date, limit: number): Promise<number>;
}
