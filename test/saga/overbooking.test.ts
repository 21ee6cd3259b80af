import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as checkout } from '../../functions/booking/checkout.ts';
import { addDays, todayIn } from '../../shared/domain/dates.ts';
import { SoldOutError } from '../../shared/domain/booking-errors.ts';
import { routes } from '../../shared/http/route-table.ts';
import { assertInventoryInvariant, startSagaHarness, type SagaHarness } from '../support/saga-harness.ts';
import { httpEvent, invoke } from '../support/events.ts';
import { aHotel, aRatePlan, aRoomType, nights } from '../support/fixtures.ts';

const HOTEL = 'htl_over';
const ROOM = 'rt_ten';
const night = addDays(todayIn('Asia/Seoul'), 60);

describe('overbooking cap under concurrency', () => {
  let h: SagaHarness;

  beforeAll(async () => {
    // The cap is what this test is about, not the gateway's speed: 200 checkouts at once on a loaded
    // 2-core machine queue at the payment simulator past the default 8 s client timeout, and a
    // checkout that fails there (PAYMENT_UNAVAILABLE) sells nothing. The Task state allows 20 s.
    h = await startSagaHarness({ STRIPE_TIMEOUT_MS: '19000' });
    await h.container.catalog.putHotel(aHotel({ hotelId: HOTEL }));
    await h.container.catalog.putRoomType(aRoomType({ hotelId: HOTEL, roomTypeId: ROOM, maxOccupancy: 2 }));
    await h.container.catalog.putRatePlan(aRatePlan({ hotelId: HOTEL, roomTypeId: ROOM }));
    await h.container.inventory.createNights(nights(HOTEL, ROOM, night, addDays(night, 5), 10));
  });

  afterAll(async () => {
    await h.stop();
  });

  it('sells exactly 11 of 10 rooms (110%) to 200 concurrent checkouts', async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        invoke(
          checkout,
          httpEvent(routes.checkout, {
            headers: { 'idempotency-key': `over-${i}` },
            body: {
              hotelId: HOTEL,
              roomTypeId: ROOM,
              checkIn: night,
              checkOut: addDays(night, 1),
              rooms: 1,
              guests: 1,
              guestInfo: { firstName: 'G', lastName: `${i}`, email: `g${i}@example.com`, phone: '+82 10 0000 0000' },
              payment: { paymentMethodId: 'pm_card_visa' },
            },
          }),
        ),
      ),
    );
    // Outcomes, not timings: under CPU load a saga may outlast the request's wait (202), so each
    // request is judged by where its booking ended once every saga has settled.
    await h.aws.idle();
    const outcomes = await Promise.all(
      results.map(async (r) => {
        if (r.statusCode === 409) return 'SOLD_OUT';
        const bookingId: string | undefined = r.body.data?.bookingId ?? r.body.bookingId ?? r.body.error?.details?.bookingId;
        const booking = bookingId ? await h.container.bookings.get(bookingId) : undefined;
        return `${r.statusCode}:${booking?.status ?? r.body.error?.code}:${booking?.failureCode ?? ''}`;
      }),
    );
    const confirmed = outcomes.filter((o) => /^20[12]:CONFIRMED:$/.test(o));
    const soldOut = outcomes.filter((o) => o === 'SOLD_OUT' || /^(409|202):FAILED:SOLD_OUT$/.test(o));
    const tally = Object.entries(Object.groupBy(outcomes, (o) => o)).map(([o, list]) => `${o} x${list?.length ?? 0}`);
    expect(confirmed, tally.join(', ')).toHaveLength(11);
    expect(soldOut, tally.join(", ")).toHaveLength(189);
    const [stored] = await h.container.inventory.getNights(HOTEL, ROOM, night, night);
    expect(stored).toMatchObject({ total: 10, sellLimit: 11, reserved: 11, remaining: 0 });
    await assertInventoryInvariant(h);
  }, 120_000);

  it('takes all nights of a stay or none', async () => {
    // Night 3 of the stay has only one room left; a 2-room, 3-night hold must take nothing at all.
    await h.container.holds.place(
      { bookingId: 'bk_block', hotelId: HOTEL, roomTypeId: ROOM, nights: [addDays(night, 3)], rooms: 10, expiresAt: new Date(Date.now() + 600_000).toISOString() },
      new Date(),
    );
    await expect(
      h.container.holds.place(
        { bookingId: 'bk_multi', hotelId: HOTEL, roomTypeId: ROOM, nights: [addDays(night, 1), addDays(night, 2), addDays(night, 3)], rooms: 2, expiresAt: new Date(Date.now() + 600_000).toISOString() },
        new Date(),
      ),
    ).rejects.toBeInstanceOf(SoldOutError);
    const stay = await h.container.inventory.getNights(HOTEL, ROOM, addDays(night, 1), addDays(night, 3));
    expect(stay.map((n) => n.reserved)).toEqual([0, 0, 10]);
    expect(await h.container.holds.get('bk_multi')).toBeUndefined();
    await assertInventoryInvariant(h);
  });
});
