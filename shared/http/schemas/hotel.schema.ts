import * as z from 'zod';
import { dataEnvelope, Id, PageMeta, queryInt, safeText } from './common.schema.ts';

export const HotelParams = z.object({ hotelId: Id });

/**
 * Strict: an unknown parameter is a 422 (issue 9), never silently ignored; stay filters
 * (`checkIn`, `guests`, `minPrice`, ...) belong to `GET /api/hotels/search`, and the message says so.
 */
export const ListHotelsQuery = z.strictObject(
  {
    city: safeText({ max: 100 }).optional(),
    page: queryInt({ min: 1, max: 10_000, default: 1 }),
    pageSize: queryInt({ min: 1, max: 100, default: 20 }),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown parameter${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')} (this lists hotels by name; search stays with GET /api/hotels/search)`
        : undefined,
  },
);

export const HotelDto = z
  .object({
    hotelId: z.string(),
    name: z.string(),
    description: z.string().optional(),
    address: z.string().optional(),
    city: z.string(),
    country: z.string(),
    location: z.object({ latitude: z.number(), longitude: z.number() }).optional(),
    starRating: z.number().optional(),
    amenities: z.array(z.string()),
    images: z.array(z.string()),
    timeZone: z.string(),
    currency: z.string(),
    pmsVendor: z.string().optional(),
    bookingHorizonDays: z
      .number()
      .int()
      .meta({ description: 'How far ahead the hotel sells: the last night of a stay may be at most this many days after today, hotel time.' }),
    isActive: z.boolean().meta({ description: 'False once deactivated: no new bookings.' }),
    updatedAt: z.string(),
  })
  .meta({ id: 'Hotel' });

export const RatePlanDto = z
  .object({
    ratePlanId: z.string(),
    name: z.string(),
    basePrice: z.number(),
    currency: z.string(),
    minStay: z.number().optional(),
    maxStay: z.number().optional(),
    isRefundable: z.boolean(),
    cancellationHours: z.number().optional(),
    cancellationFeePercent: z.number().optional(),
    breakfastIncluded: z.boolean(),
  })
  .meta({ id: 'RatePlan' });

export const RoomTypeDto = z
  .object({
    hotelId: z.string(),
    roomTypeId: z.string(),
    name: z.string(),
    description: z.string().optional(),
    maxOccupancy: z.number(),
    bedType: z.string().optional(),
    bedCount: z.number().optional(),
    sizeSqm: z.number().optional(),
    viewType: z.string().optional(),
    bathroomType: z.string().optional(),
    amenities: z.array(z.string()),
    checkInTime: z.string().optional(),
    checkOutTime: z.string().optional(),
    houseRules: z.string().optional(),
    cancellationPolicy: z.string().optional(),
    media: z.array(
      z.object({
        mediaType: z.enum(['image', 'video', '360_view']),
        url: z.string(),
        thumbnailUrl: z.string().optional(),
        altText: z.string().optional(),
        displayOrder: z.number(),
        isPrimary: z.boolean(),
      }),
    ),
    ratePlans: z.array(RatePlanDto),
  })
  .meta({ id: 'RoomType' });

export const ListHotelsResponse = z.object({
  success: z.literal(true),
  data: z.array(HotelDto),
  pagination: PageMeta,
});
export const GetHotelResponse = dataEnvelope(HotelDto);
export const ListRoomTypesResponse = dataEnvelope(z.array(RoomTypeDto));
