import type { Booking, BookingStatus, BookingStep } from '#domain/booking.ts';
import { ChangeInProgressError } from '#domain/booking-errors.ts';
import { assertTransition } from '#domain/booking-status.ts';
import { NotFoundError } from '#domain/errors.ts';
import type { BookingRepository, ChangeLock, TransitionRequest } from '#ports/booking.repository.ts';

export interface TransitionDeps {
  bookings: Pick<BookingRepository, 'get' | 'transition'>;
  clock: () => Date;
}

/**
 * Every lifecycle status change goes through here: the status machine decides from the status
 * read (`409 INVALID_TRANSITION` with `from` and `to`, nothing written), then the repository's
 * conditional `transition()` writes it only if the booking is still in that status. When another
 * writer moved it in between, the booking is read again and the machine asked again, so the
 * answer is the machine's on the status that won, never an overwrite.
 *
 * `alreadyAt` makes a repeat harmless (a saga step Step Functions runs twice): a booking already
 * in `to` is returned as it is.
 */
export async function transitionBooking(
  deps: TransitionDeps,
  bookingId: string,
  to: BookingStatus,
  options: { patch?: TransitionRequest['patch']; step?: BookingStep; lock?: ChangeLock; action?: string; alreadyAt?: boolean } = {},
): Promise<Booking> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const booking = await deps.bookings.get(bookingId);
    if (!booking) throw new NotFoundError('Booking', bookingId);
    if (options.alreadyAt && booking.status === to && booking.status !== 'CONFIRMED') return booking;
    assertTransition(booking.status, to, options.action);
    const moved = await deps.bookings.transition(
      bookingId,
      {
        from: [booking.status],
        to,
        ...(options.patch ? { patch: options.patch } : {}),
        ...(options.step ? { step: options.step } : {}),
        ...(options.lock ? { lock: options.lock } : {}),
      },
      deps.clock(),
    );
    if (moved) return moved;
    // The status changed, or the lock was not as asked: look again.
    const now = await deps.bookings.get(bookingId);
    if (now && now.status === booking.status && options.lock) lockRefused(now, options.lock);
  }
  throw new Error(`Booking ${bookingId} kept changing while it was being moved to ${to}`);
}

/** The lock was the reason the write was refused: say so in the domain's words. */
function lockRefused(booking: Booking, lock: ChangeLock): never {
  if ('holder' in lock) throw new Error(`Change ${lock.holder} of booking ${booking.bookingId} is no longer running`);
  throw new ChangeInProgressError(
    `Another change of this booking (${booking.change?.changeId ?? 'one'}) is running; try again once it has finished.`,
    { details: { bookingId: booking.bookingId, running: booking.change?.changeId } },
  );
}

/** A timeline entry stamped now. */
export function stepAt(deps: { clock: () => Date }, name: BookingStep['name'], error?: unknown): BookingStep {
  return {
    name,
    status: error ? 'FAILED' : 'SUCCEEDED',
    at: deps.clock().toISOString(),
    ...(error ? { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) } : {}),
  };
}
