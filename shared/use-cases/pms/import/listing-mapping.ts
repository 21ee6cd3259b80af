import { keepAdminEdits, pmsOwnedFields } from '#domain/catalog-ownership.ts';
import { isTimeZone } from '#domain/dates.ts';
import { ValidationError, type FieldIssue } from '#domain/errors.ts';
import type { Hotel, RatePlan, RoomMedia, RoomType } from '#domain/hotel.ts';
import { toMinorUnits } from '#domain/money.ts';
import {
  DEFAULT_POLLING_HORIZON_DAYS,
  DEFAULT_POLLING_INTERVAL_SECONDS,
  type PmsConfig,
  type SealedSecret,
} from '#domain/pms-config.ts';
import type { PmsNight } from '#domain/pms.ts';
import { averagePriceMinor, type PmsHotelSnapshot } from './fetch-hotel-data.use-case.ts';
import {
  DEFAULT_RATE_PLAN_ID,
  defaultRoomTypeId,
  isGiven,
  type Blankable,
  type SaveListingInput,
  type SaveRoomTypeInput,
} from './hotel-import-form.ts';

/**
 * The mapping half of the PMS import: from the (possibly edited) import form and what the PMS
 * says, the records we store: the hotel, its room types with their media, one rate plan each, and
 * the PMS config. Pure functions: no I/O, no clock (the caller passes `now`), so every rule here
 * can be tested without a table or a PMS. The form's checks that zod cannot make live here too.
 */
/** Trimmed text, or undefined when blank. */
export const text = (value: Blankable<string>): string | undefined => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};
const opt = <K extends string, V>(key: K, value: Blankable<V>) => (isGiven(value) ? { [key]: value } : {}) as Partial<Record<K, V>>;
const optText = <K extends string>(key: K, value: Blankable<string>) => opt(key, text(value));

/** Form rules zod cannot see: the same PMS room type or our id twice. */
export function checkFormShape(input: SaveListingInput): void {
  const issues: FieldIssue[] = [];
  const seenPms = new Set<string>();
  const seenIds = new Set<string>();
  input.roomTypes.forEach((rt, i) => {
    if (seenPms.has(rt.pmsRoomTypeId)) issues.push({ field: `body.roomTypes.${i}.pmsRoomTypeId`, message: 'appears twice in the form' });
    seenPms.add(rt.pmsRoomTypeId);
    const id = text(rt.roomTypeId);
    if (id && seenIds.has(id)) issues.push({ field: `body.roomTypes.${i}.roomTypeId`, message: 'appears twice in the form' });
    if (id) seenIds.add(id);
  });
  const zone = text(input.timeZone);
  if (zone && !isTimeZone(zone)) issues.push({ field: 'body.timeZone', message: 'must be an IANA time zone such as Asia/Seoul' });
  if (issues.length > 0) throw new ValidationError('The import form is not valid.', issues);
}

export function checkRoomTypesExist(input: SaveListingInput, snapshot: PmsHotelSnapshot): void {
  const known = new Set(snapshot.roomTypes.map((r) => r.pmsRoomTypeId));
  const issues = input.roomTypes.flatMap((rt, i) =>
    known.has(rt.pmsRoomTypeId) ? [] : [{ field: `body.roomTypes.${i}.pmsRoomTypeId`, message: 'is not a room type of this hotel in the PMS' }],
  );
  if (issues.length > 0) throw new ValidationError('The form names room types the PMS does not have.', issues);
}

/**
 * The hotel as stored: the form's fields, the PMS's currency (and time zone unless the form sets
 * one). On a re-import, what is ours stays ours: the overbooking policy, the active flag, and every
 * field an admin edited that the PMS does not own (`adminEdited`, `catalog-ownership.ts`).
 */
export function buildHotel(a: {
  input: SaveListingInput;
  snapshot: PmsHotelSnapshot;
  hotelId: string;
  existing: Hotel | undefined;
  now: string;
}): Hotel {
  const hotel = buildImportedHotel(a);
  return keepAdminEdits(hotel, a.existing, pmsOwnedFields(hotel, 'hotel'));
}

function buildImportedHotel(a: Parameters<typeof buildHotel>[0]): Hotel {
  const { input, snapshot } = a;
  return {
    hotelId: a.hotelId,
    name: input.hotelName.trim(),
    ...optText('description', input.description),
    ...optText('address', input.location.address),
    city: input.location.city.trim(),
    country: input.location.country.trim(),
    ...(isGiven(input.location.latitude) && isGiven(input.location.longitude)
      ? { location: { latitude: input.location.latitude, longitude: input.location.longitude } }
      : {}),
    ...opt('starRating', input.starRating),
    amenities: input.amenities ?? [],
    images: input.images ?? [],
    timeZone: text(input.timeZone) ?? snapshot.hotel.timeZone,
    currency: snapshot.hotel.currency,
    pms: { vendor: input.vendor, pmsHotelId: input.hotelId },
    ...opt('bookingHorizonDays', input.bookingHorizonDays ?? a.existing?.bookingHorizonDays),
    // Our own policy, which the PMS does not own, survives a re-import.
    ...(a.existing?.overbooking ? { overbooking: a.existing.overbooking } : {}),
    // A deactivated hotel stays deactivated: only an admin brings it back.
    ...(a.existing?.isActive === false ? { isActive: false } : {}),
    version: (a.existing?.version ?? 0) + 1,
    createdAt: a.existing?.createdAt ?? a.now,
    updatedAt: a.now,
  };
}

/** API field -> stored properties, where they differ. */
const STORED_AS: Record<string, readonly string[]> = { basePrice: ['basePriceMinor'] };
const storedAs = (field: string) => STORED_AS[field] ?? [field];

export interface PlannedRoomType {
  form: SaveRoomTypeInput;
  roomType: RoomType;
  nights: PmsNight[];
  currency: string;
  fallbackPriceMinor: number;
}

export interface RoomTypePlan {
  planned: PlannedRoomType[];
  /** Everything to store: the form's room types, then the ones a re-import dropped (deactivated). */
  roomTypes: RoomType[];
  ratePlans: RatePlan[];
  mapping: { roomTypeId: string; pmsRoomTypeId: string }[];
}

/**
 * Chooses our id for each room type (an earlier import's mapping first, then the form's choice,
 * then `rt_<pmsRoomTypeId>`) and builds the room types and their one rate plan each.
 */
export function planRoomTypes(
  input: SaveListingInput,
  snapshot: PmsHotelSnapshot,
  hotel: Hotel,
  existing: RoomType[],
  now: string,
  existingRatePlans: readonly RatePlan[] = [],
): RoomTypePlan {
  const byPmsId = new Map(existing.filter((r) => r.pmsRoomTypeId).map((r) => [r.pmsRoomTypeId!, r]));
  const byId = new Map(existing.map((r) => [r.roomTypeId, r]));
  const issues: FieldIssue[] = [];
  const chosen = new Set<string>();
  const planned: PlannedRoomType[] = [];
  input.roomTypes.forEach((form, i) => {
    const mapped = byPmsId.get(form.pmsRoomTypeId);
    const roomTypeId = mapped?.roomTypeId ?? text(form.roomTypeId) ?? defaultRoomTypeId(form.pmsRoomTypeId);
    const holder = byId.get(roomTypeId);
    if (!mapped && holder?.pmsRoomTypeId && holder.pmsRoomTypeId !== form.pmsRoomTypeId) {
      issues.push({ field: `body.roomTypes.${i}.roomTypeId`, message: `'${roomTypeId}' is already another room type of this hotel` });
      return;
    }
    if (chosen.has(roomTypeId)) {
      issues.push({ field: `body.roomTypes.${i}.roomTypeId`, message: `'${roomTypeId}' is chosen twice` });
      return;
    }
    chosen.add(roomTypeId);
    const previous = mapped ?? holder;
    const nights = snapshot.nights.get(form.pmsRoomTypeId) ?? [];
    const currency = nights[0]?.currency ?? hotel.currency;
    const plan = form.ratePlan ?? {};
    const basePrice = plan.basePrice ?? form.averagePrice;
    const baseMinor = isGiven(basePrice) ? toMinorUnits(basePrice, currency) : averagePriceMinor(nights);
    if (baseMinor === undefined) {
      issues.push({ field: `body.roomTypes.${i}.averagePrice`, message: 'the PMS sells no night of this room type yet: give a price' });
      return;
    }
    const imported: RoomType = {
      hotelId: hotel.hotelId,
      roomTypeId,
      name: form.roomTypeName.trim(),
      ...optText('description', form.description),
      maxOccupancy: form.maxOccupancy,
      ...optText('bedType', form.bedType),
      ...opt('bedCount', form.bedCount),
      ...opt('sizeSqm', form.roomSize),
      ...optText('viewType', form.viewType),
      ...optText('bathroomType', form.bathroomType),
      amenities: form.amenities ?? [],
      ...optText('checkInTime', form.checkInTime),
      ...optText('checkOutTime', form.checkOutTime),
      ...optText('houseRules', form.houseRules),
      ...optText('cancellationPolicy', form.cancellationPolicy),
      media: (form.images ?? []).map(
        (image, order): RoomMedia => ({
          mediaType: 'image',
          url: image.url,
          ...optText('altText', image.caption),
          displayOrder: order,
          isPrimary: order === 0,
        }),
      ),
      pmsRoomTypeId: form.pmsRoomTypeId,
      isActive: form.isActive ?? true,
      version: (previous?.version ?? 0) + 1,
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
    };
    // What an admin changed that the PMS does not own (descriptions, photos, policies, the active
    // flag) survives a re-import.
    const roomType = keepAdminEdits(imported, previous, pmsOwnedFields(hotel, 'roomType'), storedAs);
    planned.push({ form, roomType, nights, currency, fallbackPriceMinor: baseMinor });
  });
  if (issues.length > 0) throw new ValidationError('The room types of the form cannot be stored as given.', issues);

  const kept = new Set(planned.map((p) => p.roomType.roomTypeId));
  const dropped = existing
    .filter((r) => r.pmsRoomTypeId && !kept.has(r.roomTypeId) && r.isActive)
    .map((r): RoomType => ({ ...r, isActive: false, version: (r.version ?? 0) + 1, updatedAt: now }));
  const ratePlans = planned.map(({ form, roomType, nights, currency, fallbackPriceMinor }): RatePlan => {
    const plan = form.ratePlan ?? {};
    const pmsRatePlanId = nights.find((n) => n.ratePlanId)?.ratePlanId;
    const ratePlanId = text(plan.ratePlanId) ?? DEFAULT_RATE_PLAN_ID;
    const previous = existingRatePlans.find((p) => p.roomTypeId === roomType.roomTypeId && p.ratePlanId === ratePlanId);
    const imported: RatePlan = {
      hotelId: hotel.hotelId,
      roomTypeId: roomType.roomTypeId,
      ratePlanId,
      name: text(plan.name) ?? 'Standard',
      ...(pmsRatePlanId ? { pmsRatePlanId } : {}),
      basePriceMinor: fallbackPriceMinor,
      currency,
      ...opt('minStay', plan.minStay),
      ...opt('maxStay', plan.maxStay),
      isRefundable: plan.refundable ?? true,
      ...opt('cancellationHours', plan.cancellationHours),
      ...opt('cancellationFeePercent', plan.cancellationFeePercent),
      breakfastIncluded: plan.breakfastIncluded ?? false,
      isActive: true,
      version: (previous?.version ?? 0) + 1,
      ...(previous?.createdAt ? { createdAt: previous.createdAt } : { createdAt: now }),
      updatedAt: now,
    };
    return keepAdminEdits(imported, previous, pmsOwnedFields(hotel, 'ratePlan'), storedAs);
  });
  return {
    planned,
    roomTypes: [...planned.map((p) => p.roomType), ...dropped],
    ratePlans,
    mapping: planned.map((p) => ({ roomTypeId: p.roomType.roomTypeId, pmsRoomTypeId: p.form.pmsRoomTypeId })),
  };
}

/** The PMS config as stored: the form's settings, else the earlier import's, else the defaults. */
export function buildConfig(a: {
  input: SaveListingInput;
  existing: PmsConfig | undefined;
  configId: string;
  hotelId: string;
  baseUrl: string;
  credentials: SealedSecret;
  webhookSecret: SealedSecret | undefined;
  webhooksByDefault: boolean;
  fetchedAt: string;
  now: string;
}): PmsConfig {
  const { input, existing } = a;
  return {
    configId: a.configId,
    hotelId: a.hotelId,
    vendor: input.vendor,
    pmsHotelId: input.hotelId,
    apiBaseUrl: a.baseUrl,
    credentials: a.credentials,
    ...(a.webhookSecret ? { webhookSecret: a.webhookSecret } : {}),
    webhookEnabled: input.webhookEnabled ?? existing?.webhookEnabled ?? a.webhooksByDefault,
    pollingEnabled: input.pollingEnabled ?? existing?.pollingEnabled ?? true,
    pollingIntervalSeconds: input.pollingIntervalSeconds ?? existing?.pollingIntervalSeconds ?? DEFAULT_POLLING_INTERVAL_SECONDS,
    pollingHorizonDays: input.pollingHorizonDays ?? existing?.pollingHorizonDays ?? DEFAULT_POLLING_HORIZON_DAYS,
    isActive: input.isActive ?? true,
    // An admin's statement about the PMS, not the PMS's data: a re-import keeps it.
    ...(existing?.acceptsOverbooking !== undefined ? { acceptsOverbooking: existing.acceptsOverbooking } : {}),
    // The import just read the PMS with working credentials: that is a successful sync.
    lastSyncAt: a.fetchedAt,
    ...(existing?.lastPollAt ? { lastPollAt: existing.lastPollAt } : {}),
    consecutiveFailures: 0,
    paused: false,
    circuit: { state: 'CLOSED', failures: 0 },
    createdAt: existing?.createdAt ?? a.now,
    updatedAt: a.now,
  };
}
