import { describe, expect, it } from 'vitest';
import type { Booking } from '../../../../shared/domain/booking.ts';
import type { IdempotencyRecord } from '../../../../shared/ports/booking.repository.ts';
import { GuestEventSchemas } from '../../../../shared/use-cases/notifications/guest-event-schemas.ts';
import { fanOutHotelDeactivation } from '../../../../shared/use-cases/notifications/hotel-deactivation.use-case.ts';
import { FakeBookingRepository } from '../../../support/fakes/booking.repository.fake.ts';
import { fakeClock } from '../../../support/fakes/clock.fake.ts';
import { FakeEventPublisher } from '../../../support/fakes/event-publisher.fake.ts';
import { FakeHotelCatalog } from '../../../support/fakes/hotel-catalog.repository.fake.ts';
import { aBooking, aHotel } from '../../../support/fixtures.ts';

describe('fanOutHotelDeactivation', () => {
  it('publishes booking.hotel_deactivated for each confirmed booking of the hotel from today on, with the same ids on a redelivery', async () => {
    const bookings = new FakeBookingRepository();
    const catalog = new FakeHotelCatalog();
    await catalog.putHotel(aHotel());
    const seed: Partial<Booking>[] = [
      { checkIn: '2026-12-03' },
      { checkIn: '2027-01-10' },
      { checkIn: '2026-12-01' },
      { checkIn: '2026-12-20', status: 'PENDING' },
      { checkIn: '2026-12-20', hotelId: 'htl_other' },
    ];
    for (const [i, overrides] of seed.entries()) {
      const b = aBooking({ bookingId: `bk_${i}`, idempotencyKey: `k${i}`, status: 'CONFIRMED', ...overrides });
      await bookings.createPending(b, { keyHash: b.idempotencyKey, bookingId: b.bookingId } as IdempotencyRecord);
    }
    const events = new FakeEventPublisher();
    const deps = { bookings, catalog, events, clock: fakeClock('2026-12-03T01:00:00.000Z') };
    const deactivated = { id: 'eb-1', type: 'hotel.deactivated', detail: { eventId: 'audit-7', hotelId: 'htl_seoul_1' } };

    const first = await fanOutHotelDeactivation(deps, deactivated);
    await fanOutHotelDeactivation(deps, { ...deactivated, id: 'eb-2' });

    expect(first.notified).toBe(2);
    for (const e of events.ofType('booking.hotel_deactivated')) expect(GuestEventSchemas['booking.hotel_deactivated'].strict().parse(e.detail)).toEqual(e.detail);
    const ids = events.ofType('booking.hotel_deactivated').map((e) => e.detail.eventId);
    expect(ids.slice(0, 2).sort()).toEqual(['hotel.deactivated:audit-7:bk_0', 'hotel.deactivated:audit-7:bk_1']);
    expect(ids.slice(2).sort()).toEqual(ids.slice(0, 2).sort());
  });
});
