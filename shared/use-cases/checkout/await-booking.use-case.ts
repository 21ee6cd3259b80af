import { isTerminal, type Booking } from '#domain/booking.ts';
import type { BookingRepository } from '#ports/booking.repository.ts';

/** What the wait needs; time is injected so a test drives it with a fake clock and never sleeps. */
export interface AwaitBookingDeps {
  bookings: Pick<BookingRepository, 'get'>;
  /** Wall-clock time for the deadline; defaults to the real clock. */
  clock?: () => Date;
  /** Waits between looks; defaults to a real timer. */
  sleep?: (ms: number) => Promise<void>;
  /** How long sagas take, learnt as they settle: when to look first (unless `firstLookMs` says). */
  pace?: SagaPace;
}

const realClock = () => new Date();
const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * How long a checkout saga takes from the start of the wait to its settling write, as this
 * instance saw it (the booking's `updatedAt`, written by the write that settled it): moving
 * averages of the duration and of how far durations stray from it, and the first look comes when
 * most sagas have settled: a tenth after the typical duration, or two typical deviations after it
 * when durations spread (many checkouts at once), whichever is later. Each look is a consistent
 * `GetItem`, so looking when a typical saga has settled makes most checkouts read the booking once,
 * where a fixed early first look and a steady pace read it three to five times. Bounded both ways:
 * a few slow sagas cannot push the first look far out, and the pace after it stays steady.
 */
export class SagaPace {
  private estimateMs: number;
  private deviationMs = 0;

  constructor(private readonly bounds: { initialMs: number; minMs: number; maxMs: number } = { initialMs: 250, minMs: 50, maxMs: 1_500 }) {
    this.estimateMs = bounds.initialMs;
  }

  firstLookMs(): number {
    const margin = Math.max(this.estimateMs * 0.1, 2 * this.deviationMs);
    return Math.round(Math.min(this.bounds.maxMs, Math.max(this.bounds.minMs, this.estimateMs + margin)));
  }

  /** A saga that settled `ms` after the wait began. */
  observe(ms: number): void {
    const bounded = Math.min(this.bounds.maxMs, Math.max(0, ms));
    this.deviationMs = 0.8 * this.deviationMs + 0.2 * Math.abs(bounded - this.estimateMs);
    this.estimateMs = 0.8 * this.estimateMs + 0.2 * bounded;
  }
}

/**
 * Waits for the saga to settle the booking, reading the booking item (one consistent read a look):
 * first when a typical saga has settled (`pace`), then every `pollMs`, or a fifth of the time
 * waited so far once that is longer.
 * The HTTP API gives up at 30 s, so the caller passes about 25 s and answers 202 PENDING after that.
 */
export async function awaitBooking(
  deps: AwaitBookingDeps,
  bookingId: string,
  options: { timeoutMs: number; firstLookMs?: number; pollMs?: number },
): Promise<Booking> {
  const clock = deps.clock ?? realClock;
  const sleep = deps.sleep ?? realSleep;
  const started = clock().getTime();
  const deadline = started + options.timeoutMs;
  // A saga without faults settles in a few round trips: wait about that long first, then look at a steady pace.
  await sleep(Math.min(options.firstLookMs ?? deps.pace?.firstLookMs() ?? 100, options.timeoutMs));
  for (;;) {
    const booking = await deps.bookings.get(bookingId);
    if (!booking) throw new Error(`Booking ${bookingId} vanished`);
    if (isTerminal(booking.status)) {
      // Settled before this wait began (a repeated key of an older booking) says nothing about pace.
      const settledAfter = Date.parse(booking.updatedAt) - started;
      if (settledAfter >= 0) deps.pace?.observe(settledAfter);
      return booking;
    }
    // A saga slower than usual (a loaded dependency, a retry): look less often as the wait grows, at
    // most a fifth of the time waited so far late, so a slow checkout is not read ten times over.
    const now = clock().getTime();
    const pause = Math.max(options.pollMs ?? 150, Math.round((now - started) / 5));
    if (now + pause > deadline) return booking;
    await sleep(pause);
  }
}
