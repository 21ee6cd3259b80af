import * as z from 'zod';
import { MAX_NIGHTS, MAX_ROOMS } from '#domain/booking.ts';
import { AdminBookingDto, BookingDto, CheckoutHeaders, MAX_IDEMPOTENCY_KEY_LENGTH } from './booking.schema.ts';
import { dataEnvelope, Id, IsoDateString } from './common.schema.ts';

/** Cancel and modify take the checkout's Idempotency-Key rules: one key per attempt, a retry joins. */
export const ChangeHeaders = CheckoutHeaders;

/** An admin's cancellation may name a key; without one there is one hotel cancellation per booking. */
export const AdminChangeHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(MAX_IDEMPOTENCY_KEY_LENGTH)
    .regex(/^[\x21-\x7E]+$/, 'must be printable ASCII without spaces')
    .optional(),
});

const Money = z.number().meta({ description: 'Major units of `currency`.' });

export const CancellationQuote = z
  .object({
    bookingId: z.string(),
    refundAmount: Money,
    feeAmount: Money,
    currency: z.string(),
    freeUntil: z.string().optional().meta({ description: 'The last instant a cancellation is free (absent when the rate is not refundable).' }),
  })
  .meta({ id: 'CancellationQuote' });

export const CancellationResult = z
  .object({
    bookingId: z.string(),
    changeId: z.string(),
    status: z.string().meta({ description: 'REFUNDED once the refund settled, CANCELLED while it is pending or when nothing is refunded.' }),
    refundAmount: Money,
    feeAmount: Money,
    currency: z.string(),
  })
  .meta({ id: 'CancellationResult' });

export const ModifyBody = z
  .strictObject({
    checkIn: IsoDateString.optional(),
    checkOut: IsoDateString.optional().meta({ description: `Departure day (exclusive); the stay is 1 to ${MAX_NIGHTS} nights.` }),
    rooms: z.number().int().min(1).max(MAX_ROOMS).optional(),
    roomTypeId: Id.optional(),
  })
  .refine((body) => Object.values(body).some((v) => v !== undefined), { message: 'send at least one of checkIn, checkOut, rooms, roomTypeId' });

export const ModificationResult = z
  .object({
    bookingId: z.string(),
    changeId: z.string(),
    outcome: z.enum(['SUCCEEDED', 'RUNNING']),
    chargedAmount: Money.meta({ description: 'The price difference charged (0 when the stay did not cost more).' }),
    refundedAmount: Money.meta({ description: 'What a cheaper stay gave back under the booking terms.' }),
    feeAmount: Money.meta({ description: 'What the terms kept of a price decrease.' }),
    currency: z.string(),
    booking: BookingDto,
  })
  .meta({ id: 'ModificationResult' });

export const CancellationQuoteResponse = dataEnvelope(CancellationQuote);
export const CancellationResponse = dataEnvelope(CancellationResult);
export const ModificationResponse = dataEnvelope(ModificationResult);
export const AdminBookingResponse = dataEnvelope(AdminBookingDto);
