import type { IsoDate } from './dates.ts';

/**
 * What an admin must look at because our records and the PMS's disagree, found by the
 * reconciliation job, a webhook or the saga. Each finding has a deterministic id per subject, so
 * finding the same problem again updates it instead of adding a second one.
 */
export const FINDING_TYPES = [
  /** A confirmed booking of ours that the PMS does not have, or has cancelled. */
  'MISSING_IN_PMS',
  /** A PMS reservation carrying one of our booking ids that we do not have as a live booking (cancelled automatically). */
  'UNKNOWN_PMS_RESERVATION',
  /** More than one live PMS reservation carries the same booking id (the extras are cancelled automatically). */
  'DUPLICATE_PMS_RESERVATION',
  /** A night sold beyond its limit by all channels together. */
  'OVERSOLD_NIGHT',
  /** The hotel cancelled one of our confirmed bookings in its PMS; the guest is owed a refund. */
  'HOTEL_CANCELLED',
  /**
   * The PMS reported a status change of one of our bookings (checked in, checked out, cancelled,
   * no-show) that the booking status machine refuses from where the booking is: nothing was
   * changed, a person decides which side is right.
   */
  'PMS_STATUS_REFUSED',
  /** A guest is owed a refund nobody has made yet (a no-show the PMS reported); the RefundsOwed job makes it. */
  'REFUND_DUE',
  /**
   * An arrival within 24 hours that no room of its type can take (every room held or under
   * maintenance on a night of the stay): staff must move a stay, free a room or rehouse the guest.
   * Resolved by itself once the booking gets rooms.
   */
  'ROOM_UNASSIGNED',
] as const;

export type FindingType = (typeof FINDING_TYPES)[number];

export type FindingStatus = 'open' | 'resolved';

export interface ReconciliationFinding {
  findingId: string;
  type: FindingType;
  status: FindingStatus;
  hotelId: string;
  configId?: string;
  bookingId?: string;
  pmsReservationId?: string;
  roomTypeId?: string;
  date?: IsoDate;
  /** What was found, in words an admin can act on. */
  detail: string;
  /** What was already done about it (an automatic cancellation, a release). */
  action?: string;
  /** The run, event or step that found it. */
  source: string;
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt?: string;
  resolution?: string;
}

/**
 * One id per subject: the same problem found twice is one finding. URL-safe (`TYPE:subject`, the
 * subject's other characters replaced), so it goes into a path as it is.
 */
export function findingIdFor(type: FindingType, subject: string): string {
  return `${type}:${subject.replace(/[^A-Za-z0-9_.:-]/g, '-')}`.slice(0, 250);
}
