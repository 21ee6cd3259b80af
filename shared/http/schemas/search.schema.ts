import * as z from 'zod';
import { MAX_ROOMS } from '#domain/booking.ts';
import { dataEnvelope, Id, IsoDateString, queryInt, safeText } from './common.schema.ts';

/**
 * The public search and stay availability (issue 9). Query strings are strict: an unknown
 * parameter is a 422, never ignored, so a misspelt filter cannot silently widen a search.
 */

/** A decimal number in a query string: digits, one optional fraction; no exponent, sign or spaces. */
function queryNumber(options: { min: number; max: number }) {
  return z
    .string()
    .regex(/^-?\d{1,12}(\.\d{1,8})?$/, `must be a number written in decimal digits, ${options.min} to ${options.max}`)
    .transform(Number)
    .pipe(z.number().min(options.min, `must be at least ${options.min}`).max(options.max, `must be at most ${options.max}`));
}

const unknownParameters = {
  error: (issue: { code?: string; keys?: string[] }) =>
    issue.code === 'unrecognized_keys' ? `unknown parameter${issue.keys!.length > 1 ? 's' : ''}: ${issue.keys!.join(', ')}` : undefined,
};

/** The most kilometres around a point: 4 geohash cells at most below 70 degrees of latitude (docs/search.md). */
export const MAX_RADIUS_KM = 25;

export const SearchQuery = z
  .strictObject(
    {
      city: safeText({ max: 100 }).optional().meta({ description: 'One city (case- and accent-insensitive); or lat, lng and radiusKm.' }),
      lat: queryNumber({ min: -90, max: 90 }).optional(),
      lng: queryNumber({ min: -180, max: 180 }).optional(),
      radiusKm: queryNumber({ min: 0.1, max: MAX_RADIUS_KM }).optional(),
      checkIn: IsoDateString,
      checkOut: IsoDateString,
      guests: queryInt({ min: 1, max: 40, default: 2 }),
      rooms: queryInt({ min: 1, max: MAX_ROOMS, default: 1 }),
      minPrice: queryNumber({ min: 0, max: 100_000_000 }).optional().meta({ description: "Per night and room, hotel's currency, major units." }),
      maxPrice: queryNumber({ min: 0, max: 100_000_000 }).optional().meta({ description: "Per night and room, hotel's currency, major units." }),
      amenities: z
        .string()
        .max(500)
        .optional()
        .transform((v) => (v === undefined ? undefined : v.split(',').map((a) => a.trim()).filter(Boolean)))
        .meta({ description: 'Comma-separated; every one must match (case-insensitive).' }),
      roomType: safeText({ max: 100 }).optional().meta({ description: "Part of a room type's name." }),
      starRating: queryNumber({ min: 0, max: 5 }).optional().meta({ description: 'Minimum star rating.' }),
      sortBy: z.enum(['price', 'rating', 'distance']).default('price'),
      limit: queryInt({ min: 1, max: 50, default: 20 }),
      cursor: z.string().max(2048).optional().meta({ description: 'The `nextCursor` of the previous page, with the same parameters.' }),
    },
    unknownParameters,
  )
  .superRefine((q, ctx) => {
    const point = [q.lat, q.lng, q.radiusKm].filter((v) => v !== undefined).length;
    if (q.city === undefined && point === 0) ctx.addIssue({ code: 'custom', path: ['city'], message: 'give a city, or lat, lng and radiusKm' });
    if (q.city !== undefined && point > 0) ctx.addIssue({ code: 'custom', path: ['city'], message: 'give a city or a point (lat, lng, radiusKm), not both' });
    if (point > 0 && point < 3) ctx.addIssue({ code: 'custom', path: ['radiusKm'], message: 'lat, lng and radiusKm go together' });
  });

export const AvailabilityParams = z.object({ hotelId: Id });
export const AvailabilityQuery = z.strictObject(
  {
    checkIn: IsoDateString,
    checkOut: IsoDateString,
    guests: queryInt({ min: 1, max: 40, default: 2 }),
    rooms: queryInt({ min: 1, max: MAX_ROOMS, default: 1 }),
  },
  unknownParameters,
);

const Restrictions = z.object({
  minStay: z.number().int().optional(),
  maxStay: z.number().int().optional(),
  closedToArrival: z.boolean().optional(),
  closedToDeparture: z.boolean().optional(),
  stopSell: z.boolean().optional(),
});

export const RoomOfferDto = z
  .object({
    roomTypeId: z.string(),
    name: z.string(),
    maxOccupancy: z.number().int(),
    totalPrice: z.number().meta({ description: 'For every room and night of the stay: what checkout charges.' }),
    averageNightlyPrice: z.number().meta({ description: 'Per room and night.' }),
    currency: z.string(),
    roomsLeft: z.number().int().meta({ description: 'The fewest rooms left on any night of the stay.' }),
    nights: z.array(z.object({ date: z.string(), price: z.number(), available: z.number().int(), restrictions: Restrictions })),
  })
  .meta({ id: 'RoomOffer' });

export const SearchHitDto = z
  .object({
    hotelId: z.string(),
    name: z.string(),
    city: z.string(),
    country: z.string(),
    starRating: z.number().optional(),
    amenities: z.array(z.string()),
    location: z.object({ latitude: z.number(), longitude: z.number() }).optional(),
    distanceKm: z.number().optional(),
    currency: z.string(),
    totalPrice: z.number().meta({ description: "The cheapest fitting room type's price for the whole stay." }),
    cheapestRoomType: RoomOfferDto.omit({ nights: true }),
    roomsLeft: z.number().int().optional().meta({ description: 'Present when few rooms of that type remain ("only n left").' }),
  })
  .meta({ id: 'SearchHit' });

export const SearchResponse = z.object({
  success: z.literal(true),
  data: z.array(SearchHitDto),
  nextCursor: z.string().optional(),
});

export const AvailabilityResponse = dataEnvelope(
  z.object({
    hotelId: z.string(),
    checkIn: z.string(),
    checkOut: z.string(),
    guests: z.number().int(),
    rooms: z.number().int(),
    currency: z.string(),
    roomTypes: z.array(RoomOfferDto).meta({ description: 'Every room type that can host the stay, cheapest first.' }),
  }),
);
