import type { Booking, BookingChangeRecord } from '#domain/booking.ts';
import type { BookingRepository } from '#ports/booking.repository.ts';

export interface AwaitChangeDeps {
  bookings: Pick<BookingRepository, 'get'>;
  /** Wall-clock time for the deadline; defaults to the real clock. */
  clock?: () => Date;
  /** Waits between looks; defaults to a real timer. */
  sleep?: (ms: number) => Promise<void>;
}

const realClock = () => new Date();
const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Waits for a change's saga to end, reading the booking (one consistent read a look): the change's
 * record in `changes` once it ended, or the running record when the wait ran out (the caller
 * answers 202). Time is injected, as for the checkout's wait.
 */
export async function awaitChange(
  deps: AwaitChangeDeps,
  bookingId: string,
  changeId: string,
  options: { timeoutMs: number; firstLookMs?: number; pollMs?: number },
): Promise<{ booking: Booking; change: BookingChangeRecord }> {
  const clock = deps.clock ?? realClock;
  const sleep = deps.sleep ?? realSleep;
  const deadline = clock().getTime() + options.timeoutMs;
  await sleep(Math.min(options.firstLookMs ?? 100, options.timeoutMs));
  for (;;) {
    const booking = await deps.bookings.get(bookingId);
    if (!booking) throw new Error(`Booking ${bookingId} vanished`);
    const ended = [...(booking.changes ?? [])].reverse().find((c) => c.changeId === changeId);
    if (ended && booking.change?.changeId !== changeId) return { booking, change: ended };
    const pause = options.pollMs ?? 150;
    if (clock().getTime() + pause > deadline) {
      return { booking, change: booking.change ?? ({ changeId, outcome: 'RUNNING' } as BookingChangeRecord) };
    }
    await sleep(pause);
  }
}
