import { describe, expect, it, vi } from 'vitest';
import { awaitBooking, SagaPace } from '../../../../shared/use-cases/checkout/await-booking.use-case.ts';
import { FakeBookingRepository } from '../../../support/fakes/booking.repository.fake.ts';
import { fakeClock } from '../../../support/fakes/clock.fake.ts';
import { aBooking } from '../../../support/fixtures.ts';

const NOW = '2026-03-01T10:00:00.000Z';

describe('awaitBooking', () => {
  it('returns as soon as the saga settled the booking, after the first look', async () => {
    // Prepare: already confirmed.
    const clock = fakeClock(NOW);
    const bookings = new FakeBookingRepository();
    bookings.seed(aBooking({ bookingId: 'bk1', status: 'CONFIRMED' }));

    // Act
    const booking = await awaitBooking({ bookings, clock, sleep: clock.sleep }, 'bk1', { timeoutMs: 25_000, firstLookMs: 100, pollMs: 150 });

    // Assess
    expect(booking.status).toBe('CONFIRMED');
    expect(clock.sleeps).toEqual([100]);
  });

  it('keeps looking at a steady pace until the saga settles', async () => {
    // Prepare: the saga fails the booking 1 s (virtual) from now.
    const clock = fakeClock(NOW);
    const bookings = new FakeBookingRepository();
    bookings.seed(aBooking({ bookingId: 'bk1' }));
    void clock.sleep(1_000).then(() => bookings.recordStep('bk1', undefined, { status: 'FAILED', failureCode: 'SOLD_OUT' }, clock()));

    // Act
    const booking = await awaitBooking({ bookings, clock, sleep: clock.sleep }, 'bk1', { timeoutMs: 25_000, firstLookMs: 100, pollMs: 150 });

    // Assess: looks at 100, 250, ..., 850 ms, then a fifth of the 850 ms waited: 1020 ms, after the saga's write.
    expect(booking).toMatchObject({ status: 'FAILED', failureCode: 'SOLD_OUT' });
    expect(clock().toISOString()).toBe('2026-03-01T10:00:01.020Z');
    const [, ...waits] = clock.sleeps;
    expect(waits).toEqual([100, 150, 150, 150, 150, 150, 170]);
  });

  it('looks less often as a slow saga keeps it waiting: at most a fifth of the time waited late', async () => {
    // Prepare: a saga that takes 5 s (a loaded machine, a retried step).
    const clock = fakeClock(NOW);
    const bookings = new FakeBookingRepository();
    bookings.seed(aBooking({ bookingId: 'bk1' }));
    void clock.sleep(5_000).then(() => bookings.recordStep('bk1', undefined, { status: 'CONFIRMED' }, clock()));
    const get = vi.spyOn(bookings, 'get');

    // Act
    await awaitBooking({ bookings, clock, sleep: clock.sleep }, 'bk1', { timeoutMs: 25_000, firstLookMs: 1_000, pollMs: 150 });

    // Assess: 1000, 1200, 1440, 1728, 2074, 2489, 2987, 3584, 4301, 5161 ms: ten reads instead of thirty.
    expect(get).toHaveBeenCalledTimes(10);
    expect(clock.nowMs() - Date.parse(NOW)).toBeLessThanOrEqual(5_000 * 1.2);
  });

  it('gives up at the deadline and returns the booking still PENDING (the handler answers 202)', async () => {
    // Prepare: a saga that never settles.
    const clock = fakeClock(NOW);
    const bookings = new FakeBookingRepository();
    bookings.seed(aBooking({ bookingId: 'bk1' }));

    // Act
    const booking = await awaitBooking({ bookings, clock, sleep: clock.sleep }, 'bk1', { timeoutMs: 1_000, firstLookMs: 100, pollMs: 150 });

    // Assess: it never sleeps past the deadline.
    expect(booking.status).toBe('PENDING');
    expect(clock.nowMs() - Date.parse(NOW)).toBeLessThanOrEqual(1_000);
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBe(clock.nowMs() - Date.parse(NOW));
  });

  it('never waits longer than the timeout for the first look', async () => {
    const clock = fakeClock(NOW);
    const bookings = new FakeBookingRepository();
    bookings.seed(aBooking({ bookingId: 'bk1' }));

    await awaitBooking({ bookings, clock, sleep: clock.sleep }, 'bk1', { timeoutMs: 50, firstLookMs: 100 });

    expect(clock.sleeps).toEqual([50]);
  });

  it('learns how long sagas take and looks first a little after that, so a typical checkout reads the booking once', async () => {
    // Prepare: sagas that settle 400 ms after the wait begins.
    const clock = fakeClock(NOW);
    const bookings = new FakeBookingRepository();
    const pace = new SagaPace({ initialMs: 100, minMs: 50, maxMs: 1_500 });
    const get = vi.spyOn(bookings, 'get');
    const checkout = async (id: string) => {
      bookings.seed(aBooking({ bookingId: id }));
      const begun = clock.nowMs();
      void clock.sleep(400).then(() => bookings.recordStep(id, undefined, { status: 'CONFIRMED' }, new Date(begun + 400)));
      get.mockClear();
      await awaitBooking({ bookings, clock, sleep: clock.sleep, pace }, id, { timeoutMs: 25_000 });
      return get.mock.calls.length;
    };

    // Act: twenty checkouts in a row.
    const reads: number[] = [];
    for (let i = 0; i < 20; i++) reads.push(await checkout(`bk${i}`));

    // Assess: the first ones look early and again; once learnt, one look each.
    expect(reads[0]).toBeGreaterThan(1);
    expect(reads.slice(-5)).toEqual([1, 1, 1, 1, 1]);
    expect(pace.firstLookMs()).toBeGreaterThanOrEqual(400);
    expect(pace.firstLookMs()).toBeLessThanOrEqual(460);
  });

  it('looks later when saga durations spread (many checkouts at once), so most still read the booking once', () => {
    const steady = new SagaPace({ initialMs: 1_000, minMs: 50, maxMs: 3_000 });
    const spread = new SagaPace({ initialMs: 1_000, minMs: 50, maxMs: 3_000 });

    // The same typical duration (1 s); one pace sees 1 s every time, the other 0.7 s and 1.3 s in turn.
    for (let i = 0; i < 40; i++) {
      steady.observe(1_000);
      spread.observe(i % 2 === 0 ? 700 : 1_300);
    }

    expect(steady.firstLookMs()).toBe(1_100);
    // A tenth would look before the slower half settled; two deviations look after it.
    expect(spread.firstLookMs()).toBeGreaterThanOrEqual(1_300);
    expect(spread.firstLookMs()).toBeLessThanOrEqual(1_700);
  });

  it('keeps the first look within its bounds however slow or fast sagas were', () => {
    const pace = new SagaPace({ initialMs: 200, minMs: 50, maxMs: 1_000 });

    for (let i = 0; i < 50; i++) pace.observe(60_000);
    const slow = pace.firstLookMs();
    for (let i = 0; i < 50; i++) pace.observe(0);

    expect(slow).toBe(1_000);
    expect(pace.firstLookMs()).toBe(50);
  });

  it('throws when the booking is not there at all', async () => {
    const clock = fakeClock(NOW);

    await expect(awaitBooking({ bookings: new FakeBookingRepository(), clock, sleep: clock.sleep }, 'bk_none', { timeoutMs: 1_000 })).rejects.toThrow('bk_none vanished');
  });
});
