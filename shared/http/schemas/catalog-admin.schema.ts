import * as z from 'zod';
import { WEEKDAYS } from '#domain/calendar.ts';
import { isTimeZone } from '#domain/dates.ts';
import { MAX_BOOKING_HORIZON_DAYS } from '#domain/hotel.ts';
import { dataEnvelope, Id, IsoDateString, queryInt, safeText } from './common.schema.ts';
import { HotelDto, RatePlanDto, RoomTypeDto } from './hotel.schema.ts';

/**
 * The catalog admin API (issue 9). Bodies use the read side's names; money is in major units.
 * Every body is strict: an unknown field is a 422, never ignored. In a `PATCH`, an absent field is
 * left as it is and `null` removes an optional one.
 */
export const AdminHotelParams = z.object({ hotelId: Id });
export const AdminRoomTypeParams = z.object({ hotelId: Id, roomTypeId: Id });
export const AdminRatePlanParams = z.object({ hotelId: Id, roomTypeId: Id, ratePlanId: Id });

/**
 * `If-Match`: the `ETag` of a read (`"3"`, or weakly `W/"3"`), the record's `updatedAt`, or `*`.
 * A stale one answers 412 `PRECONDITION_FAILED` and writes nothing.
 */
export const IfMatch = z
  .string()
  .max(100)
  .transform((raw, ctx) => {
    const value = raw.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
    if (value === '*') return { any: true as const };
    if (/^\d{1,10}$/.test(value)) return { version: Number(value) };
    if (!Number.isNaN(Date.parse(value)) && /^\d{4}-\d{2}-\d{2}T/.test(value)) return { updatedAt: value };
    ctx.addIssue({ code: 'custom', message: 'must be an ETag of this API ("3"), an updatedAt time, or *' });
    return z.NEVER;
  })
  .meta({ description: 'The `ETag` (version) or `updatedAt` the change is based on; 412 when it is no longer current.' });

export const WriteHeaders = z.object({ 'if-match': IfMatch.optional() });

const Text = (max: number) => safeText({ max });
const LongText = safeText({ max: 5000, multiline: true });
const HttpsUrl = z.url({ protocol: /^https$/, error: 'must be an https URL' }).max(2048);
const Country = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as KR');
/** ISO 4217 codes, from the runtime's own data (the same that gives each currency its digits). */
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
const Currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as KRW')
  .refine((code) => CURRENCIES.has(code), 'is not an ISO 4217 currency');
const TimeZone = z.string().max(64).refine(isTimeZone, 'must be an IANA time zone such as Asia/Seoul');
const Location = z.strictObject({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) });
const Amenities = z.array(Text(60)).max(50);
const Images = z.array(HttpsUrl).max(50);
const Money = z.number().positive().max(100_000_000);
const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time such as 15:00');

const hotelFields = {
  name: Text(200),
  description: LongText,
  address: Text(300),
  city: Text(100),
  country: Country,
  location: Location,
  starRating: z.number().min(0).max(5).multipleOf(0.5),
  amenities: Amenities,
  images: Images,
  timeZone: TimeZone,
  currency: Currency,
  bookingHorizonDays: z.number().int().min(1).max(MAX_BOOKING_HORIZON_DAYS),
};

export const CreateHotelBody = z.strictObject({
  hotelId: Id.optional().meta({ description: 'Generated (htl_...) when absent.' }),
  name: hotelFields.name,
  description: hotelFields.description.optional(),
  address: hotelFields.address.optional(),
  city: hotelFields.city,
  country: hotelFields.country,
  location: hotelFields.location.optional(),
  starRating: hotelFields.starRating.optional(),
  amenities: hotelFields.amenities.optional(),
  images: hotelFields.images.optional(),
  timeZone: hotelFields.timeZone,
  currency: hotelFields.currency,
  bookingHorizonDays: hotelFields.bookingHorizonDays.optional(),
});

const notEmpty = (body: object) => Object.values(body).some((v) => v !== undefined);
const NOTHING = { message: 'changes nothing: give at least one field' };

export const PatchHotelBody = z
  .strictObject({
    name: hotelFields.name.optional(),
    description: hotelFields.description.nullable().optional(),
    address: hotelFields.address.nullable().optional(),
    city: hotelFields.city.optional(),
    country: hotelFields.country.optional(),
    location: hotelFields.location.nullable().optional(),
    starRating: hotelFields.starRating.nullable().optional(),
    amenities: hotelFields.amenities.optional(),
    images: hotelFields.images.optional(),
    timeZone: hotelFields.timeZone.optional(),
    currency: hotelFields.currency.optional(),
    bookingHorizonDays: hotelFields.bookingHorizonDays.nullable().optional(),
    isActive: z.boolean().optional().meta({ description: 'false deactivates (as DELETE does); true reactivates.' }),
  })
  .refine(notEmpty, NOTHING);

const Media = z.strictObject({
  mediaType: z.enum(['image', 'video', '360_view']).optional(),
  url: HttpsUrl,
  thumbnailUrl: HttpsUrl.optional(),
  altText: Text(300).optional(),
  isPrimary: z.boolean().optional(),
});

const roomTypeFields = {
  name: Text(200),
  description: LongText,
  maxOccupancy: z.number().int().min(1).max(20),
  bedType: Text(60),
  bedCount: z.number().int().min(0).max(20),
  sizeSqm: z.number().positive().max(10_000),
  viewType: Text(60),
  bathroomType: Text(60),
  amenities: Amenities,
  media: z.array(Media).max(50).meta({ description: 'In display order; the first is primary unless one says isPrimary.' }),
  checkInTime: Time,
  checkOutTime: Time,
  houseRules: LongText,
  cancellationPolicy: LongText,
};

export const CreateRoomTypeBody = z.strictObject({
  roomTypeId: Id.optional().meta({ description: 'Generated (rt_...) when absent.' }),
  name: roomTypeFields.name,
  description: roomTypeFields.description.optional(),
  maxOccupancy: roomTypeFields.maxOccupancy,
  bedType: roomTypeFields.bedType.optional(),
  bedCount: roomTypeFields.bedCount.optional(),
  sizeSqm: roomTypeFields.sizeSqm.optional(),
  viewType: roomTypeFields.viewType.optional(),
  bathroomType: roomTypeFields.bathroomType.optional(),
  amenities: roomTypeFields.amenities.optional(),
  media: roomTypeFields.media.optional(),
  checkInTime: roomTypeFields.checkInTime.optional(),
  checkOutTime: roomTypeFields.checkOutTime.optional(),
  houseRules: roomTypeFields.houseRules.optional(),
  cancellationPolicy: roomTypeFields.cancellationPolicy.optional(),
});

export const PatchRoomTypeBody = z
  .strictObject({
    name: roomTypeFields.name.optional(),
    description: roomTypeFields.description.nullable().optional(),
    maxOccupancy: roomTypeFields.maxOccupancy.optional(),
    bedType: roomTypeFields.bedType.nullable().optional(),
    bedCount: roomTypeFields.bedCount.nullable().optional(),
    sizeSqm: roomTypeFields.sizeSqm.nullable().optional(),
    viewType: roomTypeFields.viewType.nullable().optional(),
    bathroomType: roomTypeFields.bathroomType.nullable().optional(),
    amenities: roomTypeFields.amenities.optional(),
    media: roomTypeFields.media.nullable().optional(),
    checkInTime: roomTypeFields.checkInTime.nullable().optional(),
    checkOutTime: roomTypeFields.checkOutTime.nullable().optional(),
    houseRules: roomTypeFields.houseRules.nullable().optional(),
    cancellationPolicy: roomTypeFields.cancellationPolicy.nullable().optional(),
    isActive: z.boolean().optional(),
  })
  .refine(notEmpty, NOTHING);

export const DeleteRoomTypeQuery = z.strictObject({
  hard: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .meta({ description: 'true removes it for good (409 HAS_FUTURE_BOOKINGS while rooms are booked or held); otherwise it is deactivated.' }),
});

const Stay = z.number().int().min(1).max(365);
const ratePlanFields = {
  name: Text(200),
  basePrice: Money,
  currency: Currency,
  isRefundable: z.boolean(),
  cancellationHours: z.number().int().min(0).max(8760),
  cancellationFeePercent: z.number().min(0).max(100),
  breakfastIncluded: z.boolean(),
  minStay: Stay,
  maxStay: Stay,
};

export const CreateRatePlanBody = z.strictObject({
  ratePlanId: Id.optional().meta({ description: 'Generated (rp_...) when absent.' }),
  name: ratePlanFields.name,
  basePrice: ratePlanFields.basePrice,
  currency: ratePlanFields.currency.optional().meta({ description: "The hotel's currency; no other is accepted." }),
  isRefundable: ratePlanFields.isRefundable,
  cancellationHours: ratePlanFields.cancellationHours.optional(),
  cancellationFeePercent: ratePlanFields.cancellationFeePercent.optional(),
  breakfastIncluded: ratePlanFields.breakfastIncluded,
  minStay: ratePlanFields.minStay.optional(),
  maxStay: ratePlanFields.maxStay.optional(),
});

export const PatchRatePlanBody = z
  .strictObject({
    name: ratePlanFields.name.optional(),
    basePrice: ratePlanFields.basePrice.optional(),
    currency: ratePlanFields.currency.optional(),
    isRefundable: ratePlanFields.isRefundable.optional(),
    cancellationHours: ratePlanFields.cancellationHours.nullable().optional(),
    cancellationFeePercent: ratePlanFields.cancellationFeePercent.nullable().optional(),
    breakfastIncluded: ratePlanFields.breakfastIncluded.optional(),
    minStay: ratePlanFields.minStay.nullable().optional(),
    maxStay: ratePlanFields.maxStay.nullable().optional(),
    isActive: z.boolean().optional(),
  })
  .refine(notEmpty, NOTHING);

export const CalendarRange = z.strictObject({
  from: IsoDateString,
  to: IsoDateString.meta({ description: 'Included.' }),
  weekdays: z
    .array(z.enum(WEEKDAYS))
    .min(1)
    .max(7)
    .optional()
    .meta({ description: 'Only these days of the week within from..to; every day when absent.' }),
  price: Money.optional().meta({ description: "One room's price for the night, major units of the hotel's currency." }),
  total: z.number().int().min(0).max(10_000).optional().meta({ description: 'Rooms for sale; creates the night when none is stored.' }),
  minStay: Stay.nullable().optional(),
  maxStay: Stay.nullable().optional(),
  closedToArrival: z.boolean().nullable().optional(),
  closedToDeparture: z.boolean().nullable().optional(),
  stopSell: z.boolean().nullable().optional(),
});

export const CalendarBody = z.strictObject({
  ranges: z
    .array(CalendarRange)
    .min(1)
    .max(200)
    .meta({ description: 'Applied in order: a later range overrides an earlier one field by field. A restriction set to null removes our override.' }),
});

export const AdminHotelListQuery = z.strictObject({
  status: z
    .enum(['active', 'inactive', 'all'])
    .default('all')
    .meta({ description: 'Active hotels, deactivated ones, or both (the default).' }),
  q: safeText({ max: 100 })
    .optional()
    .meta({ description: 'Hotels whose name starts with this (case-insensitive), or whose city is this (case- and accent-insensitive).' }),
  limit: queryInt({ min: 1, max: 100, default: 25 }),
  cursor: z
    .string()
    .max(2048)
    .optional()
    .meta({ description: 'The `nextCursor` of the previous page, with the same status and q; opaque and sealed (400 BAD_CURSOR otherwise).' }),
});

export const AuditQuery = z.strictObject({
  entity: z
    .string()
    .min(8)
    .max(400)
    .regex(/^hotels\/[A-Za-z0-9_.:/-]+$/, 'must be a resource path such as hotels/<hotelId> or hotels/<hotelId>/room-types/<roomTypeId>')
    .meta({ description: 'The resource path (without /api/admin/): its entries and those of everything under it.' }),
  limit: queryInt({ min: 1, max: 100, default: 50 }),
  cursor: z.string().max(2048).optional().meta({ description: 'The `nextCursor` of the previous page, with the same entity.' }),
});

/** What every admin catalog answer adds to the read side's shape. */
const adminFields = {
  version: z.number().int().meta({ description: 'Also the ETag; send it back in If-Match.' }),
  isActive: z.boolean(),
  adminEdited: z.array(z.string()).optional().meta({ description: 'Fields an admin changed that a re-import keeps.' }),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
};

export const AdminRatePlanDto = RatePlanDto.extend({ roomTypeId: z.string(), pmsRatePlanId: z.string().optional(), ...adminFields }).meta({
  id: 'AdminRatePlan',
});
export const AdminRoomTypeDto = RoomTypeDto.omit({ ratePlans: true })
  .extend({ pmsRoomTypeId: z.string().optional(), ...adminFields, ratePlans: z.array(AdminRatePlanDto) })
  .meta({ id: 'AdminRoomType' });

const PmsOwned = z
  .object({ hotel: z.array(z.string()), roomType: z.array(z.string()), ratePlan: z.array(z.string()), calendar: z.array(z.string()) })
  .meta({ description: "The fields the hotel's PMS owns (409 PMS_MANAGED on a change); empty without a PMS." });

export const AdminHotelDto = HotelDto.extend({
  ...adminFields,
  pmsHotelId: z.string().optional(),
  pmsOwned: PmsOwned,
  roomTypes: z.array(AdminRoomTypeDto),
}).meta({ id: 'AdminHotel' });

export const AdminHotelResponse = dataEnvelope(AdminHotelDto);
export const AdminHotelListResponse = z.object({
  success: z.literal(true),
  data: z.array(HotelDto),
  nextCursor: z.string().optional().meta({ description: 'Absent on the last page.' }),
});
export const AdminRoomTypeResponse = dataEnvelope(AdminRoomTypeDto);
export const AdminRatePlanResponse = dataEnvelope(AdminRatePlanDto);

export const CalendarResponse = dataEnvelope(
  z.object({
    from: z.string(),
    to: z.string(),
    nights: z.number().int().meta({ description: 'Nights the ranges cover.' }),
    created: z.number().int(),
    changed: z.number().int(),
    unchanged: z.number().int(),
  }),
);

export const AuditEntryDto = z
  .object({
    auditId: z.string(),
    entity: z.string(),
    action: z.enum(['create', 'update', 'deactivate', 'delete', 'calendar']),
    actor: z.object({ subject: z.string(), email: z.string().optional() }),
    at: z.string(),
    changes: z.array(z.object({ field: z.string(), before: z.unknown().optional(), after: z.unknown().optional() })),
    note: z.string().optional(),
  })
  .meta({ id: 'AuditEntry' });

export const AuditResponse = z.object({ success: z.literal(true), data: z.array(AuditEntryDto), nextCursor: z.string().optional() });
