import { isTerminal, type Booking } from '#domain/booking.ts';
import type { BookingRepository } from '#ports/booking.repository.ts';

/**
 * Waits for the saga to settle the booking, reading the booking item (one consistent read a look).
 * The HTTP API gives up at 30 s, so the caller passes about 25 s and answers 202 PENDING after that.
 */
export async function awaitBooking(
  bookings: BookingRepository,
  bookingId: string,
  options: { timeoutMs: number; firstLookMs?: number; pollMs?: number; sleep?: (ms: number) => Promise<void> },
): Promise<Booking> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const deadline = Date.now() + options.timeoutMs;
  // A saga without faults settles in a few round trips: wait that long first, then look at a steady pace.
  await sleep(Math.min(options.firstLookMs ?? 100, options.timeoutMs));
  for (;;) {
    const booking = await bookings.get(bookingId);
    if (!booking) throw new Error(`Booking ${bookingId} vanished`);
    const pause = options.pollMs ?? 150;
    if (isTerminal(booking.status) || Date.now() + pause > deadline) return booking;
    await sleep(pause);
  }
}
