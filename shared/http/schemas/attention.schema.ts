import * as z from 'zod';
import { AdminBookingDto } from './booking.schema.ts';
import { dataEnvelope, safeText } from './common.schema.ts';

/** `POST /api/admin/bookings/{bookingId}/resolve`: what the admin did by hand, required. */
export const ResolveBookingBody = z.object({ note: safeText({ max: 1000, multiline: true }) }).strict();

const Compensation = z.enum(['cancelPms', 'voidPayment', 'releaseHold']);

const HeldPayment = z.object({
  paymentId: z.string(),
  status: z.string().meta({ description: 'AUTHORIZED or PENDING: an open authorization; CAPTURED: money kept (less what was refunded).' }),
  amount: z.number(),
  captured: z.number(),
  refunded: z.number(),
  currency: z.string(),
});

const HeldReservation = z.object({ reservationId: z.string(), confirmationNumber: z.string(), status: z.string() });

/** One source of truth's answer, or why it could not be asked now (the rest of the page still shows). */
function reading<T extends z.ZodType>(item: T) {
  return z.union([
    z.object({ reachable: z.literal(true), items: z.array(item) }),
    z.object({ reachable: z.literal(false), error: z.string() }),
  ]);
}

export const AttentionDto = z
  .object({
    booking: AdminBookingDto,
    unsettled: z.array(Compensation).meta({ description: 'Compensations whose latest attempt failed or that never ran: what retry-compensation re-runs.' }),
    failures: z.array(z.object({ name: z.string(), at: z.string(), error: z.string().optional() })),
    held: z.object({
      payments: reading(HeldPayment),
      pmsReservations: reading(HeldReservation),
      rooms: z
        .object({ status: z.enum(['HELD', 'CONVERTED']), nights: z.array(z.string()), rooms: z.number() })
        .optional()
        .meta({ description: 'Present while the booking keeps rooms out of sale.' }),
    }),
  })
  .meta({ id: 'BookingAttention' });

export const RetryCompensationDto = z
  .object({
    outcome: z.enum(['RESOLVED', 'STILL_FAILING', 'ALREADY_RESOLVED']),
    ran: z.array(z.object({ name: Compensation, status: z.enum(['SUCCEEDED', 'FAILED']), error: z.string().optional() })),
    booking: AdminBookingDto,
  })
  .meta({ id: 'RetryCompensationResult' });

export const ResolveBookingDto = z
  .object({ outcome: z.enum(['RESOLVED', 'ALREADY_RESOLVED']), booking: AdminBookingDto })
  .meta({ id: 'ResolveBookingResult' });

export const AttentionResponse = dataEnvelope(AttentionDto);
export const RetryCompensationResponse = dataEnvelope(RetryCompensationDto);
export const ResolveBookingResponse = dataEnvelope(ResolveBookingDto);
