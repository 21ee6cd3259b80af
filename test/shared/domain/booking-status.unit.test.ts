import { describe, expect, it } from 'vitest';
import { BOOKING_STATUSES, type BookingStatus } from '../../../shared/domain/booking.ts';
import { InvalidTransitionError } from '../../../shared/domain/booking-errors.ts';
import { assertAction, assertTransition, canTransition, sourcesOf } from '../../../shared/domain/booking-status.ts';

/** The machine as issue 8 states it, plus the saga's FAILED / NEEDS_ATTENTION. */
const ALLOWED: [BookingStatus, BookingStatus][] = [
  ['PENDING', 'CONFIRMED'],
  ['PENDING', 'FAILED'],
  ['PENDING', 'NEEDS_ATTENTION'],
  ['FAILED', 'NEEDS_ATTENTION'],
  ['CONFIRMED', 'CONFIRMED'],
  ['CONFIRMED', 'CHECKED_IN'],
  ['CONFIRMED', 'CANCELLED'],
  ['CONFIRMED', 'NO_SHOW'],
  ['CONFIRMED', 'CANCELLED_BY_HOTEL'],
  ['CONFIRMED', 'NEEDS_ATTENTION'],
  ['CHECKED_IN', 'CHECKED_OUT'],
  ['CANCELLED', 'REFUNDED'],
  ['CANCELLED', 'NEEDS_ATTENTION'],
  ['CANCELLED_BY_HOTEL', 'REFUNDED'],
  ['CANCELLED_BY_HOTEL', 'NEEDS_ATTENTION'],
  ['NO_SHOW', 'NEEDS_ATTENTION'],
];

const allPairs = BOOKING_STATUSES.flatMap((from) => BOOKING_STATUSES.map((to) => [from, to] as [BookingStatus, BookingStatus]));

describe('the booking status machine', () => {
  it.each(ALLOWED)('allows %s -> %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  const refused = allPairs.filter(([from, to]) => !ALLOWED.some(([f, t]) => f === from && t === to));

  it.each(refused)('refuses %s -> %s with INVALID_TRANSITION naming both', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    const error = (() => {
      try {
        assertTransition(from, to);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidTransitionError);
    expect(error).toMatchObject({ code: 'INVALID_TRANSITION', details: { from, to } });
  });

  it('refuses everything out of the final statuses', () => {
    for (const final of ['CHECKED_OUT', 'REFUNDED', 'NEEDS_ATTENTION'] as const) {
      expect(BOOKING_STATUSES.filter((to) => canTransition(final, to))).toEqual([]);
    }
  });

  it('lists where a status can be reached from, for the conditional write', () => {
    expect(sourcesOf('REFUNDED').sort()).toEqual(['CANCELLED', 'CANCELLED_BY_HOTEL']);
    expect(sourcesOf('CHECKED_IN')).toEqual(['CONFIRMED']);
  });

  it('names the action that was refused', () => {
    expect(() => assertAction('CANCELLED', 'modify')).toThrow(expect.objectContaining({ details: { from: 'CANCELLED', to: 'CONFIRMED', action: 'modify' } }));
    expect(() => assertAction('CHECKED_IN', 'cancel')).toThrow(InvalidTransitionError);
    expect(() => assertAction('CONFIRMED', 'cancel')).not.toThrow();
  });
});
