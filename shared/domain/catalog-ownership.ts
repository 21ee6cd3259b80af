import { PmsManagedError } from './catalog-errors.ts';
import type { Hotel } from './hotel.ts';
import type { PmsVendor } from './pms.ts';

/**
 * Who owns which field of a PMS-managed hotel (issue 9). The PMS is the system of record for what
 * its sync and its import keep writing: the hotel's identity and place, the room types' physical
 * description and occupancy, and every night's price and room count. An admin's edit of those would
 * be undone by the next sync, so it is refused with `409 PMS_MANAGED` naming the field and the
 * vendor. Everything else (descriptions, amenities, photos and their order, star rating, booking
 * and cancellation policies, restrictions as our overrides) is ours: editable, and kept by a
 * re-import once an admin has changed it (`adminEdited`).
 *
 * Names are the API's body fields. The three vendors map the same fields today (what
 * `docs/pms-vendors.md` lists per vendor feeds the same import form); the table is per vendor so a
 * vendor that owns more (or less) says so here.
 */
export type CatalogEntity = 'hotel' | 'roomType' | 'ratePlan' | 'calendar';

const COMMON_OWNERSHIP: Readonly<Record<CatalogEntity, readonly string[]>> = {
  hotel: ['name', 'address', 'city', 'country', 'location', 'timeZone', 'currency'],
  roomType: ['name', 'maxOccupancy', 'bedType', 'bedCount', 'sizeSqm', 'viewType'],
  ratePlan: ['basePrice', 'currency'],
  calendar: ['price', 'total'],
};

export const PMS_OWNED_FIELDS: Readonly<Record<PmsVendor, Readonly<Record<CatalogEntity, readonly string[]>>>> = {
  cloudbeds: COMMON_OWNERSHIP,
  opera: COMMON_OWNERSHIP,
  generic: COMMON_OWNERSHIP,
};

const VENDOR_NAMES: Readonly<Record<PmsVendor, string>> = { cloudbeds: 'Cloudbeds', opera: 'OPERA Cloud', generic: 'the hotel’s PMS (generic protocol)' };

/** The vendor as people name it, for messages. */
export function vendorName(vendor: string): string {
  return VENDOR_NAMES[vendor as PmsVendor] ?? vendor;
}

/** The fields of `entity` the hotel's PMS owns; none for a hotel without a PMS. */
export function pmsOwnedFields(hotel: Pick<Hotel, 'pms'>, entity: CatalogEntity): readonly string[] {
  if (!hotel.pms) return [];
  return (PMS_OWNED_FIELDS[hotel.pms.vendor as PmsVendor] ?? COMMON_OWNERSHIP)[entity];
}

/** Throws `PmsManagedError` when any of `fields` (given in a write) is owned by the hotel's PMS. */
export function refusePmsOwned(hotel: Pick<Hotel, 'pms'>, entity: CatalogEntity, fields: Iterable<string>, location = 'body'): void {
  const owned = new Set(pmsOwnedFields(hotel, entity));
  const touched = [...fields].filter((f) => owned.has(f));
  if (touched.length > 0) throw new PmsManagedError(vendorName(hotel.pms!.vendor), touched, location);
}

/**
 * A re-import's record with the admin's edits put back: every field in `existing.adminEdited` that
 * the PMS does not own keeps the stored value (or its absence). `fieldsOf` maps an API field name
 * to the stored properties it covers (`basePrice` is stored as `basePriceMinor`).
 */
export function keepAdminEdits<T extends object>(
  incoming: T,
  existing: (T & { adminEdited?: string[] }) | undefined,
  owned: readonly string[],
  fieldsOf: (field: string) => readonly string[] = (f) => [f],
): T {
  if (!existing?.adminEdited?.length) return incoming;
  const out = { ...incoming } as Record<string, unknown>;
  const stored = existing as Record<string, unknown>;
  for (const field of existing.adminEdited) {
    if (owned.includes(field)) continue;
    for (const prop of fieldsOf(field)) {
      if (prop in stored && stored[prop] !== undefined) out[prop] = stored[prop];
      else delete out[prop];
    }
  }
  return { ...(out as T), adminEdited: existing.adminEdited } as T;
}
