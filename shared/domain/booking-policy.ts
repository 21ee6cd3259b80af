import { keptOf, type Booking, type BookingPolicy } from './booking.ts';
import { SameDayCutoffError } from './booking-errors.ts';
import { addDays, isLocalTime, localClockIn, minutesOf, zonedInstant, type IsoDate } from './dates.ts';
import { hotelTimesOf, type Hotel, type RatePlan, type RoomType } from './hotel.ts';

/**
 * Rate plan terms and what they decide after checkout (issue 8): the snapshot a booking keeps,
 * what a cancellation refunds and keeps, the same-day cut-off and the no-show deadline. Pure
 * functions of their inputs and an injected `now`; money in integer minor units, percentages
 * applied with integer arithmetic (the guest gets the rounding), so KRW and USD amounts are exact.
 */

/**
 * The terms of a booking made without a rate plan (a room type with none, or a booking made before
 * terms were recorded): refundable, free until the check-in time, everything kept after it.
 */
export const DEFAULT_TERMS = { refundable: true, cancellationHours: 0, cancellationFeePercent: 100, breakfastIncluded: false } as const;

/** The plan a checkout books: the one asked for, or the room type's first active plan. */
export function choosePlan(plans: readonly RatePlan[], ratePlanId: string | undefined): RatePlan | undefined {
  if (ratePlanId) return plans.find((p) => p.ratePlanId === ratePlanId && p.isActive);
  return plans.find((p) => p.isActive);
}

function safeTime(time: string | undefined, fallback: string): string {
  return time && isLocalTime(time) ? time : fallback;
}

/** The instant a stay's free cancellation ends: `hours` before check-in time on the arrival day, hotel time. */
export function freeCancellationUntil(checkIn: IsoDate, checkInTime: string, timeZone: string, hours: number): Date {
  return new Date(zonedInstant(checkIn, checkInTime, timeZone).getTime() - hours * 3_600_000);
}

/** The copy of a plan's terms a booking keeps (see `BookingPolicy`). */
export function snapshotPolicy(input: {
  hotel: Pick<Hotel, 'timeZone' | 'checkInTime' | 'sameDayCutoff' | 'noShowCutoff'>;
  roomType?: Pick<RoomType, 'checkInTime'>;
  plan: RatePlan | undefined;
  checkIn: IsoDate;
  nightlyPrices: { date: IsoDate; priceMinor: number }[];
}): BookingPolicy {
  const { plan } = input;
  const checkInTime = safeTime(hotelTimesOf(input.hotel, input.roomType).checkInTime, '15:00');
  const refundable = plan ? plan.isRefundable : DEFAULT_TERMS.refundable;
  const cancellationHours = Math.max(0, Math.floor(plan?.cancellationHours ?? DEFAULT_TERMS.cancellationHours));
  const fee = plan?.cancellationFeePercent ?? DEFAULT_TERMS.cancellationFeePercent;
  return {
    ...(plan ? { ratePlanId: plan.ratePlanId, ratePlanName: plan.name } : {}),
    refundable,
    cancellationHours,
    cancellationFeePercent: Math.min(100, Math.max(0, Math.round(fee))),
    breakfastIncluded: plan?.breakfastIncluded ?? DEFAULT_TERMS.breakfastIncluded,
    checkInTime,
    timeZone: input.hotel.timeZone,
    ...(refundable
      ? { freeCancellationUntil: freeCancellationUntil(input.checkIn, checkInTime, input.hotel.timeZone, cancellationHours).toISOString() }
      : {}),
    nightlyPrices: input.nightlyPrices.map((n) => ({ date: n.date, priceMinor: n.priceMinor })),
  };
}

/** A booking's terms: its snapshot, or the default terms in the hotel's zone for an older booking. */
export function termsOf(booking: Pick<Booking, 'policy' | 'checkIn'>, hotel?: Pick<Hotel, 'timeZone' | 'checkInTime'>): BookingPolicy {
  if (booking.policy) return booking.policy;
  return snapshotPolicy({ hotel: hotel ?? { timeZone: 'UTC' }, plan: undefined, checkIn: booking.checkIn, nightlyPrices: [] });
}

/** What the policy keeps of `amountMinor` when it is not free: `percent`, rounded down (the guest gets the rounding). */
export function feeOf(amountMinor: number, percent: number): number {
  return Math.floor((amountMinor * percent) / 100);
}

/** Whether a cancellation at `now` is free under `terms`. */
export function isFreeAt(terms: Pick<BookingPolicy, 'refundable' | 'freeCancellationUntil'>, now: Date): boolean {
  return terms.refundable && terms.freeCancellationUntil !== undefined && now.getTime() <= Date.parse(terms.freeCancellationUntil);
}

export interface CancellationQuote {
  /** What goes back to the guest, minor units. */
  refundMinor: number;
  /** What the policy keeps, minor units. */
  feeMinor: number;
  currency: string;
  /** The last free instant, when the booking has one. */
  freeUntil?: string;
}

/**
 * What cancelling at `now` gives back, from the booking's own terms and from what it holds of the
 * guest's money (captured minus refunded):
 * - not refundable: nothing back;
 * - inside the free window: everything back;
 * - after it: `cancellationFeePercent` of what is held is kept, the rest goes back.
 * `fullRefund` (a cancellation by the hotel) gives everything back whatever the terms.
 */
export function quoteCancellation(
  booking: Pick<Booking, 'payment' | 'currency' | 'policy' | 'checkIn'>,
  now: Date,
  options: { fullRefund?: boolean; hotel?: Pick<Hotel, 'timeZone' | 'checkInTime'> } = {},
): CancellationQuote {
  const terms = termsOf(booking, options.hotel);
  const held = keptOf(booking);
  const freeUntil = terms.freeCancellationUntil ? { freeUntil: terms.freeCancellationUntil } : {};
  if (options.fullRefund || isFreeAt(terms, now)) return { refundMinor: held, feeMinor: 0, currency: booking.currency, ...freeUntil };
  if (!terms.refundable) return { refundMinor: 0, feeMinor: held, currency: booking.currency, ...freeUntil };
  const feeMinor = Math.min(held, feeOf(held, terms.cancellationFeePercent));
  return { refundMinor: held - feeMinor, feeMinor, currency: booking.currency, ...freeUntil };
}

/**
 * What a no-show gives back: the policy keeps what a cancellation after the free window keeps
 * (everything for a non-refundable plan), the rest is refunded. A no-show is never free.
 */
export function quoteNoShow(booking: Pick<Booking, 'payment' | 'currency' | 'policy' | 'checkIn'>, hotel?: Pick<Hotel, 'timeZone' | 'checkInTime'>): CancellationQuote {
  const terms = termsOf(booking, hotel);
  const held = keptOf(booking);
  const feeMinor = terms.refundable ? Math.min(held, feeOf(held, terms.cancellationFeePercent)) : held;
  return { refundMinor: held - feeMinor, feeMinor, currency: booking.currency };
}

/**
 * What a modification that lowers the price gives back of the `decreaseMinor`: all of it inside
 * the free window, the part the fee does not keep after it, nothing on a non-refundable plan.
 */
export function refundOfDecrease(terms: Pick<BookingPolicy, 'refundable' | 'freeCancellationUntil' | 'cancellationFeePercent'>, decreaseMinor: number, now: Date): { refundMinor: number; feeMinor: number } {
  if (decreaseMinor <= 0) return { refundMinor: 0, feeMinor: 0 };
  if (isFreeAt(terms, now)) return { refundMinor: decreaseMinor, feeMinor: 0 };
  if (!terms.refundable) return { refundMinor: 0, feeMinor: decreaseMinor };
  const feeMinor = Math.min(decreaseMinor, feeOf(decreaseMinor, terms.cancellationFeePercent));
  return { refundMinor: decreaseMinor - feeMinor, feeMinor };
}

/**
 * Refuses a stay starting today once the hotel's same-day cut-off has passed, hotel time
 * (`422 SAME_DAY_CUTOFF`). A stay starting another day is never refused here.
 */
export function assertBeforeSameDayCutoff(hotel: Pick<Hotel, 'timeZone' | 'sameDayCutoff'>, checkIn: IsoDate, now: Date, field = 'body.checkIn'): void {
  const clock = localClockIn(hotel.timeZone, now);
  if (checkIn !== clock.date) return;
  const cutoff = safeTime(hotel.sameDayCutoff, '15:00');
  if (clock.minutes >= minutesOf(cutoff)) {
    throw new SameDayCutoffError(`Stays starting today can be booked until ${cutoff} hotel time; book from tomorrow instead.`, {
      details: [{ field, message: `same-day bookings close at ${cutoff} (${hotel.timeZone})` }],
    });
  }
}

/** The instant after which a guest who has not checked in is a no-show: the hotel's cut-off on the arrival day. */
export function noShowDeadline(hotel: Pick<Hotel, 'timeZone' | 'checkInTime' | 'sameDayCutoff' | 'noShowCutoff'>, checkIn: IsoDate): Date {
  return zonedInstant(checkIn, safeTime(hotelTimesOf(hotel).noShowCutoff, '23:00'), hotel.timeZone);
}

/** Arrival days whose no-show deadline may have passed at `now`: today and yesterday, hotel time. */
export function noShowArrivalDays(timeZone: string, now: Date): IsoDate[] {
  const today = localClockIn(timeZone, now).date;
  return [addDays(today, -1), today];
}
