import type { Hotel, HotelImportForm, ImportRoomType, RoomType, SaveListingInput } from '../api/types.ts';

/**
 * The import wizard's editable draft and what saving it will change. The draft is the fetched
 * form with the fields an admin edits; `toSaveInput` turns it into the listings route's body
 * (the form round-trips, as `shared/http/schemas/pms-admin.schema.ts` promises).
 */
export interface DraftRoomType {
  pmsRoomTypeId: string;
  include: boolean;
  roomTypeName: string;
  maxOccupancy: number;
  /** Major units, as text while it is edited. */
  basePrice: string;
  source: ImportRoomType;
}

export interface ImportDraft {
  hotelName: string;
  description: string;
  city: string;
  country: string;
  address: string;
  timeZone: string;
  roomTypes: DraftRoomType[];
  form: HotelImportForm;
}

export function draftFromForm(form: HotelImportForm): ImportDraft {
  return {
    hotelName: form.hotelName,
    description: form.description ?? '',
    city: form.location.city,
    country: form.location.country,
    address: form.location.address ?? '',
    timeZone: form.timeZone,
    roomTypes: form.roomTypes.map((rt) => ({
      pmsRoomTypeId: rt.pmsRoomTypeId,
      include: true,
      roomTypeName: rt.roomTypeName,
      maxOccupancy: rt.maxOccupancy,
      basePrice: rt.averagePrice === null ? '' : String(rt.averagePrice),
      source: rt,
    })),
    form,
  };
}

function price(text: string): number | null {
  const value = Number(text.trim());
  return text.trim() === '' || !Number.isFinite(value) ? null : value;
}

/** The listings route's body: the form as fetched, with the admin's edits and without the read-only nights. */
export function toSaveInput(draft: ImportDraft, connection: { apiKey: string; apiBaseUrl?: string }): SaveListingInput {
  const { form } = draft;
  return {
    vendor: form.vendor,
    hotelId: form.hotelId,
    apiKey: connection.apiKey,
    ...(connection.apiBaseUrl ? { apiBaseUrl: connection.apiBaseUrl } : {}),
    hotelName: draft.hotelName.trim(),
    description: draft.description.trim() || null,
    location: {
      address: draft.address.trim() || null,
      city: draft.city.trim(),
      country: draft.country.trim(),
      latitude: form.location.latitude,
      longitude: form.location.longitude,
    },
    timeZone: draft.timeZone.trim() || null,
    starRating: form.starRating,
    amenities: form.amenities,
    images: form.images,
    checkInTime: form.checkInTime,
    checkOutTime: form.checkOutTime,
    roomTypes: draft.roomTypes
      .filter((rt) => rt.include)
      .map((rt) => {
        const { inventory: _nights, currency: _currency, ...source } = rt.source;
        return { ...source, roomTypeName: rt.roomTypeName.trim(), maxOccupancy: rt.maxOccupancy, averagePrice: price(rt.basePrice) };
      }),
  };
}

/** The 30 fetched nights in one line: rooms free and price, lowest to highest. */
export function nightsSummary(rt: ImportRoomType): { minFree: number; maxFree: number; minPrice: number; maxPrice: number } | undefined {
  if (rt.inventory.length === 0) return undefined;
  const free = rt.inventory.map((n) => n.available);
  const prices = rt.inventory.map((n) => n.price);
  return { minFree: Math.min(...free), maxFree: Math.max(...free), minPrice: Math.min(...prices), maxPrice: Math.max(...prices) };
}

export type Change =
  | { kind: 'field'; scope: 'hotel' | string; field: string; before: string; after: string }
  | { kind: 'roomTypeAdded'; name: string }
  | { kind: 'roomTypeDeactivated'; name: string };

/** Our room type id for a PMS room type imported without a chosen one (the backend's `defaultRoomTypeId`). */
export function defaultRoomTypeId(pmsRoomTypeId: string): string {
  return `rt_${pmsRoomTypeId}`.replace(/[^A-Za-z0-9_.:-]/g, '_').slice(0, 128);
}

const show = (value: unknown): string => (value === undefined || value === null || value === '' ? '' : Array.isArray(value) ? value.join(', ') : String(value));

/**
 * What saving `draft` over the `existing` listing will change, field by field, in the fields the
 * import writes. Existing room types are matched by the id an import gives them, else by name (the
 * read API does not show the PMS room type id); a room type left out of a re-import is deactivated
 * by the save, and says so. `undefined` existing means a new listing: nothing to compare.
 */
export function importChanges(draft: ImportDraft, existing: { hotel: Hotel; roomTypes: RoomType[] }): Change[] {
  const changes: Change[] = [];
  const field = (scope: string, name: string, before: unknown, after: unknown) => {
    const b = show(before);
    const a = show(after);
    if (b !== a) changes.push({ kind: 'field', scope, field: name, before: b, after: a });
  };
  const { hotel } = existing;
  const input = toSaveInput(draft, { apiKey: '' });
  field('hotel', 'name', hotel.name, input.hotelName);
  field('hotel', 'description', hotel.description, input.description);
  field('hotel', 'address', hotel.address, input.location.address);
  field('hotel', 'city', hotel.city, input.location.city);
  field('hotel', 'country', hotel.country, input.location.country);
  field('hotel', 'timeZone', hotel.timeZone, input.timeZone ?? draft.form.timeZone);
  field('hotel', 'starRating', hotel.starRating, input.starRating);
  field('hotel', 'amenities', hotel.amenities, input.amenities);
  field('hotel', 'images', hotel.images, input.images);

  const matched = new Set<string>();
  for (const rt of draft.roomTypes) {
    const current =
      existing.roomTypes.find((e) => e.roomTypeId === defaultRoomTypeId(rt.pmsRoomTypeId)) ??
      existing.roomTypes.find((e) => !matched.has(e.roomTypeId) && e.name === rt.source.roomTypeName);
    if (!rt.include) continue;
    if (!current) {
      changes.push({ kind: 'roomTypeAdded', name: rt.roomTypeName });
      continue;
    }
    matched.add(current.roomTypeId);
    const scope = current.name;
    const s = rt.source;
    field(scope, 'name', current.name, rt.roomTypeName.trim());
    field(scope, 'maxOccupancy', current.maxOccupancy, rt.maxOccupancy);
    field(scope, 'bedType', current.bedType, s.bedType);
    field(scope, 'bedCount', current.bedCount, s.bedCount);
    field(scope, 'sizeSqm', current.sizeSqm, s.roomSize);
    field(scope, 'viewType', current.viewType, s.viewType);
    field(scope, 'amenities', current.amenities, s.amenities);
    field(scope, 'photos', [...current.media].sort((a, b) => a.displayOrder - b.displayOrder).map((m) => m.url), s.images.map((i) => i.url));
    const plan = current.ratePlans.find((p) => p.ratePlanId === 'rp_standard') ?? current.ratePlans[0];
    const after = price(rt.basePrice);
    if (after !== null) field(scope, 'basePrice', plan?.basePrice, after);
  }
  // The save deactivates every PMS room type of the listing that this import does not carry.
  for (const current of existing.roomTypes) {
    if (!matched.has(current.roomTypeId)) changes.push({ kind: 'roomTypeDeactivated', name: current.name });
  }
  return changes;
}
