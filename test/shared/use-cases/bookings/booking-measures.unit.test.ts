import { describe, expect, it } from 'vitest';
import { ALL_HOTELS, hotelAccessOf } from '../../../../shared/domain/access.ts';
import type { Booking } from '../../../../shared/domain/booking.ts';
import { ForbiddenError } from '../../../../shared/domain/errors.ts';
import { bookingMeasures } from '../../../../shared/use-cases/bookings/booking-measures.use-case.ts';
import { FakeBookingRepository } from '../../../support/fakes/booking.repository.fake.ts';
import { FakeHotelCatalog } from '../../../support/fakes/hotel-catalog.repository.fake.ts';
import { aBooking, aHotel } from '../../../support/fixtures.ts';

const SEOUL = 'htl_seoul';
const LA = 'htl_la';
/** 2027-03-10 14:00 UTC: 23:00 in Seoul (still the 10th), 07:00 in Los Angeles (the 10th). */
const NOW = new Date('2027-03-10T14:00:00.000Z');

let n = 0;
function booking(overrides: Partial<Booking>): Booking {
  n++;
  return aBooking({ bookingId: `bk_${n}`, idempotencyKey: `k_${n}`, hotelId: SEOUL, createdAt: '2027-01-01T00:00:00.000Z', ...overrides });
}

function setup() {
  n = 0;
  const catalog = new FakeHotelCatalog();
  catalog.seed({ hotel: aHotel({ hotelId: SEOUL, name: 'Seoul', timeZone: 'Asia/Seoul' }) });
  catalog.seed({ hotel: aHotel({ hotelId: LA, name: 'LA', timeZone: 'America/Los_Angeles' }) });
  const bookings = new FakeBookingRepository();
  const seed = (b: Booking) => bookings.seed(b);
  // Stays around March 10th at Seoul.
  seed(booking({ checkIn: '2027-03-10', checkOut: '2027-03-12', status: 'CONFIRMED' })); // arrival, due
  seed(booking({ checkIn: '2027-03-10', checkOut: '2027-03-11', status: 'CHECKED_IN' })); // arrival, arrived, in house
  seed(booking({ checkIn: '2027-03-10', checkOut: '2027-03-12', status: 'CANCELLED' })); // not an arrival
  seed(booking({ checkIn: '2027-03-08', checkOut: '2027-03-10', status: 'CHECKED_OUT' })); // departure
  seed(booking({ checkIn: '2027-03-07', checkOut: '2027-03-10', status: 'CHECKED_IN' })); // departure, in house until they leave
  seed(booking({ checkIn: '2027-02-20', checkOut: '2027-03-15', status: 'CHECKED_IN' })); // long stay, in house
  seed(booking({ checkIn: '2027-03-09', checkOut: '2027-03-10', status: 'NO_SHOW' })); // nothing
  // Checkouts started on March 10th, Seoul time (UTC 09th 15:00 to 10th 15:00).
  const started = (createdAt: string, o: Partial<Booking>) => seed(booking({ checkIn: '2027-05-01', checkOut: '2027-05-02', createdAt, ...o }));
  started('2027-03-09T15:00:00.000Z', { status: 'CONFIRMED', confirmationNumber: 'C1', holdExpiresAt: 'x' });
  started('2027-03-10T01:00:00.000Z', { status: 'CANCELLED', confirmationNumber: 'C2', holdExpiresAt: 'x' }); // confirmed, then cancelled
  started('2027-03-10T02:00:00.000Z', { status: 'FAILED', failureCode: 'HOLD_EXPIRED', holdExpiresAt: 'x' });
  started('2027-03-10T03:00:00.000Z', { status: 'FAILED', failureCode: 'SOLD_OUT' }); // no hold placed
  started('2027-03-10T04:00:00.000Z', { status: 'NEEDS_ATTENTION', failureCode: 'PMS_UNAVAILABLE', holdExpiresAt: 'x' });
  // Confirmed by the PMS, then the capture failed: a failed checkout despite its confirmation number.
  started('2027-03-10T05:00:00.000Z', { status: 'FAILED', failureCode: 'PAYMENT_UNAVAILABLE', confirmationNumber: 'C9', holdExpiresAt: 'x' });
  started('2027-03-10T13:59:00.000Z', { status: 'PENDING', holdExpiresAt: 'x' });
  started('2027-03-09T14:59:59.000Z', { status: 'CONFIRMED', confirmationNumber: 'C0' }); // the 9th in Seoul
  started('2027-03-10T15:00:00.000Z', { status: 'FAILED' }); // the 11th in Seoul
  // One at LA.
  seed(booking({ hotelId: LA, checkIn: '2027-03-10', checkOut: '2027-03-11', status: 'CONFIRMED', createdAt: '2027-03-10T10:00:00.000Z', confirmationNumber: 'L1' }));
  return { catalog, bookings, search: bookings, clock: () => NOW };
}

describe('bookingMeasures', () => {
  it("counts a hotel's day in its own time zone", async () => {
    const [seoul] = await bookingMeasures(setup(), { hotelId: SEOUL }, ALL_HOTELS);
    expect(seoul).toMatchObject({
      hotelId: SEOUL,
      date: '2027-03-10',
      arrivals: 2,
      departures: 2,
      inHouse: 3,
      bookingsMade: 2,
      checkouts: { started: 7, confirmed: 2, failed: 4, running: 1 },
      holds: { placed: 6, expired: 1 },
      // The NEEDS_ATTENTION checkout above is the hotel's one booking needing attention.
      needsAttention: 1,
      complete: true,
    });
    expect(seoul!.successRate).toBeCloseTo(2 / 6);
    expect(seoul!.holdExpiryRate).toBeCloseTo(1 / 6);
  });

  it('measures a date asked for, and gives no rate where nothing had an outcome', async () => {
    const [seoul] = await bookingMeasures(setup(), { hotelId: SEOUL, date: '2027-03-11' }, ALL_HOTELS);
    expect(seoul).toMatchObject({ date: '2027-03-11', checkouts: { started: 1, confirmed: 0, failed: 1, running: 0 }, successRate: 0, holdExpiryRate: null });
  });

  it('gives an admin every hotel and a hotel manager only theirs', async () => {
    const all = await bookingMeasures(setup(), {}, ALL_HOTELS);
    expect(all.map((h) => h.hotelId).sort()).toEqual([LA, SEOUL]);
    const mine = await bookingMeasures(setup(), {}, hotelAccessOf([LA]));
    expect(mine.map((h) => h.hotelId)).toEqual([LA]);
    expect(mine[0]).toMatchObject({ arrivals: 1, bookingsMade: 1, successRate: 1 });
    await expect(bookingMeasures(setup(), { hotelId: SEOUL }, hotelAccessOf([LA]))).rejects.toBeInstanceOf(ForbiddenError);
  });
});
