import * as z from 'zod';

/**
 * The events this part of issue 8 publishes for other hotel systems (and for the guest-mail
 * consumer), one schema each: `docs/guests-rooms-mail.md` shows each as JSON Schema generated from
 * these (a test keeps the two equal), and the publishers build their details with these types.
 * Like the booking events: `version`, ids and the stay only (no personal data), and an `eventId`
 * naming the fact, which a consumer deduplicates on.
 */
export const GUEST_EVENT_VERSION = 1;

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).meta({ description: 'Hotel-local date, YYYY-MM-DD' });

const Base = z.object({
  version: z.literal(GUEST_EVENT_VERSION),
  eventId: z.string().meta({ description: 'Names the fact: the same fact published again has the same id' }),
  bookingId: z.string(),
  hotelId: z.string(),
});

export const GuestEventSchemas = {
  'room.assigned': Base.extend({
    roomTypeId: z.string(),
    checkIn: Day,
    checkOut: Day.meta({ description: 'Departure day (exclusive)' }),
    roomNumbers: z.array(z.string()).min(1).meta({ description: "The rooms' numbers; the PMS's where the PMS assigns rooms" }),
    source: z.enum(['auto', 'admin', 'pms']).meta({ description: 'The assignment job, staff by hand, or the hotel in its PMS' }),
    revision: z.number().int().positive().optional().meta({ description: 'Counts our assignments of the booking; absent for the PMS\'s numbers' }),
  }),
  'booking.arrival_reminder': Base.extend({ checkIn: Day }),
  'booking.hotel_deactivated': Base,
} as const;

export type GuestEventType = keyof typeof GuestEventSchemas;
export type GuestEventDetail<T extends GuestEventType> = z.input<(typeof GuestEventSchemas)[T]>;
