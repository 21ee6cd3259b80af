import type { BookingStatus } from './booking.ts';
import { InvalidTransitionError } from './booking-errors.ts';

/**
 * The booking status machine (issue 8, seed 001 "예약 상태 관리"), the one place that says which
 * status may follow which. Every status change goes through `assertTransition` before the
 * repository's conditional `transition()` writes it, so a refused change answers
 * `409 INVALID_TRANSITION` and writes nothing, and a change that lost a race is refused by the
 * write's condition instead of overwriting the winner.
 *
 * ```
 * PENDING -> CONFIRMED -> CHECKED_IN -> CHECKED_OUT
 *               |-> CANCELLED ---------> REFUNDED
 *               |-> NO_SHOW
 *               '-> CANCELLED_BY_HOTEL -> REFUNDED
 * PENDING -> FAILED -> NEEDS_ATTENTION      (the checkout saga)
 * PENDING | CONFIRMED | CANCELLED | CANCELLED_BY_HOTEL | NO_SHOW -> NEEDS_ATTENTION
 * ```
 *
 * NEEDS_ATTENTION is where a saga goes when it cannot undo what it did (its state is in the
 * dead-letter queue, an admin takes over). A modification keeps the booking CONFIRMED: it is the
 * self-transition `CONFIRMED -> CONFIRMED` below, so a modification of a cancelled booking is
 * refused by the same rule as any other transition.
 */
export const BOOKING_TRANSITIONS: Readonly<Record<BookingStatus, readonly BookingStatus[]>> = {
  PENDING: ['CONFIRMED', 'FAILED', 'NEEDS_ATTENTION'],
  CONFIRMED: ['CONFIRMED', 'CHECKED_IN', 'CANCELLED', 'NO_SHOW', 'CANCELLED_BY_HOTEL', 'NEEDS_ATTENTION'],
  CHECKED_IN: ['CHECKED_OUT'],
  CHECKED_OUT: [],
  CANCELLED: ['REFUNDED', 'NEEDS_ATTENTION'],
  CANCELLED_BY_HOTEL: ['REFUNDED', 'NEEDS_ATTENTION'],
  // A no-show keeps its status; what the policy gives back is recorded on the payment.
  NO_SHOW: ['NEEDS_ATTENTION'],
  REFUNDED: [],
  FAILED: ['NEEDS_ATTENTION'],
  NEEDS_ATTENTION: [],
};

export function canTransition(from: BookingStatus, to: BookingStatus): boolean {
  return BOOKING_TRANSITIONS[from].includes(to);
}

/** Throws `InvalidTransitionError` (409, with `from` and `to`) unless the machine allows it. */
export function assertTransition(from: BookingStatus, to: BookingStatus, action?: string): void {
  if (!canTransition(from, to)) throw new InvalidTransitionError(from, to, action);
}

/** Every status `to` may be reached from: the `from` of the repository's conditional write. */
export function sourcesOf(to: BookingStatus): BookingStatus[] {
  return (Object.keys(BOOKING_TRANSITIONS) as BookingStatus[]).filter((from) => canTransition(from, to));
}

/** What people and systems do to a booking after checkout, and the status each leads to. */
export const LIFECYCLE_ACTIONS = {
  cancel: 'CANCELLED',
  modify: 'CONFIRMED',
  checkIn: 'CHECKED_IN',
  checkOut: 'CHECKED_OUT',
  noShow: 'NO_SHOW',
  refund: 'REFUNDED',
} as const satisfies Record<string, BookingStatus>;

export type LifecycleAction = keyof typeof LIFECYCLE_ACTIONS;

/** Throws `InvalidTransitionError` unless `action` may be taken on a booking in `status`. */
export function assertAction(status: BookingStatus, action: LifecycleAction): void {
  assertTransition(status, LIFECYCLE_ACTIONS[action], action);
}
