import { describe, expect, it } from 'vitest';
import type { Booking } from '../../../../shared/domain/booking.ts';
import type { IdempotencyRecord } from '../../../../shared/ports/booking.repository.ts';
import { GuestEventSchemas } from '../../../../shared/use-cases/notifications/guest-event-schemas.ts';
import { publishArrivalReminders } from '../../../../shared/use-cases/notifications/arrival-reminders.use-case.ts';
import { FakeBookingRepository } from '../../../support/fakes/booking.repository.fake.ts';
import { fakeClock } from '../../../support/fakes/clock.fake.ts';
import { FakeEventPublisher } from '../../../support/fakes/event-publisher.fake.ts';
import { FakeHotelCatalog } from '../../../support/fakes/hotel-catalog.repository.fake.ts';
import { FakeSentMailLog } from '../../../support/fakes/mail.fake.ts';
import { aBooking, aHotel, aRoomType } from '../../../support/fixtures.ts';

async function setup(now: string, bookings: Partial<Booking>[]) {
  const repo = new FakeBookingRepository();
  const catalog = new FakeHotelCatalog();
  await catalog.putHotel(aHotel());
  await catalog.putRoomType(aRoomType({ checkInTime: '15:00' }));
  for (const [i, overrides] of bookings.entries()) {
    const b = aBooking({ bookingId: `bk_${i}`, idempotencyKey: `k${i}`, status: 'CONFIRMED', ...overrides });
    await repo.createPending(b, { keyHash: b.idempotencyKey, bookingId: b.bookingId } as IdempotencyRecord);
  }
  const events = new FakeEventPublisher();
  const once = new FakeSentMailLog();
  const clock = fakeClock(now);
  return { deps: { bookings: repo, catalog, events, once, clock }, events, clock };
}

describe('publishArrivalReminders', () => {
  // 2026-12-03 16:00 in Seoul (UTC+9): arrivals at 15:00 Seoul time on the 4th and 5th are 23 h and 47 h away.
  const NOW = '2026-12-03T07:00:00.000Z';

  it('reminds each confirmed booking arriving within 48 hours (the hotel\'s check-in time, in its zone) once', async () => {
    const { deps, events } = await setup(NOW, [
      { checkIn: '2026-12-04' },
      { checkIn: '2026-12-05' },
      { checkIn: '2026-12-06' },
      { checkIn: '2026-12-03' },
      { checkIn: '2026-12-04', status: 'CANCELLED_BY_HOTEL' },
    ]);

    const first = await publishArrivalReminders(deps);
    const again = await publishArrivalReminders(deps);

    expect(first.published).toBe(2);
    expect(again.published).toBe(0);
    const details = events.ofType('booking.arrival_reminder').map((e) => e.detail);
    expect(details).toHaveLength(2);
    for (const detail of details) expect(GuestEventSchemas['booking.arrival_reminder'].strict().safeParse(detail).success).toBe(true);
    expect(details).toEqual(
      expect.arrayContaining([
        { version: 1, eventId: 'booking.arrival_reminder:bk_0:2026-12-04', bookingId: 'bk_0', hotelId: 'htl_seoul_1', checkIn: '2026-12-04' },
        { version: 1, eventId: 'booking.arrival_reminder:bk_1:2026-12-05', bookingId: 'bk_1', hotelId: 'htl_seoul_1', checkIn: '2026-12-05' },
      ]),
    );
  });

  it('publishes again after a run that died before remembering (the mail consumer drops the duplicate by its event id)', async () => {
    const { deps, events } = await setup(NOW, [{ checkIn: '2026-12-04' }]);
    deps.events.failures.arm('publish', new Error('bus down'), { executed: true });

    await expect(publishArrivalReminders(deps)).rejects.toThrow('bus down');
    const retried = await publishArrivalReminders(deps);

    expect(retried.published).toBe(1);
    expect(new Set(events.ofType('booking.arrival_reminder').map((e) => e.detail.eventId)).size).toBe(1);
    expect(events.ofType('booking.arrival_reminder')).toHaveLength(2);
  });
});
