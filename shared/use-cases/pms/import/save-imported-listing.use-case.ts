import { isTimeZone } from '#domain/dates.ts';
import { ValidationError, type FieldIssue } from '#domain/errors.ts';
import type { Hotel, RatePlan, RoomMedia, RoomType } from '#domain/hotel.ts';
import { newNight, type InventoryNight } from '#domain/inventory.ts';
import { toMinorUnits } from '#domain/money.ts';
import {
  credentialContext,
  DEFAULT_POLLING_HORIZON_DAYS,
  DEFAULT_POLLING_INTERVAL_SECONDS,
  pmsConfigIdFor,
  type PmsConfig,
  type SealedSecret,
} from '#domain/pms-config.ts';
import type { PmsNight } from '#domain/pms.ts';
import { webhookSecretContext } from '#domain/webhook.ts';
import type { EventPublisher } from '#ports/event-publisher.port.ts';
import type { HotelCatalogReader } from '#ports/hotel-catalog.repository.ts';
import type { InventoryReader, InventoryWriter, PmsInventorySync } from '#ports/inventory.repository.ts';
import type { ListingImportWriter } from '#ports/listing-import.port.ts';
import type { PmsConfigRepository } from '#ports/pms-config.repository.ts';
import type { SecretCipher } from '#ports/secret-cipher.port.ts';
import { logger } from '#observability/logger.ts';
import { applyPmsNights } from '../apply-pms-nights.use-case.ts';
import { IMPORT_HORIZON_DAYS, averagePriceMinor, readPmsHotel, type PmsHotelSnapshot } from './fetch-hotel-data.use-case.ts';
import {
  DEFAULT_RATE_PLAN_ID,
  defaultListingId,
  defaultRoomTypeId,
  isGiven,
  type Blankable,
  type SaveListingInput,
  type SaveRoomTypeInput,
} from './hotel-import-form.ts';
import { ImportConflictError } from './import-errors.ts';
import type { PmsClients } from '#ports/pms-clients.port.ts';
import { connectPms } from './pms-connector.ts';
import { webhookUrlFor } from './webhook-url.ts';

export interface SaveListingDeps {
  pms: Pick<PmsClients, 'connect'>;
  catalog: HotelCatalogReader;
  pmsConfigs: PmsConfigRepository;
  listings: ListingImportWriter;
  inventory: PmsInventorySync & InventoryReader & InventoryWriter;
  /** Receives `inventory.overbooked` when a re-import finds the PMS shrank below what we sold. */
  events: EventPublisher;
  cipher: SecretCipher;
  clock: () => Date;
  /** `PMS_WEBHOOK_SECRET`: derives the Cloudbeds webhook URL token. */
  webhookSecret?: string | undefined;
  /** `API_BASE_URL`: the public root the webhook URL is built on. */
  apiBaseUrl?: string | undefined;
}

export interface SaveListingOptions {
  /** Days of inventory from today (hotel time) to store: 30 for the admin route (seed 000), 365 for the local demo. */
  horizonDays?: number;
  /** Night writes in flight at once. */
  concurrency?: number;
}

export interface SaveListingResult {
  listingId: string;
  configId: string;
  /** False when this updated an earlier import of the same PMS hotel. */
  created: boolean;
  roomTypes: { roomTypeId: string; pmsRoomTypeId: string }[];
  /** Nights written to the inventory (room types x days). */
  nights: number;
  /** Where the PMS should send webhooks, for vendors that send them. */
  webhookUrl?: string;
}

export const MAX_IMPORT_HORIZON_DAYS = 366;

const text = (value: Blankable<string>): string | undefined => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};
const opt = <K extends string, V>(key: K, value: Blankable<V>) => (isGiven(value) ? { [key]: value } : {}) as Partial<Record<K, V>>;
const optText = <K extends string>(key: K, value: Blankable<string>) => opt(key, text(value));

/**
 * `POST /api/admin/pms/listings` (seed 000's `saveProductToDB`): stores the (possibly edited)
 * import form as a listing with its PMS config, room types, media, rate plans and the next
 * `horizonDays` nights of inventory, and returns our hotel id.
 *
 * The PMS is asked again first: the credentials are checked (`getHotel`), the form's room types
 * must exist there, and the nights come from the PMS, never from the form.
 *
 * What "all or nothing" means here, in write order:
 * 1. Inventory nights: missing ones created (conditional puts), existing ones updated through
 *    `applyPmsNights` (`applyTotal`/`applyRate`). Both are idempotent, ordered by `sourceAt`, and
 *    never touch `reserved`, so writing them twice is harmless and an existing night keeps its
 *    holds. On a first import they are unreachable until step 2 commits, as every read and every
 *    hold goes through the room type.
 * 2. Hotel, room types (media inside), rate plans and config in one DynamoDB transaction (more
 *    than one only past 49 room types, with the hotel and config in the last). This is the commit
 *    point: before it nothing of a first import is visible, after it everything is.
 * A failure anywhere leaves nothing visible that was not there before, and running the same save
 * again completes it. Importing the same PMS hotel again updates the same hotel, config and room
 * types (ids are found through the config and the room types' `pmsRoomTypeId`), never duplicates.
 */
export async function saveImportedListing(deps: SaveListingDeps, input: SaveListingInput, options: SaveListingOptions = {}): Promise<SaveListingResult> {
  const horizonDays = options.horizonDays ?? IMPORT_HORIZON_DAYS;
  if (!Number.isInteger(horizonDays) || horizonDays < 1 || horizonDays > MAX_IMPORT_HORIZON_DAYS) {
    throw new RangeError(`horizonDays must be 1..${MAX_IMPORT_HORIZON_DAYS}`);
  }
  checkFormShape(input);
  const { client, baseUrl } = connectPms(deps.pms, {
    vendor: input.vendor,
    pmsHotelId: input.hotelId,
    apiKey: input.apiKey,
    apiBaseUrl: text(input.apiBaseUrl),
  });
  const snapshot = await readPmsHotel(client, deps.clock, horizonDays);
  checkRoomTypesExist(input, snapshot);

  const now = deps.clock().toISOString();
  const configId = pmsConfigIdFor(input.vendor, input.hotelId);
  const existingConfig = await deps.pmsConfigs.get(configId);
  const hotelId = existingConfig?.hotelId ?? text(input.listingId) ?? defaultListingId(input.vendor, input.hotelId);
  const [existingHotel, hotelConfig] = await Promise.all([deps.catalog.getHotel(hotelId), deps.pmsConfigs.findByHotel(hotelId)]);
  const foreign = existingHotel?.pms && (existingHotel.pms.vendor !== input.vendor || existingHotel.pms.pmsHotelId !== input.hotelId);
  if (foreign || (hotelConfig && hotelConfig.configId !== configId)) {
    throw new ImportConflictError(`Hotel '${hotelId}' is already linked to another PMS hotel: choose another listingId.`);
  }
  const existingRoomTypes = existingHotel ? await deps.catalog.listRoomTypes(hotelId) : [];

  const timeZone = text(input.timeZone) ?? snapshot.hotel.timeZone;
  const hotel: Hotel = {
    hotelId,
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
    timeZone,
    currency: snapshot.hotel.currency,
    pms: { vendor: input.vendor, pmsHotelId: input.hotelId },
    ...opt('bookingHorizonDays', input.bookingHorizonDays ?? existingHotel?.bookingHorizonDays),
    createdAt: existingHotel?.createdAt ?? now,
    updatedAt: now,
  };

  const planned = planRoomTypes(input, snapshot, hotel, existingRoomTypes, now);

  const ownWebhookSecret = text(input.webhookSecret);
  const [credentials, webhookSecret] = await Promise.all([
    deps.cipher.seal(input.apiKey, credentialContext(configId)),
    ownWebhookSecret ? deps.cipher.seal(ownWebhookSecret, webhookSecretContext(configId)) : Promise.resolve(existingConfig?.webhookSecret),
  ]);
  const config = buildConfig({
    input,
    existing: existingConfig,
    configId,
    hotelId,
    baseUrl,
    credentials,
    webhookSecret,
    webhooksByDefault: client.capabilities.webhooks,
    fetchedAt: snapshot.fetchedAt,
    now,
  });

  const nights = await writeNights(deps, snapshot, planned, hotel, options.concurrency ?? 8);

  const outcome = await deps.listings.commit(
    { hotel, roomTypes: planned.roomTypes, ratePlans: planned.ratePlans, config },
    existingConfig ? { kind: 'existing', hotelId: existingConfig.hotelId } : { kind: 'new' },
  );
  if (outcome === 'conflict') {
    throw new ImportConflictError('Another import of this PMS hotel finished meanwhile: send the form again to update it.');
  }

  const webhookUrl = config.webhookEnabled
    ? webhookUrlFor({ vendor: input.vendor, configId, apiBaseUrl: deps.apiBaseUrl, webhookSecret: deps.webhookSecret })
    : undefined;
  const result: SaveListingResult = {
    listingId: hotelId,
    configId,
    created: !existingConfig,
    roomTypes: planned.mapping,
    nights,
    ...(webhookUrl ? { webhookUrl } : {}),
  };
  logger.info('PMS listing imported', {
    vendor: input.vendor,
    pmsHotelId: input.hotelId,
    hotelId,
    configId,
    created: result.created,
    roomTypes: planned.mapping.length,
    nights,
    from: snapshot.from,
    to: snapshot.to,
  });
  return result;
}

/** Form rules zod cannot see: the same PMS room type or our id twice. */
function checkFormShape(input: SaveListingInput): void {
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

function checkRoomTypesExist(input: SaveListingInput, snapshot: PmsHotelSnapshot): void {
  const known = new Set(snapshot.roomTypes.map((r) => r.pmsRoomTypeId));
  const issues = input.roomTypes.flatMap((rt, i) =>
    known.has(rt.pmsRoomTypeId) ? [] : [{ field: `body.roomTypes.${i}.pmsRoomTypeId`, message: 'is not a room type of this hotel in the PMS' }],
  );
  if (issues.length > 0) throw new ValidationError('The form names room types the PMS does not have.', issues);
}

interface PlannedRoomType {
  form: SaveRoomTypeInput;
  roomType: RoomType;
  nights: PmsNight[];
  currency: string;
  fallbackPriceMinor: number;
}

interface RoomTypePlan {
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
function planRoomTypes(input: SaveListingInput, snapshot: PmsHotelSnapshot, hotel: Hotel, existing: RoomType[], now: string): RoomTypePlan {
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
    const roomType: RoomType = {
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
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
    };
    planned.push({ form, roomType, nights, currency, fallbackPriceMinor: baseMinor });
  });
  if (issues.length > 0) throw new ValidationError('The room types of the form cannot be stored as given.', issues);

  const kept = new Set(planned.map((p) => p.roomType.roomTypeId));
  const dropped = existing
    .filter((r) => r.pmsRoomTypeId && !kept.has(r.roomTypeId) && r.isActive)
    .map((r): RoomType => ({ ...r, isActive: false, updatedAt: now }));
  const ratePlans = planned.map(({ form, roomType, nights, currency, fallbackPriceMinor }): RatePlan => {
    const plan = form.ratePlan ?? {};
    const pmsRatePlanId = nights.find((n) => n.ratePlanId)?.ratePlanId;
    return {
      hotelId: hotel.hotelId,
      roomTypeId: roomType.roomTypeId,
      ratePlanId: text(plan.ratePlanId) ?? DEFAULT_RATE_PLAN_ID,
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
    };
  });
  return {
    planned,
    roomTypes: [...planned.map((p) => p.roomType), ...dropped],
    ratePlans,
    mapping: planned.map((p) => ({ roomTypeId: p.roomType.roomTypeId, pmsRoomTypeId: p.form.pmsRoomTypeId })),
  };
}

function buildConfig(a: {
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

/**
 * Writes the fetched nights of every room type; returns how many the PMS reported. Nights we
 * already have go through `applyPmsNights` (new total and price, `reserved` untouched, older facts
 * ignored), unless they already hold exactly what the PMS says; nights we do not have yet are
 * created in one conditional put each, carrying the same `sourceAt` markers `applyTotal` and
 * `applyRate` would set, so a webhook older than this import still cannot roll them back. A first
 * import of a year costs one write per night, and importing again what did not change costs reads only.
 */
async function writeNights(deps: SaveListingDeps, snapshot: PmsHotelSnapshot, plan: RoomTypePlan, hotel: Hotel, concurrency: number): Promise<number> {
  const CHUNK = 31;
  const jobs: { p: PlannedRoomType; nights: PmsNight[]; fresh: boolean }[] = [];
  let reported = 0;
  await inParallel(plan.planned, concurrency, async (p) => {
    const stored = new Map((await deps.inventory.getNights(hotel.hotelId, p.roomType.roomTypeId, snapshot.from, snapshot.to)).map((n) => [n.date, n]));
    reported += p.nights.length;
    const unchanged = (n: PmsNight) => {
      const s = stored.get(n.date);
      return s !== undefined && s.total === n.total && s.priceMinor === n.priceMinor && s.currency === n.currency && s.syncedAt !== undefined;
    };
    const fresh = p.nights.filter((n) => !stored.has(n.date));
    const changed = p.nights.filter((n) => stored.has(n.date) && !unchanged(n));
    for (let i = 0; i < fresh.length; i += CHUNK) jobs.push({ p, nights: fresh.slice(i, i + CHUNK), fresh: true });
    for (let i = 0; i < changed.length; i += CHUNK) jobs.push({ p, nights: changed.slice(i, i + CHUNK), fresh: false });
  });
  await inParallel(jobs, concurrency, async ({ p, nights, fresh }) => {
    if (fresh) {
      await deps.inventory.createNights(
        nights.map((n) => ({
          ...newNight({
            hotelId: hotel.hotelId,
            roomTypeId: p.roomType.roomTypeId,
            date: n.date,
            total: n.total,
            priceMinor: n.priceMinor,
            currency: n.currency,
            now: snapshot.fetchedAt,
            syncedAt: snapshot.fetchedAt,
          }),
          pmsTotalAt: snapshot.fetchedAt,
          pmsRateAt: snapshot.fetchedAt,
        })) as InventoryNight[],
      );
      return;
    }
    await applyPmsNights(
      { inventory: deps.inventory, events: deps.events, clock: deps.clock },
      {
        hotelId: hotel.hotelId,
        roomTypeId: p.roomType.roomTypeId,
        sourceAt: snapshot.fetchedAt,
        nights: nights.map((n) => ({ date: n.date, total: n.total, priceMinor: n.priceMinor, currency: n.currency })),
        fallbackPriceMinor: p.fallbackPriceMinor,
        currency: p.currency,
      },
    );
  });
  return reported;
}

async function inParallel<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(Math.max(1, limit), items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await task(item);
    }
  });
  await Promise.all(workers);
}
