/**
 * Guest mail (issue 8): which event of the bus sends which mail. The mail consumer's queue
 * subscribes to exactly these detail-types (`shared/queues/queue-table.ts`).
 */
export const MAIL_KINDS = [
  'booking_confirmed',
  'booking_modified',
  'booking_cancelled',
  'booking_refunded',
  'booking_cancelled_by_hotel',
  'room_assigned',
  'arrival_reminder',
  'hotel_deactivated',
] as const;

export type MailKind = (typeof MAIL_KINDS)[number];

export const MAIL_KIND_BY_EVENT: Readonly<Record<string, MailKind>> = {
  'booking.confirmed': 'booking_confirmed',
  'booking.modified': 'booking_modified',
  'booking.cancelled': 'booking_cancelled',
  'booking.refunded': 'booking_refunded',
  'booking.cancelled_by_hotel': 'booking_cancelled_by_hotel',
  'room.assigned': 'room_assigned',
  'booking.arrival_reminder': 'arrival_reminder',
  'booking.hotel_deactivated': 'hotel_deactivated',
};

/** The detail-types the guest-mail queue receives. */
export const GUEST_MAIL_EVENT_TYPES: readonly string[] = Object.keys(MAIL_KIND_BY_EVENT);

/**
 * Events that happen at most once per booking: without a `detail.eventId` (events published
 * before issue 8 gave every event one), the booking id makes their mail's identity.
 */
export const ONCE_PER_BOOKING_EVENTS: ReadonlySet<string> = new Set(['booking.confirmed', 'booking.cancelled', 'booking.cancelled_by_hotel']);

/** Booking events after which the stay's room nights go back (cancelled, no-show, over, or on other dates now). */
export const ROOM_RELEASE_EVENT_TYPES: readonly string[] = [
  'booking.cancelled',
  'booking.cancelled_by_hotel',
  'booking.no_show',
  'booking.checked_out',
  'booking.modified',
];
