import type { Hotel, RatePlan, RoomType } from '#domain/hotel.ts';
import type { PmsConfig } from '#domain/pms-config.ts';

/** One imported hotel as it is about to be stored: seed 000's listing, room types, media, rate plans and PMS config. */
export interface ImportedListing {
  hotel: Hotel;
  /** Room types to store, media included; ones the form dropped come back with `isActive: false`. */
  roomTypes: RoomType[];
  ratePlans: RatePlan[];
  /** Written last: a config is what makes the hotel live for webhooks and polling. */
  config: PmsConfig;
}

/**
 * What the caller believed about the stored config when it planned the write. `new`: no config
 * exists for this PMS hotel. `existing`: one exists and feeds `hotelId`. A concurrent import that
 * changed that in between makes the commit answer `conflict` instead of writing a second mapping.
 */
export type ConfigExpectation = { kind: 'new' } | { kind: 'existing'; hotelId: string };

export type ListingCommitOutcome = 'committed' | 'conflict';

/**
 * Stores an imported listing's catalog part and its PMS config together. Implementations write
 * atomically as far as their store allows and put the config in the last write, so a config never
 * points at a hotel that is not stored yet; the inventory nights are written separately (and
 * before) through `PmsInventorySync`, which is idempotent.
 */
export interface ListingImportWriter {
  commit(listing: ImportedListing, expectation: ConfigExpectation): Promise<ListingCommitOutcome>;
}
