import { isTerminal, type Booking } from '#domain/booking.ts';
import type { BookingRepository } from '#ports/booking.repository.ts';

/**
 * Waits for the saga to settle the booking, reading the booking item with short, growing pauses.
 * The HTTP API gives up at 30 s, so the caller passes about 25 s and answers 202 PENDING after that.
 */
export async function awaitBooking(
  bookings: BookingRepository,
  bookingId: string,
  options: { timeoutMs: number; sleep?: (ms: number) => Promise<void> },
): Promise<Booking> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const deadline = Date.now() + options.timeoutMs;
  let pause = 25;
  for (;;) {
    const booking = await bookings.get(bookingId);
    if (!booking) throw new Error(`Booking ${bookingId} vanished`);
    if (isTerminal(booking.status) || Date.now() + pause > deadline) return booking;
    await sleep(pause);
    pause = Math.min(pause * 2, 250);
  }
}
