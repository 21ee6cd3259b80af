import * as z from 'zod';
import { BOOKING_STATUSES } from '#domain/booking.ts';
import { MAX_NIGHTS, MAX_ROOMS } from '#domain/booking.ts';
import { LOCALES } from '#domain/locale.ts';
import { PMS_VENDORS } from '#domain/pms.ts';
import { dataEnvelope, Id, IsoDateString, queryInt, safeText } from './common.schema.ts';

/**
 * Checkout request (seed 000 plus seed 001's fields). Strict: an unknown field such as `amount`
 * is refused rather than ignored, because the price is always computed on the server.
 */
export const CheckoutBody = z.strictObject({
  hotelId: Id,
  roomTypeId: Id,
  checkIn: IsoDateString,
  checkOut: IsoDateString.meta({ description: `Departure day (exclusive); 1 to ${MAX_NIGHTS} nights.` }),
  rooms: z.number().int().min(1).max(MAX_ROOMS),
  guests: z.number().int().min(1).max(MAX_ROOMS * 10),
  guestInfo: z.strictObject({
    firstName: safeText({ max: 100 }),
    lastName: safeText({ max: 100 }),
    email: z.email().max(254),
    phone: z.string().regex(/^\+?[0-9][0-9 ().-]{5,24}$/, 'must be a phone number, e.g. +82 10 1234 5678'),
  }),
  specialRequests: safeText({ max: 1000, min: 0, multiline: true }).optional(),
  payment: z.strictObject({
    paymentMethodId: z
      .string()
      .regex(/^pm_[A-Za-z0-9_]{1,252}$/, 'must be a payment method id such as pm_card_visa; card numbers are never accepted'),
  }),
  vendor: z.enum(PMS_VENDORS).optional(),
  ratePlanId: Id.optional().meta({
    description: "The rate plan whose terms (refundability, free cancellation, breakfast) the booking keeps; default: the room type's first active plan.",
  }),
  locale: z
    .enum(LOCALES)
    .optional()
    .meta({ description: "The language of the guest's mail (ko, en, ja); by default the hotel country's (Korea ko, Japan ja, elsewhere en)." }),
});

/** The longest Idempotency-Key accepted (Stripe's own limit). */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

export const CheckoutHeaders = z.object({
  // The "is required" text is for a missing header only: the checks below say what else is wrong.
  'idempotency-key': z
    .string({ error: (issue) => (issue.input === undefined ? 'is required: send a unique key per booking attempt' : 'must be a string') })
    .min(1, 'is required: send a unique key per booking attempt')
    .max(MAX_IDEMPOTENCY_KEY_LENGTH, `must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`)
    .regex(/^[\x21-\x7E]+$/, 'must be printable ASCII without spaces')
    .meta({ description: `A unique key per booking attempt, 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} printable ASCII characters; a retry with the same key and body joins the first attempt.` }),
});

export const CheckoutConfirmation = z
  .object({
    bookingId: z.string(),
    confirmationNumber: z.string().meta({ description: "The hotel's confirmation number (its PMS's, or ours for a hotel without one)." }),
    status: z.literal('CONFIRMED'),
    totalPrice: z.number().meta({ description: 'What was charged, in major units of `currency`.' }),
    currency: z.string(),
  })
  .meta({ id: 'CheckoutConfirmation' });

export const CheckoutPending = z
  .object({
    bookingId: z.string(),
    status: z.literal('PENDING'),
  })
  .meta({ id: 'CheckoutPending' });

/** 201: seed 000's fields (`bookingId`, `confirmationNumber`) inside the one envelope, see docs/api.md. */
export const CheckoutConfirmedResponse = dataEnvelope(CheckoutConfirmation);
/** 202: the saga still runs; `Location` names the booking to poll. */
export const CheckoutPendingResponse = dataEnvelope(CheckoutPending);

export const BookingParams = z.object({ bookingId: Id });

/** The rate plan's terms as booked (major units); later plan edits never change them. */
export const BookingPolicyDto = z
  .object({
    ratePlanId: z.string().optional(),
    ratePlanName: z.string().optional(),
    refundable: z.boolean(),
    cancellationHours: z.number(),
    cancellationFeePercent: z.number(),
    breakfastIncluded: z.boolean(),
    checkInTime: z.string(),
    timeZone: z.string(),
    freeCancellationUntil: z.string().optional(),
    nightlyPrices: z.array(z.object({ date: z.string(), price: z.number() })),
  })
  .meta({ id: 'BookingPolicy' });

/** One cancellation or modification and how it ended; amounts in major units. */
export const BookingChangeDto = z
  .object({
    changeId: z.string(),
    kind: z.enum(['cancel', 'modify', 'no-show', 'refund']),
    by: z.enum(['guest', 'hotel', 'system']),
    outcome: z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'NEEDS_ATTENTION']),
    startedAt: z.string(),
    finishedAt: z.string().optional(),
    failureCode: z.string().optional(),
    stay: z.object({ roomTypeId: z.string(), checkIn: z.string(), checkOut: z.string(), rooms: z.number() }).optional(),
    chargedAmount: z.number().optional(),
    refundedAmount: z.number().optional(),
    feeAmount: z.number().optional(),
  })
  .meta({ id: 'BookingChange' });

const Step = z.object({
  name: z.string(),
  status: z.enum(['SUCCEEDED', 'FAILED', 'SKIPPED']),
  at: z.string(),
  error: z.string().optional(),
});

const GuestContact = z
  .object({
    firstName: z.string(),
    lastName: z.string(),
    email: z.string().meta({ description: 'As booked for the guest and admins; masked (`j***e@example.com`) for every other reader.' }),
    phone: z.string().meta({ description: 'As booked for the guest and admins; masked (`***5678`) for every other reader.' }),
  })
  .meta({ id: 'GuestContact' });

const AssignedRoomsDto = z
  .object({
    numbers: z.array(z.string()).meta({ description: "The rooms' numbers: the hotel PMS's where it assigns rooms, else ours." }),
    source: z.enum(['pms', 'auto', 'admin']).meta({ description: 'Who chose them: the PMS, our assignment job, or staff.' }),
  })
  .meta({ id: 'AssignedRooms' });

export const BookingDto = z
  .object({
    bookingId: z.string(),
    status: z.enum(BOOKING_STATUSES),
    failureCode: z.string().optional(),
    confirmationNumber: z.string().optional(),
    hotelId: z.string(),
    roomTypeId: z.string(),
    checkIn: z.string(),
    checkOut: z.string(),
    rooms: z.number(),
    guests: z.number(),
    totalPrice: z.number(),
    currency: z.string(),
    refundDue: z
      .number()
      .optional()
      .meta({ description: 'What the guest is owed after the hotel cancelled the booking in its PMS (CANCELLED_BY_HOTEL), in major units of `currency`; refunding it belongs to the booking lifecycle.' }),
    steps: z.array(Step),
    payment: z.object({
      status: z.enum(['NONE', 'AUTHORIZED', 'CAPTURED', 'VOIDED', 'REFUNDED', 'FAILED']),
      amount: z.number(),
      currency: z.string(),
      refundedAmount: z.number().optional().meta({ description: 'What was refunded so far (cancellation, modification, no-show), major units.' }),
    }),
    policy: BookingPolicyDto.optional(),
    cancellation: z
      .object({
        by: z.enum(['guest', 'hotel', 'system']),
        reason: z.enum(['cancel', 'no-show', 'hotel-pms']),
        at: z.string(),
        refundAmount: z.number(),
        feeAmount: z.number(),
      })
      .optional(),
    changes: z.array(BookingChangeDto).optional(),
    pms: z.object({
      status: z.enum(['NONE', 'HELD', 'CONFIRMED', 'CANCELLED']),
      vendor: z.string().optional(),
      reservationId: z.string().optional(),
      confirmationNumber: z.string().optional(),
    }),
    guestInfo: GuestContact,
    specialRequests: z.string().optional(),
    locale: z.enum(LOCALES).meta({ description: "The language of the guest's mail." }),
    room: AssignedRoomsDto.optional().meta({ description: 'The rooms assigned to the stay, once they are (close to arrival).' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Booking' });

/** Admins also see who took an admin action on the timeline (`retryCompensation`, `resolve`) and its note. */
const AdminStep = Step.extend({ by: z.string().optional(), note: z.string().optional() });

export const BookingResolutionDto = z
  .object({
    via: z.enum(['retry-compensation', 'resolve']),
    by: z.string().meta({ description: "The admin's token subject." }),
    at: z.string(),
    note: z.string(),
  })
  .meta({ id: 'BookingResolution', description: 'How an admin closed a NEEDS_ATTENTION booking (it is then FAILED).' });

export const AdminBookingDto = BookingDto.extend({
  steps: z.array(AdminStep),
  resolution: BookingResolutionDto.optional(),
  holdExpiresAt: z.string().optional(),
  signedIn: z.boolean().meta({ description: 'Booked by a signed-in guest (the booking belongs to their account) rather than anonymously.' }),
  vipLevel: z.number().int().optional().meta({ description: 'Room-assignment priority: 1 (VIP) to 5 (regular).' }),
  assignedRooms: z
    .array(z.object({ roomId: z.string(), number: z.string(), floor: z.number() }))
    .optional()
    .meta({ description: 'Our physical rooms held for the stay (shown even where the PMS numbers win).' }),
}).meta({ id: 'AdminBooking' });

/** `GET /api/bookings`: the signed-in guest's own bookings. */
export const MyBookingsQuery = z.strictObject({
  status: z.enum(BOOKING_STATUSES).optional(),
  when: z.enum(['upcoming', 'past']).optional().meta({ description: 'upcoming: the stay has not ended (check-out after today, UTC); past: it has.' }),
  limit: queryInt({ min: 1, max: 50, default: 20 }),
  cursor: z
    .string()
    .max(2048)
    .optional()
    .meta({ description: 'The `nextCursor` of the previous page, with the same filters; opaque and sealed (400 BAD_CURSOR otherwise).' }),
});

export const MyBookingsResponse = z.object({
  success: z.literal(true),
  data: z.array(BookingDto),
  nextCursor: z.string().optional(),
});

export const ListBookingsQuery = z
  .object({
    status: z.enum(BOOKING_STATUSES).optional(),
    hotelId: Id.optional(),
    from: IsoDateString.optional().meta({ description: 'Check-in on or after this date.' }),
    to: IsoDateString.optional().meta({ description: 'Check-in on or before this date (not before `from`).' }),
    q: safeText({ max: 100 })
      .optional()
      .meta({
        description:
          'Search text: a booking id (exact), a guest e-mail (exact, any case) or the start of a guest name (given or family name first; case, accents, spaces and punctuation ignored). Combines with the other filters.',
      }),
    limit: queryInt({ min: 1, max: 100, default: 20 }),
    cursor: z
      .string()
      .max(2048)
      .optional()
      .meta({ description: 'The `nextCursor` of the previous page, with the same filters; opaque and sealed (400 BAD_CURSOR otherwise).' }),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    path: ['to'],
    message: 'must be on or after from: the date range is empty',
  });

export const GetBookingResponse = dataEnvelope(BookingDto);
export const GetAdminBookingResponse = dataEnvelope(AdminBookingDto);
export const ListBookingsResponse = z.object({
  success: z.literal(true),
  data: z.array(AdminBookingDto),
  nextCursor: z.string().optional(),
});
