import { assignedRoomNumbers, type Booking } from '#domain/booking.ts';
import type { Hotel } from '#domain/hotel.ts';
import { isLocale, localeForCountry } from '#domain/locale.ts';
import type { Money } from '#domain/money.ts';
import { MAIL_KIND_BY_EVENT, ONCE_PER_BOOKING_EVENTS, type MailKind } from '#domain/notification.ts';
import type { BookingRepository } from '#ports/booking.repository.ts';
import type { BusEvent } from '#ports/event-publisher.port.ts';
import type { HotelCatalogReader } from '#ports/hotel-catalog.repository.ts';
import type { MailSender, SentMailLog } from '#ports/mail.port.ts';
import { renderMail, type MailFacts } from './mail-templates.ts';

export interface GuestMailDeps {
  bookings: Pick<BookingRepository, 'get'>;
  catalog: Pick<HotelCatalogReader, 'getHotelAndRoomType' | 'listHotels'>;
  mail: MailSender;
  sent: SentMailLog;
  clock: () => Date;
}

export type { BusEvent } from '#ports/event-publisher.port.ts';

/** A delivery of the same event is sending its mail right now: retry later. */
export class MailInProgressError extends Error {
  override readonly name = 'MailInProgressError';
}

export type GuestMailOutcome =
  | { status: 'sent'; dedupeId: string; kind: MailKind; messageId: string }
  /** Mailed before for this event id: nothing sent. */
  | { status: 'duplicate'; dedupeId: string; kind: MailKind }
  /** Not a guest-mail event, or about a booking we do not have. */
  | { status: 'ignored'; reason: string };

/**
 * Longer than a consumer may run (30 s) with its SES retries: a claim this old belongs to a
 * delivery that died, and the next delivery may send.
 */
export const MAIL_CLAIM_LEASE_MS = 5 * 60_000;

/**
 * The identity of an event's mail: one mail per booking and kind, and per change for the kinds a
 * booking can have more than once. In order: the event's own `detail.eventId` (room assignment,
 * reminders and hotel deactivation make it from the fact: `room.assigned:<booking>:<revision>`),
 * else the booking's `changeId` (a modification, cancellation or refund; the lifecycle sagas
 * publish it and publish the same one again when a step is retried), else for the events that
 * happen once per booking (confirmed, cancelled, cancelled by the hotel) the type and the booking,
 * else EventBridge's own id (a redelivery of one event keeps it).
 */
export function dedupeIdOf(event: BusEvent, bookingId: string): string {
  const eventId = event.detail.eventId;
  if (typeof eventId === 'string' && eventId) return eventId;
  const changeId = event.detail.changeId;
  if (typeof changeId === 'string' && changeId) return `${event.type}:${bookingId}:${changeId}`;
  if (ONCE_PER_BOOKING_EVENTS.has(event.type)) return `${event.type}:${bookingId}`;
  return `${event.type}:${bookingId}:${event.id}`;
}

/**
 * Mails the guest about one event, once per event id: the id is claimed with a conditional write
 * before SES is called and marked sent after (`SentMailLog`), so a redelivered or republished event
 * sends nothing; a failed send gives the claim back and throws, so SQS redelivers it (and after
 * `maxReceiveCount` moves it to the dead-letter queue, which has an alarm). The mail is in the
 * booking's language (`locale`, else the hotel country's). It never carries payment data.
 */
export async function sendGuestMail(deps: GuestMailDeps, event: BusEvent): Promise<GuestMailOutcome> {
  const kind = MAIL_KIND_BY_EVENT[event.type];
  if (!kind) return { status: 'ignored', reason: `no guest mail for ${event.type}` };
  const bookingId = event.detail.bookingId;
  if (typeof bookingId !== 'string' || !bookingId) return { status: 'ignored', reason: 'the event names no booking' };
  const booking = await deps.bookings.get(bookingId);
  if (!booking) return { status: 'ignored', reason: `booking ${bookingId} does not exist` };
  const outdated = outdatedReason(kind, booking, event);
  if (outdated) return { status: 'ignored', reason: outdated };

  const dedupeId = dedupeIdOf(event, bookingId);
  const now = deps.clock();
  const claim = await deps.sent.claim(dedupeId, { bookingId, kind, eventType: event.type }, now, MAIL_CLAIM_LEASE_MS);
  if (claim === 'sent') return { status: 'duplicate', dedupeId, kind };
  if (claim === 'in_progress') throw new MailInProgressError(`The mail of ${dedupeId} is being sent by another delivery.`);

  try {
    const facts = await factsOf(deps, kind, booking, event);
    const rendered = renderMail(facts);
    const { messageId } = await deps.mail.send({
      to: booking.guestInfo.email,
      ...rendered,
      tags: { kind, bookingId: booking.bookingId, event: event.type },
    });
    await deps.sent.markSent(dedupeId, messageId, deps.clock());
    return { status: 'sent', dedupeId, kind, messageId };
  } catch (error) {
    await deps.sent.abandon(dedupeId, deps.clock()).catch(() => undefined);
    throw error;
  }
}

/** Mails about the stay ahead are dropped once the stay is off or on other dates (the event was late). */
const ABOUT_THE_STAY_AHEAD: ReadonlySet<MailKind> = new Set(['room_assigned', 'arrival_reminder', 'hotel_deactivated']);

function outdatedReason(kind: MailKind, booking: Booking, event: BusEvent): string | undefined {
  if (!ABOUT_THE_STAY_AHEAD.has(kind)) return undefined;
  if (booking.status !== 'CONFIRMED') return `booking ${booking.bookingId} is ${booking.status}`;
  const checkIn = event.detail.checkIn;
  if (typeof checkIn === 'string' && checkIn !== booking.checkIn) return `booking ${booking.bookingId} now arrives on ${booking.checkIn}`;
  return undefined;
}

function minor(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** A money field of the event (`refundMinor`, ...), in the event's currency or the booking's. */
function moneyOf(event: BusEvent, booking: Booking, ...fields: string[]): Money | undefined {
  for (const field of fields) {
    const amountMinor = minor(event.detail[field]);
    if (amountMinor !== undefined) {
      const currency = typeof event.detail.currency === 'string' ? event.detail.currency : booking.currency;
      return { amountMinor, currency };
    }
  }
  return undefined;
}

/** Hotels the catalog has not deactivated (`isActive` arrives with the catalog work; absent means active). */
function isActive(hotel: Hotel): boolean {
  return (hotel as Hotel & { isActive?: boolean }).isActive !== false;
}

async function factsOf(deps: GuestMailDeps, kind: MailKind, booking: Booking, event: BusEvent): Promise<MailFacts> {
  const { hotel, roomType } = await deps.catalog.getHotelAndRoomType(booking.hotelId, booking.roomTypeId);
  const locale = isLocale(booking.locale) ? booking.locale : localeForCountry(hotel?.country);
  const eventRooms = Array.isArray(event.detail.roomNumbers) ? event.detail.roomNumbers.filter((n): n is string => typeof n === 'string') : undefined;
  const roomNumbers = kind === 'room_assigned' ? eventRooms : assignedRoomNumbers(booking)?.numbers;
  const refund =
    moneyOf(event, booking, 'refundMinor', 'refundedMinor', 'refundDueMinor') ??
    (kind === 'booking_cancelled_by_hotel' && booking.refundDueMinor !== undefined ? { amountMinor: booking.refundDueMinor, currency: booking.currency } : undefined);
  const fee = moneyOf(event, booking, 'feeMinor');
  let alternatives: string[] | undefined;
  if (kind === 'hotel_deactivated' && hotel) {
    const nearby = await deps.catalog.listHotels({ city: hotel.city, page: 1, pageSize: 20 });
    alternatives = nearby.items.filter((h) => h.hotelId !== hotel.hotelId && isActive(h)).slice(0, 3).map((h) => h.name);
  }
  return {
    kind,
    locale,
    guestFirstName: booking.guestInfo.firstName,
    bookingId: booking.bookingId,
    ...(booking.confirmationNumber ? { confirmationNumber: booking.confirmationNumber } : {}),
    hotelName: hotel?.name ?? booking.hotelId,
    ...(hotel?.address ? { hotelAddress: hotel.address } : {}),
    checkIn: booking.checkIn,
    checkOut: booking.checkOut,
    rooms: booking.rooms,
    guests: booking.guests,
    total: { amountMinor: booking.totalMinor, currency: booking.currency },
    ...(refund ? { refund } : {}),
    ...(fee ? { fee } : {}),
    ...(roomNumbers && roomNumbers.length > 0 ? { roomNumbers } : {}),
    ...(roomType?.checkInTime ? { checkInTime: roomType.checkInTime } : {}),
    ...(alternatives ? { alternatives } : {}),
  };
}
