import type { IsoDate } from '#domain/dates.ts';
import { newNight, type InventoryNight } from '#domain/inventory.ts';
import type { PmsNight } from '#domain/pms.ts';
import type { EventPublisher } from '#ports/event-publisher.port.ts';
import type { InventoryReader, InventoryWriter, PmsInventorySync } from '#ports/inventory.repository.ts';
import type { SellLimits } from '../../inventory/sell-limits.ts';
import { applyPmsNights } from '../apply-pms-nights.use-case.ts';
import { factOf } from '../polling/write-through.ts';
import { inParallel } from '../../in-parallel.ts';

/**
 * The nights half of the PMS import: stores the nights the PMS reported for each room type of a
 * listing, in bulk, and never resets `reserved`.
 *
 * - A room type this import creates (not stored yet, so no hold, webhook or poll can reach its
 *   nights before the listing commits; see `save-imported-listing.use-case.ts`) gets all its nights
 *   written in plain batches (`seedUnreachableNights`): no read, no condition. A year of demo
 *   nights is 88 requests instead of 2,190.
 * - A room type we already have is read once (a single `Query` over the range), then:
 *   - nights we do not have go to `createNights`, conditional creates in batches: a night that
 *     appeared meanwhile (a webhook, say) is left as it is and keeps its holds;
 *   - nights we have that the PMS now reports differently go through `applyPmsNights` (new total
 *     and price, `reserved` untouched, older facts ignored);
 *   - nights that already hold exactly what the PMS says cost nothing more.
 * Every night written carries the `sourceAt` markers a PMS report (`applyReport`) would set, so a
 * webhook older than this import still cannot roll it back. Importing again what did not change
 * costs one read per room type.
 */
export interface ImportedNightsDeps {
  inventory: PmsInventorySync & InventoryReader & InventoryWriter;
  /** Receives `inventory.overbooked` when a re-import finds the PMS shrank below what we sold. */
  events: EventPublisher;
  clock: () => Date;
}

/** One room type's nights as the PMS reported them, under our ids. */
export interface RoomTypeNights {
  roomTypeId: string;
  /** True when this import creates the room type: nothing can reach its nights until the commit. */
  createdByImport: boolean;
  nights: PmsNight[];
  currency: string;
  /** The price of a night the PMS reports without one (the rate plan's base price). */
  fallbackPriceMinor: number;
}

export interface ImportedNightsInput {
  hotelId: string;
  /** The range the PMS was read for, both days included. */
  from: IsoDate;
  to: IsoDate;
  /** When the PMS was read: the `sourceAt` of every fact written. */
  fetchedAt: string;
  /** The hotel's sell limits (its policy, capped by what its PMS accepts). */
  limits: SellLimits;
  /** The PMS config the nights come from: the ledger's reference for the reports. */
  configId: string;
  roomTypes: RoomTypeNights[];
}

/** Nights of one `applyPmsNights` call: its facts are applied one update each. */
const APPLY_CHUNK = 31;

/**
 * Writes every room type's nights; returns how many nights the PMS reported. The room types this
 * import creates go in one `seedUnreachableNights` call: their availability summary nights are
 * shared by date, so one call writes each date once instead of several calls overwriting it.
 */
export async function writeImportedNights(deps: ImportedNightsDeps, input: ImportedNightsInput, concurrency = 4): Promise<number> {
  const created = input.roomTypes.filter((rt) => rt.createdByImport);
  if (created.length > 0) {
    await deps.inventory.seedUnreachableNights(created.flatMap((rt) => rt.nights.map((n) => importedNight(input, rt.roomTypeId, n))));
  }
  await inParallel(
    input.roomTypes.filter((rt) => !rt.createdByImport),
    concurrency,
    (roomType) => writeRoomTypeNights(deps, input, roomType),
  );
  return input.roomTypes.reduce((sum, rt) => sum + rt.nights.length, 0);
}

async function writeRoomTypeNights(deps: ImportedNightsDeps, input: ImportedNightsInput, roomType: RoomTypeNights): Promise<void> {
  const stored = new Map((await deps.inventory.getNights(input.hotelId, roomType.roomTypeId, input.from, input.to)).map((n) => [n.date, n]));
  const unchanged = (n: PmsNight) => {
    const s = stored.get(n.date);
    return (
      s !== undefined &&
      s.total === n.total &&
      s.priceMinor === n.priceMinor &&
      s.currency === n.currency &&
      s.syncedAt !== undefined &&
      s.pmsAvailable === n.available &&
      s.sellLimit === input.limits(n.total, n.date) &&
      JSON.stringify(s.restrictions ?? {}) === JSON.stringify(factOf(n).restrictions ?? {})
    );
  };
  const fresh = roomType.nights.filter((n) => !stored.has(n.date));
  const changed = roomType.nights.filter((n) => stored.has(n.date) && !unchanged(n));

  if (fresh.length > 0) {
    await deps.inventory.createNights(fresh.map((n) => importedNight(input, roomType.roomTypeId, n)));
  }
  for (let i = 0; i < changed.length; i += APPLY_CHUNK) {
    await applyPmsNights(
      { inventory: deps.inventory, events: deps.events, clock: deps.clock },
      {
        hotelId: input.hotelId,
        roomTypeId: roomType.roomTypeId,
        sourceAt: input.fetchedAt,
        nights: changed.slice(i, i + APPLY_CHUNK).map(factOf),
        limits: input.limits,
        ref: { type: 'import', id: input.configId },
        fallbackPriceMinor: roomType.fallbackPriceMinor,
        currency: roomType.currency,
      },
    );
  }
}

/** A night we do not have yet, as the PMS reported it, marked as synced and sourced at the import. */
function importedNight(input: ImportedNightsInput, roomTypeId: string, n: PmsNight): InventoryNight {
  return {
    ...newNight({
      hotelId: input.hotelId,
      roomTypeId,
      date: n.date,
      total: n.total,
      priceMinor: n.priceMinor,
      currency: n.currency,
      now: input.fetchedAt,
      syncedAt: input.fetchedAt,
      sellLimit: input.limits(n.total, n.date),
      ...(n.available !== undefined ? { pmsAvailable: n.available } : {}),
      restrictions: factOf(n).restrictions ?? {},
    }),
    pmsTotalAt: input.fetchedAt,
    pmsRateAt: input.fetchedAt,
  } as InventoryNight;
}
