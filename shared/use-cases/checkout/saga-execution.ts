import type { Booking } from '#domain/booking.ts';
import { sagaBookingOf } from './saga-steps.use-cases.ts';

/**
 * The Step Functions execution name for an idempotency key: a hash, because keys may hold any
 * characters and names allow 80 of `[A-Za-z0-9-_]`. A retried request therefore cannot start a
 * second saga: Step Functions refuses a second execution with the same name for 90 days.
 */
export function executionNameFor(keyHash: string): string {
  return `checkout-${keyHash.slice(0, 64)}`;
}

/** The one recovery execution a booking may get (`recover-stale-bookings.use-case.ts`). */
export function recoveryExecutionNameFor(keyHash: string): string {
  return `recover-${keyHash.slice(0, 64)}`;
}

/**
 * The execution input: the booking's id and its saga view (ids, nights, amounts; no guest
 * details), derived from the stored booking only, so every attempt for a key sends the same input.
 */
export function sagaInputFor(booking: Booking): Record<string, unknown> {
  return { bookingId: booking.bookingId, booking: sagaBookingOf(booking) };
}
