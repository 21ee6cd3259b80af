import { isTerminal, type Booking } from '#domain/booking.ts';
import type { BookingRepository } from '#ports/booking.repository.ts';

/** What the wait needs; time is injected so a test drives it with a fake clock and never sleeps. */
export interface AwaitBookingDeps {
  bookings: Pick<BookingRepository, 'get'>;
  /** Wall-clock time for the deadline; defaults to the real clock. */
  clock?: () => Date;
  /** Waits between looks; defaults to a real timer. */
  sleep?: (ms: number) => Promise<void>;
}

const realClock = () => new Date();
const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Waits for the saga to settle the booking, reading the booking item (one consistent read a look).
 * The HTTP API gives up at 30 s, so the caller passes about 25 s and answers 202 PENDING after that.
 */
export async function awaitBooking(
  deps: AwaitBookingDeps,
  bookingId: string,
  options: { timeoutMs: number; firstLookMs?: number; pollMs?: number },
): Promise<Booking> {
  const clock = deps.clock ?? realClock;
  const sleep = deps.sleep ?? realSleep;
  const deadline = clock().getTime() + options.timeoutMs;
  // A saga without faults settles in a few round trips: wait that long first, then look at a steady pace.
  await sleep(Math.min(options.firstLookMs ?? 100, options.timeoutMs));
  for (;;) {
    const booking = await deps.bookings.get(bookingId);
    if (!booking) throw new Error(`Booking ${bookingId} vanished`);
    const pause = options.pollMs ?? 150;
    if (isTerminal(booking.status) || clock().getTime() + pause > deadline) return booking;
    await sleep(pause);
  }
}
