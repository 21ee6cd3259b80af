import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../shared/domain/errors.ts';
import { getBookingFor, getBookingForAdmin, listBookings } from '../../../shared/use-cases/bookings.use-cases.ts';
import { FakeBookingRepository } from '../../support/fakes/booking.repository.fake.ts';
import { aBooking } from '../../support/fixtures.ts';

function setup() {
  const bookings = new FakeBookingRepository();
  bookings.seed(aBooking({ bookingId: 'bk_1', guestInfo: { firstName: 'Ji-woo', lastName: 'Kim', email: 'JiWoo@Example.com', phone: '+82 10 1' } }));
  return bookings;
}

describe('getBookingFor', () => {
  it('shows the booking to its guest, whatever the case of the verified e-mail', async () => {
    const booking = await getBookingFor(setup(), 'bk_1', { subject: 'guest-1', email: 'jiwoo@example.COM', isAdmin: false });

    expect(booking.bookingId).toBe('bk_1');
  });

  it('shows any booking to an admin', async () => {
    const booking = await getBookingFor(setup(), 'bk_1', { subject: 'admin-1', isAdmin: true });

    expect(booking.bookingId).toBe('bk_1');
  });

  it.each([
    ['another guest', { subject: 'guest-2', email: 'someone@example.com', isAdmin: false }],
    ['a token without an e-mail', { subject: 'guest-3', isAdmin: false }],
  ])('answers 404 (not 403) to %s, so booking ids cannot be probed', async (_who, viewer) => {
    const error = await getBookingFor(setup(), 'bk_1', viewer).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).code).toBe('NOT_FOUND');
  });

  it('answers 404 for a booking that does not exist, even to an admin', async () => {
    await expect(getBookingFor(setup(), 'bk_none', { subject: 'admin-1', isAdmin: true })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('getBookingForAdmin', () => {
  it('returns the booking, or 404', async () => {
    const bookings = setup();

    expect((await getBookingForAdmin(bookings, 'bk_1')).bookingId).toBe('bk_1');
    await expect(getBookingForAdmin(bookings, 'bk_none')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('listBookings', () => {
  it('pages through a hotel\'s bookings by status, newest check-in first', async () => {
    // Prepare
    const bookings = new FakeBookingRepository();
    bookings.seed(aBooking({ bookingId: 'a', hotelId: 'h1', checkIn: '2026-05-01', status: 'CONFIRMED' }));
    bookings.seed(aBooking({ bookingId: 'b', hotelId: 'h1', checkIn: '2026-05-02', status: 'FAILED' }));
    bookings.seed(aBooking({ bookingId: 'c', hotelId: 'h1', checkIn: '2026-05-03', status: 'CONFIRMED' }));
    bookings.seed(aBooking({ bookingId: 'd', hotelId: 'h2', checkIn: '2026-05-04', status: 'CONFIRMED' }));

    // Act
    const first = await listBookings(bookings, { hotelId: 'h1', status: 'CONFIRMED', limit: 1 });
    const second = await listBookings(bookings, { hotelId: 'h1', status: 'CONFIRMED', limit: 1, after: first.next! });

    // Assess
    expect(first.items.map((b) => b.bookingId)).toEqual(['c']);
    expect(second.items.map((b) => b.bookingId)).toEqual(['a']);
    expect(second.next).toBeUndefined();
  });
});
