import * as z from 'zod';
import { DEFAULT_BOOKING_HORIZON_DAYS, MAX_BOOKING_HORIZON_DAYS } from '#domain/hotel.ts';
import { PMS_VENDORS } from '#domain/pms.ts';
import { dataEnvelope, Id, safeText } from './common.schema.ts';

/**
 * Admin PMS routes: the hotel import of seed 000's flow 3 and PMS config administration. The
 * import form round-trips: what `fetch-hotel-data` returns can be edited and posted to `listings`
 * as it is (extra read-only fields such as `inventory` are ignored). No schema here has a field
 * that returns a credential.
 */

/** The PMS's own ids are not ours: any printable text, bounded. */
const PmsId = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[\x21-\x7E]+$/, 'must be printable ASCII without spaces');

/** Write-only: never part of a response. */
const ApiKey = z.string().trim().min(1, 'is required').max(4096).meta({
  description: 'The PMS credential: an API key (Cloudbeds, generic) or "clientId:clientSecret:appKey" (OPERA). Stored encrypted, never returned.',
  writeOnly: true,
});

const HttpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2048);

const HhMm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time such as 15:00');

const PollingIntervalSeconds = z.number().int().min(60).max(86_400);
const PollingHorizonDays = z.number().int().min(1).max(90);

/** Free text an admin may blank (the use case reads a blank as "not given"). */
const LongText = safeText({ max: 5000, min: 0, multiline: true });
const Name = safeText({ max: 200 });
const Label = safeText({ max: 50, min: 0 });
const Amenity = safeText({ max: 100 });

export const FetchHotelDataBody = z.strictObject({
  vendor: z.enum(PMS_VENDORS),
  hotelId: PmsId.meta({ description: "The PMS's hotel id (Cloudbeds propertyID, OPERA hotelId, ...)" }),
  apiKey: ApiKey,
  apiBaseUrl: HttpUrl.optional().meta({ description: "The PMS's API root; Cloudbeds defaults to its public API" }),
});

const ImportImageDto = z.object({ url: z.string(), caption: z.string().nullable() });

const ImportNightDto = z.object({
  date: z.string(),
  total: z.number().int(),
  available: z.number().int(),
  price: z.number(),
});

/** One room type in the form: seed 000's `room_types` columns in camelCase, `null` where the PMS has no value. */
export const ImportRoomTypeDto = z
  .object({
    pmsRoomTypeId: z.string(),
    roomTypeName: z.string(),
    description: z.string().nullable(),
    maxOccupancy: z.number().int(),
    bedType: z.string().nullable(),
    bedCount: z.number().nullable(),
    roomSize: z.number().nullable().meta({ description: 'Square metres' }),
    viewType: z.string().nullable(),
    bathroomType: z.string().nullable(),
    amenities: z.array(z.string()),
    checkInTime: z.string().nullable(),
    checkOutTime: z.string().nullable(),
    houseRules: z.string().nullable(),
    cancellationPolicy: z.string().nullable(),
    images: z.array(ImportImageDto),
    averagePrice: z.number().nullable().meta({ description: 'Mean nightly price over the fetched days, major units' }),
    currency: z.string(),
    inventory: z.array(ImportNightDto),
  })
  .meta({ id: 'ImportRoomType' });

export const HotelImportFormDto = z
  .object({
    vendor: z.enum(PMS_VENDORS),
    hotelId: z.string().meta({ description: "The PMS's hotel id" }),
    apiBaseUrl: z.string().nullable(),
    hotelName: z.string(),
    description: z.string().nullable(),
    location: z.object({
      address: z.string().nullable(),
      city: z.string(),
      country: z.string(),
      latitude: z.number().nullable(),
      longitude: z.number().nullable(),
    }),
    timeZone: z.string(),
    currency: z.string(),
    starRating: z.number().nullable(),
    amenities: z.array(z.string()),
    images: z.array(z.string()),
    checkInTime: z.string().nullable(),
    checkOutTime: z.string().nullable(),
    roomTypes: z.array(ImportRoomTypeDto),
  })
  .meta({ id: 'HotelImportForm' });

export const FetchHotelDataResponse = dataEnvelope(HotelImportFormDto);

const RatePlanInput = z.strictObject({
  ratePlanId: Id.nullish(),
  name: Name.nullish(),
  basePrice: z.number().min(0).max(1e9).nullish().meta({ description: "Major units; default: the room type's averagePrice" }),
  refundable: z.boolean().nullish(),
  cancellationHours: z.number().int().min(0).max(8760).nullish(),
  cancellationFeePercent: z.number().int().min(0).max(100).nullish(),
  breakfastIncluded: z.boolean().nullish(),
  minStay: z.number().int().min(1).max(365).nullish(),
  maxStay: z.number().int().min(1).max(365).nullish(),
});

const SaveRoomTypeInput = z.object({
  pmsRoomTypeId: PmsId,
  roomTypeId: Id.nullish().meta({ description: 'Our id on first import (default rt_<pmsRoomTypeId>); an earlier import keeps its own' }),
  roomTypeName: Name,
  description: LongText.nullish(),
  maxOccupancy: z.number().int().min(1).max(50),
  bedType: Label.nullish(),
  bedCount: z.number().int().min(0).max(50).nullish(),
  roomSize: z.number().positive().max(100_000).nullish(),
  viewType: Label.nullish(),
  bathroomType: Label.nullish(),
  amenities: z.array(Amenity).max(100).nullish(),
  checkInTime: HhMm.nullish(),
  checkOutTime: HhMm.nullish(),
  houseRules: LongText.nullish(),
  cancellationPolicy: LongText.nullish(),
  images: z
    .array(z.object({ url: HttpUrl, caption: safeText({ max: 255, min: 0 }).nullish() }))
    .max(50)
    .nullish(),
  averagePrice: z.number().min(0).max(1e9).nullish().meta({ description: 'Major units: the base price of the default rate plan' }),
  isActive: z.boolean().nullish(),
  ratePlan: RatePlanInput.nullish(),
});

export const SaveListingBody = z.object({
  vendor: z.enum(PMS_VENDORS),
  hotelId: PmsId.meta({ description: "The PMS's hotel id" }),
  apiKey: ApiKey,
  apiBaseUrl: HttpUrl.nullish(),
  listingId: Id.nullish().meta({ description: 'Our hotel id on first import (default htl_<vendor>_<pmsHotelId>); an earlier import keeps its own' }),
  hotelName: Name,
  description: LongText.nullish(),
  location: z.object({
    address: safeText({ max: 500, min: 0 }).nullish(),
    city: safeText({ max: 100 }),
    country: safeText({ max: 60, min: 2 }),
    latitude: z.number().min(-90).max(90).nullish(),
    longitude: z.number().min(-180).max(180).nullish(),
  }),
  timeZone: z.string().max(64).nullish().meta({ description: "Overrides the PMS's time zone" }),
  starRating: z.number().min(0).max(5).nullish(),
  amenities: z.array(Amenity).max(100).nullish(),
  images: z.array(HttpUrl).max(50).nullish(),
  checkInTime: HhMm.nullish(),
  checkOutTime: HhMm.nullish(),
  bookingHorizonDays: z
    .number()
    .int()
    .min(1)
    .max(MAX_BOOKING_HORIZON_DAYS)
    .nullish()
    .meta({ description: `How far ahead the hotel sells (days); default ${DEFAULT_BOOKING_HORIZON_DAYS}, or what an earlier import set` }),
  webhookEnabled: z.boolean().nullish(),
  pollingEnabled: z.boolean().nullish(),
  pollingIntervalSeconds: PollingIntervalSeconds.nullish(),
  pollingHorizonDays: PollingHorizonDays.nullish(),
  webhookSecret: z
    .string()
    .min(16, 'must be at least 16 characters')
    .max(256)
    .nullish()
    .meta({ description: 'Per-config webhook signing secret (generic protocol); PMS_WEBHOOK_SECRET otherwise. Stored encrypted.', writeOnly: true }),
  isActive: z.boolean().nullish(),
  roomTypes: z.array(SaveRoomTypeInput).min(1).max(200),
});

export const SaveListingResponse = dataEnvelope(
  z.object({
    listingId: z.string(),
    configId: z.string(),
    created: z.boolean(),
    roomTypes: z.array(z.object({ roomTypeId: z.string(), pmsRoomTypeId: z.string() })),
    nights: z.number().int(),
    webhookUrl: z.string().optional(),
  }),
);

export const PmsConfigParams = z.object({ id: Id });

/** A PMS config as admins see it: settings and sync health, never credentials or secrets. */
export const PmsConfigDto = z
  .object({
    configId: z.string(),
    vendor: z.enum(PMS_VENDORS),
    pmsHotelId: z.string(),
    hotelId: z.string(),
    hotelName: z.string().nullable(),
    apiBaseUrl: z.string(),
    webhookEnabled: z.boolean(),
    hasOwnWebhookSecret: z.boolean(),
    pollingEnabled: z.boolean(),
    pollingIntervalSeconds: z.number().int(),
    pollingHorizonDays: z.number().int(),
    isActive: z.boolean(),
    acceptsOverbooking: z.boolean().meta({ description: 'Whether the PMS takes reservations beyond its availability; unless it does, the sell limit never exceeds total' }),
    lastSyncAt: z.string().nullable(),
    lastPollAt: z.string().nullable(),
    lastReconciledAt: z.string().nullable().meta({ description: 'When reconciliation last finished a run for this config' }),
    lastError: z.string().nullable(),
    consecutiveFailures: z.number().int(),
    paused: z.boolean(),
    circuit: z.object({ state: z.enum(['CLOSED', 'OPEN', 'HALF_OPEN']), failures: z.number().int(), openedAt: z.string().nullable() }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'PmsConfig' });

export const ListPmsConfigsResponse = dataEnvelope(z.array(PmsConfigDto));

export const UpdatePmsConfigBody = z
  .strictObject({
    webhookEnabled: z.boolean().optional(),
    pollingEnabled: z.boolean().optional(),
    pollingIntervalSeconds: PollingIntervalSeconds.optional(),
    pollingHorizonDays: PollingHorizonDays.optional(),
    isActive: z.boolean().optional(),
    paused: z.boolean().optional().meta({ description: 'false resumes polling: the failure count restarts and the circuit closes' }),
    apiKey: ApiKey.optional(),
    apiBaseUrl: HttpUrl.optional(),
    acceptsOverbooking: z
      .boolean()
      .optional()
      .meta({ description: "Does the PMS take reservations beyond its availability (its own overbooking setting)? A change sets every stored night's limit again" }),
  })
  .refine((body) => Object.values(body).some((v) => v !== undefined), { message: 'give at least one field to change' });

export const UpdatePmsConfigResponse = dataEnvelope(
  PmsConfigDto.extend({
    nightsChanged: z
      .number()
      .int()
      .optional()
      .meta({ description: "When acceptsOverbooking changed: nights whose sell limit changed (each with a 'policy' movement)." }),
  }),
);
