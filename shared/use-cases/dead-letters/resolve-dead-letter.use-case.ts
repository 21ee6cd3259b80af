import { LetterClosesWithBookingError } from '#domain/attention-errors.ts';
import type { RecordedDeadLetter } from '#domain/dead-letter.ts';
import { NotFoundError } from '#domain/errors.ts';
import type { BookingRepository } from '#ports/booking.repository.ts';
import type { DeadLetterStore } from '#ports/dead-letter.port.ts';

export interface ResolveDeadLetterDeps {
  deadLetters: Pick<DeadLetterStore, 'get' | 'resolve'>;
  bookings: Pick<BookingRepository, 'get'>;
  clock: () => Date;
}

/**
 * An admin closes one dead letter on its own, with a note, after settling by hand what it reports.
 * Meant for the letters no booking route can close: a cancellation or modification saga may
 * escalate a booking that is checked in, checked out or refunded, which never becomes
 * NEEDS_ATTENTION, so neither retry-compensation nor resolve accepts it. A letter whose booking IS
 * in NEEDS_ATTENTION is refused: it closes with its booking, so it never reads settled while the
 * booking still holds money or rooms. Nothing is undone; the first resolution stands.
 */
export async function resolveDeadLetter(
  deps: ResolveDeadLetterDeps,
  input: { bookingId: string; letterId: string; by: string; note: string },
): Promise<{ outcome: 'RESOLVED' | 'ALREADY_RESOLVED'; letter: RecordedDeadLetter }> {
  const letter = await deps.deadLetters.get(input.bookingId, input.letterId);
  if (!letter) throw new NotFoundError('Dead letter', `${input.bookingId}/${input.letterId}`);
  if (letter.status === 'resolved') return { outcome: 'ALREADY_RESOLVED', letter };
  const booking = await deps.bookings.get(input.bookingId);
  if (booking?.status === 'NEEDS_ATTENTION') {
    throw new LetterClosesWithBookingError(
      `Booking ${input.bookingId} needs attention: retry its compensation or resolve it, which closes this letter with it.`,
    );
  }
  const resolution = { via: 'letter' as const, by: input.by, at: deps.clock().toISOString(), note: input.note };
  if (await deps.deadLetters.resolve(letter, resolution)) return { outcome: 'RESOLVED', letter: { ...letter, status: 'resolved', resolution } };
  // Another call closed it between the read and the write: its resolution stands.
  return { outcome: 'ALREADY_RESOLVED', letter: (await deps.deadLetters.get(input.bookingId, input.letterId)) ?? letter };
}
