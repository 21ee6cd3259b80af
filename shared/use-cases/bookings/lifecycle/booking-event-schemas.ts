import * as z from 'zod';

/**
 * The booking events other hotel systems consume (issue 8, seed 002's names in our namespace),
 * one schema each: `docs/events.md` shows each as JSON Schema generated from these (a test keeps
 * the two equal), and `booking-events.ts` builds the details with these types. Every detail has
 * `version` (a consumer switches on it; a breaking change is a new version, published next to the
 * old until consumers moved) and no personal data: ids, the stay and amounts only. A consumer that
 * needs the guest reads the booking through the API with its own credentials.
 *
 * Money is in integer minor units of `currency` (KRW won, USD cents), as everywhere inside the
 * product; the HTTP API alone shows major units.
 */
export const BOOKING_EVENT_VERSION = 1;

const Iso = z.string().meta({ description: 'ISO 8601 instant' });
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).meta({ description: 'Hotel-local date, YYYY-MM-DD' });
const Minor = z.number().int().nonnegative();

const Base = z.object({
  version: z.literal(BOOKING_EVENT_VERSION),
  bookingId: z.string(),
  hotelId: z.string(),
  occurredAt: Iso,
});

const Stay = z.object({
  roomTypeId: z.string(),
  checkIn: Day,
  checkOut: Day.meta({ description: 'Departure day (exclusive)' }),
  rooms: z.number().int().positive(),
});

/** Who or what moved the stay along. */
const Source = z.enum(['admin', 'pms', 'job']).meta({ description: 'An admin, the hotel in its PMS, or the no-show job' });

export const BookingEventSchemas = {
  'booking.confirmed': Base.extend(Stay.shape).extend({
    totalMinor: Minor,
    currency: z.string(),
    confirmationNumber: z.string().optional(),
  }),
  'booking.modified': Base.extend(Stay.shape).extend({
    changeId: z.string(),
    previous: Stay,
    totalMinor: Minor,
    currency: z.string(),
    chargedMinor: Minor.meta({ description: 'The price difference charged for this change (0 when none)' }),
    refundedMinor: Minor.meta({ description: 'What this change gave back (0 when none)' }),
  }),
  'booking.cancelled': Base.extend(Stay.shape).extend({
    changeId: z.string(),
    by: z.enum(['guest', 'hotel', 'system']),
    refundMinor: Minor,
    feeMinor: Minor,
    currency: z.string(),
  }),
  'booking.refunded': Base.extend({
    changeId: z.string(),
    reason: z.enum(['cancel', 'no-show', 'hotel-pms']),
    refundedMinor: Minor.meta({ description: 'What this refund gave back' }),
    totalRefundedMinor: Minor.meta({ description: 'Everything refunded for the booking so far' }),
    currency: z.string(),
  }),
  'booking.checked_in': Base.extend(Stay.shape).extend({ source: Source }),
  'booking.checked_out': Base.extend(Stay.shape).extend({ source: Source }),
  'booking.no_show': Base.extend(Stay.shape).extend({
    source: Source,
    refundMinor: Minor.meta({ description: 'What the terms give back (refunded by the cancellation saga)' }),
    feeMinor: Minor,
    currency: z.string(),
  }),
} as const;

export type BookingEventType = keyof typeof BookingEventSchemas;
export type BookingEventDetail<T extends BookingEventType> = z.input<(typeof BookingEventSchemas)[T]>;
