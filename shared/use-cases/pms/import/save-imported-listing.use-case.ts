import { credentialContext, pmsConfigIdFor } from '#domain/pms-config.ts';
import { webhookSecretContext } from '#domain/webhook.ts';
import type { EventPublisher } from '#ports/event-publisher.port.ts';
import type { SearchIndexWriter } from '#ports/hotel-search.port.ts';
import type { HotelCatalogReader } from '#ports/hotel-catalog.repository.ts';
import type { InventoryReader, InventoryWriter, PmsInventorySync } from '#ports/inventory.repository.ts';
import type { ListingImportWriter } from '#ports/listing-import.port.ts';
import type { PmsConfigRepository } from '#ports/pms-config.repository.ts';
import type { SecretCipher } from '#ports/secret-cipher.port.ts';
import { logger } from '#observability/logger.ts';
import { IMPORT_HORIZON_DAYS, readPmsHotel } from './fetch-hotel-data.use-case.ts';
import { defaultListingId, type SaveListingInput } from './hotel-import-form.ts';
import { ImportConflictError } from './import-errors.ts';
import type { PmsClients } from '#ports/pms-clients.port.ts';
import { sellLimitsOf } from '../../inventory/sell-limits.ts';
import { writeImportedNights } from './imported-nights-writer.ts';
import { buildConfig, buildHotel, checkFormShape, checkRoomTypesExist, planRoomTypes, text } from './listing-mapping.ts';
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
  /** Stamps the listing's facts on its availability summary once committed: that makes it searchable. */
  search: SearchIndexWriter;
  clock: () => Date;
  /** `PMS_WEBHOOK_SECRET`: derives the Cloudbeds webhook URL token. */
  webhookSecret?: string | undefined;
  /** `API_BASE_URL`: the public root the webhook URL is built on. */
  apiBaseUrl?: string | undefined;
}

export interface SaveListingOptions {
  /** Days of inventory from today (hotel time) to store: 30 for the admin route (seed 000), 365 for the local demo. */
  horizonDays?: number;
  /** Room types whose nights are written at once (each in batches). */
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

/**
 * `POST /api/admin/pms/listings` (seed 000's `saveProductToDB`): stores the (possibly edited)
 * import form as a listing with its PMS config, room types, media, rate plans and the next
 * `horizonDays` nights of inventory, and returns our hotel id.
 *
 * The PMS is asked again first: the credentials are checked (`getHotel`), the form's room types
 * must exist there, and the nights come from the PMS, never from the form.
 *
 * The work is split in three: this file orchestrates; `listing-mapping.ts` turns the form and the
 * PMS's answer into the records we store; `imported-nights-writer.ts` writes the nights in bulk.
 *
 * What "all or nothing" means here, in write order:
 * 1. Inventory nights (`imported-nights-writer.ts`). Nights of a room type this import creates
 *    are unreachable until step 2 commits, as every read, every hold, every webhook and every poll
 *    goes through the stored room type: they are written in plain batches. For a room type we
 *    already have, missing nights are created with conditional writes and existing ones updated
 *    through `applyPmsNights` (`applyTotal`/`applyRate`). All of it is idempotent and ordered by
 *    `sourceAt`, and no reachable night ever has `reserved` touched, so writing twice is harmless
 *    and an existing night keeps its holds.
 * 2. Hotel, room types (media inside), rate plans and config in one DynamoDB transaction (more
 *    than one only past 49 room types, with the hotel and config in the last). This is the commit
 *    point: before it nothing of a first import is visible, after it everything is.
 * 3. The hotel's facts stamped on its availability summary (`refreshHotel`), which is what makes
 *    it appear in search; a failure here leaves a bookable hotel that search does not show yet,
 *    and the retried save (or any later catalog write) stamps it.
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
  const { client, baseUrl } = await connectPms(deps.pms, {
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
  const { roomTypes: existingRoomTypes, ratePlans: existingRatePlans } = existingHotel
    ? await deps.catalog.getHotelWithRoomTypes(hotelId)
    : { roomTypes: [], ratePlans: [] };

  const hotel = buildHotel({ input, snapshot, hotelId, existing: existingHotel, now });
  const planned = planRoomTypes(input, snapshot, hotel, existingRoomTypes, now, existingRatePlans);

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

  const nights = await writeImportedNights(
    { inventory: deps.inventory, events: deps.events, clock: deps.clock },
    {
      hotelId: hotel.hotelId,
      from: snapshot.from,
      to: snapshot.to,
      fetchedAt: snapshot.fetchedAt,
      limits: sellLimitsOf(hotel, config),
      configId,
      roomTypes: planned.planned.map((p) => ({
        roomTypeId: p.roomType.roomTypeId,
        createdByImport: !existingRoomTypes.some((rt) => rt.roomTypeId === p.roomType.roomTypeId),
        nights: p.nights,
        currency: p.currency,
        fallbackPriceMinor: p.fallbackPriceMinor,
      })),
    },
    options.concurrency,
  );

  const outcome = await deps.listings.commit(
    { hotel, roomTypes: planned.roomTypes, ratePlans: planned.ratePlans, config },
    existingConfig ? { kind: 'existing', hotelId: existingConfig.hotelId } : { kind: 'new' },
  );
  if (outcome === 'conflict') {
    throw new ImportConflictError('Another import of this PMS hotel finished meanwhile: send the form again to update it.');
  }
  // The commit made the listing real: now its summary nights may carry its facts and enter the
  // search indexes (a re-import that changed nothing the search shows costs one read).
  await deps.search.refreshHotel(hotelId, deps.clock());

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
