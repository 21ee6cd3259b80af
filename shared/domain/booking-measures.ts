import type { Booking, BookingStatus } from './booking.ts';
import type { IsoDate } from './dates.ts';

/**
 * A hotel's day in numbers (issue 10, seed 000's measures), from its bookings alone: what is
 * stored, nothing counted at checkout. `date` is the hotel's calendar date; stays are calendar
 * dates, checkouts are counted by the instant they started, in the hotel's day.
 */
export interface DayMeasures {
  /** Stays starting on the date: confirmed and due, or already arrived (checked in or out). */
  arrivals: number;
  /** Stays ending on the date whose guest arrived (checked in, or already checked out). */
  departures: number;
  /** Guests checked in whose stay covers the date (check-out day included: they leave that day). */
  inHouse: number;
  /** Checkouts started that day that ended CONFIRMED (whatever happened to the booking since). */
  bookingsMade: number;
  checkouts: {
    started: number;
    confirmed: number;
    /** Failed, or needing attention before any confirmation. */
    failed: number;
    /** Still PENDING: no outcome yet. */
    running: number;
  };
  /** confirmed ÷ (confirmed + failed); `null` when no checkout of the day has an outcome yet. */
  successRate: number | null;
  holds: {
    /** Checkouts of the day that placed a hold on rooms. */
    placed: number;
    /** Of those, the ones that failed because the hold ran out (`HOLD_EXPIRED`). */
    expired: number;
  };
  /** expired ÷ placed; `null` when no hold was placed that day. */
  holdExpiryRate: number | null;
}

const ARRIVING: ReadonlySet<BookingStatus> = new Set(['CONFIRMED', 'CHECKED_IN', 'CHECKED_OUT']);
const ARRIVED: ReadonlySet<BookingStatus> = new Set(['CHECKED_IN', 'CHECKED_OUT']);
/** Statuses only a booking that was confirmed can be in. */
const AFTER_CONFIRMATION: ReadonlySet<BookingStatus> = new Set([
  'CONFIRMED',
  'CHECKED_IN',
  'CHECKED_OUT',
  'CANCELLED',
  'CANCELLED_BY_HOTEL',
  'NO_SHOW',
  'REFUNDED',
]);

/**
 * How a checkout ended: a booking that was confirmed keeps that outcome whatever came later (its
 * status, or the checkout's `finalize` step, the one write that makes a booking CONFIRMED, for one
 * that a later saga left in NEEDS_ATTENTION). A confirmation number proves nothing: the PMS confirms
 * before the payment is captured, and a failed capture still fails the checkout.
 */
export function checkoutOutcome(booking: Pick<Booking, 'status' | 'steps'>): 'confirmed' | 'failed' | 'running' {
  if (AFTER_CONFIRMATION.has(booking.status) || booking.steps.some((s) => s.name === 'finalize' && s.status === 'SUCCEEDED')) return 'confirmed';
  return booking.status === 'PENDING' ? 'running' : 'failed';
}

function placedHold(booking: Pick<Booking, 'holdExpiresAt' | 'steps' | 'failureCode'>): boolean {
  return (
    booking.holdExpiresAt !== undefined ||
    booking.failureCode === 'HOLD_EXPIRED' ||
    booking.steps.some((s) => s.name === 'hold' && s.status === 'SUCCEEDED')
  );
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/**
 * The measures of `date` from `stays` (the hotel's bookings whose check-in is within the longest
 * stay before `date`: every stay that can cover it) and `started` (the checkouts started that day).
 */
export function measureDay(date: IsoDate, stays: readonly Booking[], started: readonly Booking[]): DayMeasures {
  let arrivals = 0;
  let departures = 0;
  let inHouse = 0;
  for (const b of stays) {
    if (b.checkIn === date && ARRIVING.has(b.status)) arrivals++;
    if (b.checkOut === date && ARRIVED.has(b.status)) departures++;
    if (b.status === 'CHECKED_IN' && b.checkIn <= date && date <= b.checkOut) inHouse++;
  }
  const checkouts = { started: started.length, confirmed: 0, failed: 0, running: 0 };
  const holds = { placed: 0, expired: 0 };
  for (const b of started) {
    checkouts[checkoutOutcome(b)]++;
    if (placedHold(b)) {
      holds.placed++;
      if (b.failureCode === 'HOLD_EXPIRED') holds.expired++;
    }
  }
  return {
    arrivals,
    departures,
    inHouse,
    bookingsMade: checkouts.confirmed,
    checkouts,
    successRate: ratio(checkouts.confirmed, checkouts.confirmed + checkouts.failed),
    holds,
    holdExpiryRate: ratio(holds.expired, holds.placed),
  };
}
