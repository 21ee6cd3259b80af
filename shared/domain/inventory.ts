import type { IsoDate } from './dates.ts';

/** Overbooking allowance: we sell up to 110% of the rooms the PMS says the hotel has. */
export const OVERBOOKING_PERCENT = 110;

/**
 * The most rooms that may be sold on a night with `total` physical rooms. Integer arithmetic, so
 * 10 rooms give exactly 11 and float rounding can never let a 12th through.
 */
export function sellLimitFor(total: number): number {
  return Math.floor((total * OVERBOOKING_PERCENT) / 100);
}

/**
 * One hotel x room type x night. `remaining = sellLimit - reserved` is stored, not derived, because
 * DynamoDB conditions cannot do arithmetic: `remaining >= :rooms` is the one check that enforces the cap.
 */
export interface InventoryNight {
  hotelId: string;
  roomTypeId: string;
  date: IsoDate;
  total: number;
  reserved: number;
  sellLimit: number;
  remaining: number;
  /** Price of one room for this night in minor units of `currency`. */
  priceMinor: number;
  currency: string;
  /** True when the PMS shrank the night below what we had already sold. */
  overbooked: boolean;
  updatedAt: string;
  /** When the PMS last confirmed `total`; absent for nights never synced. */
  syncedAt?: string;
}

/** What can still be sold on the night, never negative. */
export function availableOf(night: Pick<InventoryNight, 'remaining'>): number {
  return Math.max(0, night.remaining);
}

/** A fresh night as the PMS describes it, before anything is reserved. */
export function newNight(input: {
  hotelId: string;
  roomTypeId: string;
  date: IsoDate;
  total: number;
  priceMinor: number;
  currency: string;
  now: string;
  syncedAt?: string;
}): InventoryNight {
  const sellLimit = sellLimitFor(input.total);
  return {
    hotelId: input.hotelId,
    roomTypeId: input.roomTypeId,
    date: input.date,
    total: input.total,
    reserved: 0,
    sellLimit,
    remaining: sellLimit,
    priceMinor: input.priceMinor,
    currency: input.currency,
    overbooked: false,
    updatedAt: input.now,
    ...(input.syncedAt ? { syncedAt: input.syncedAt } : {}),
  };
}
