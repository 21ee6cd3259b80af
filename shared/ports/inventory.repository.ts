import type { IsoDate } from '#domain/dates.ts';
import type { InventoryNight } from '#domain/inventory.ts';

/** Nights of one room type; the source every availability answer and hold reads from. */
export interface InventoryReader {
  /** Stored nights from `startDate` to `endDate`, both included, in date order. Missing nights are absent. */
  getNights(hotelId: string, roomTypeId: string, startDate: IsoDate, endDate: IsoDate): Promise<InventoryNight[]>;
}

export interface InventoryWriter {
  /**
   * Creates nights that do not exist yet; an existing night is left as it is, so seeding or importing
   * twice can never reset `reserved`. PMS updates of `total` go through their own update path.
   */
  createNights(nights: InventoryNight[]): Promise<void>;
  /**
   * Writes the nights of a room type nobody can reach yet, in bulk and without conditions: a
   * night already stored is overwritten. Only for a room type that is not stored yet (an import
   * creating it), whose nights no hold, webhook or poll can find before the room type is
   * committed, so none of them can hold `reserved` rooms. Anything else goes through `createNights`.
   */
  seedUnreachableNights(nights: InventoryNight[]): Promise<void>;
}

export type PmsApplyOutcome = 'applied' | 'created' | 'stale';

/** A PMS-reported fact about one night; `sourceAt` orders facts so an old one never rolls back a newer one. */
export interface PmsNightTotal {
  hotelId: string;
  roomTypeId: string;
  date: IsoDate;
  total: number;
  sourceAt: string;
  /** Price for a night that does not exist yet (created by this fact). */
  priceMinor: number;
  currency: string;
}

export interface PmsNightRate {
  hotelId: string;
  roomTypeId: string;
  date: IsoDate;
  priceMinor: number;
  currency: string;
  sourceAt: string;
}

/** How PMS data reaches our copy of the inventory: webhooks, polling and imports all go through here. */
export interface PmsInventorySync {
  /**
   * Sets `total`, `sellLimit = floor(1.1 x total)` and `remaining = sellLimit - reserved` in one
   * update that never touches `reserved`. Creates the night if it does not exist. A fact older than
   * the one applied last is ignored (`stale`).
   */
  applyTotal(fact: PmsNightTotal, now: Date): Promise<{ outcome: PmsApplyOutcome; night?: InventoryNight }>;
  /** Sets the night's price, unless a newer rate was applied already. A missing night is `stale`. */
  applyRate(fact: PmsNightRate, now: Date): Promise<PmsApplyOutcome>;
  /** Records that the flag changed; returns the night as stored. */
  setOverbooked(hotelId: string, roomTypeId: string, date: IsoDate, overbooked: boolean): Promise<void>;
}
