import { describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError } from '../../../shared/domain/errors.ts';
import { getBookingFor, getBookingForAdmin, getBookingForStaff, listBookings, listMyBookings } from '../../../shared/use-cases/bookings.use-cases.ts';
import { FakeBookingRepository } from '../../support/fakes/booking.repository.fake.ts';
import { aBooking } from '../../support/fixtures.ts';

function setup() {
  const bookings = new FakeBookingRepository();
  bookings.seed(aBooking({ bookingId: 'bk_1', guestInfo: { firstName: 'Ji-woo', lastName: 'Kim', email: 'JiWoo@Example.com', phone: '+82 10 1' } }));
  return bookings;
}

describe('getBookingFor', () => {
  it('shows the booking to its guest, whatever the case of the verified e-mail', async () => {
    const booking = await getBookingFor(setup(), 'bk_1', { subject: 'guest-1', verifiedEmail: 'jiwoo@example.COM', isAdmin: false });

    expect(booking.bookingId).toBe('bk_1');
  });

  it('shows any booking to an admin', async () => {
    const booking = await getBookingFor(setup(), 'bk_1', { subject: 'admin-1', isAdmin: true });

    expect(booking.bookingId).toBe('bk_1');
  });

  it.each([
    ['another guest', { subject: 'guest-2', verifiedEmail: 'someone@example.com', isAdmin: false }],
    ['a token without a verified e-mail (an unverified one is never carried)', { subject: 'guest-3', isAdmin: false }],
  ])('answers 404 (not 403) to %s, so booking ids cannot be probed', async (_who, viewer) => {
    const error = await getBookingFor(setup(), 'bk_1', viewer).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).code).toBe('NOT_FOUND');
  });

  it('answers 404 for a booking that does not exist, even to an admin', async () => {
    await expect(getBookingFor(setup(), 'bk_none', { subject: 'admin-1', isAdmin: true })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('getBookingFor: owned bookings', () => {
  function owned() {
    const bookings = new FakeBookingRepository();
    bookings.seed(aBooking({ bookingId: 'bk_own', ownerSub: 'sub-owner', guestInfo: { firstName: 'A', lastName: 'B', email: 'shared@example.com', phone: '+82 10 1' } }));
    return bookings;
  }

  it('shows a booking made signed in to its owner, whatever their e-mail', async () => {
    const booking = await getBookingFor(owned(), 'bk_own', { subject: 'sub-owner', isAdmin: false });

    expect(booking.ownerSub).toBe('sub-owner');
  });

  it('does not let the e-mail it was booked with claim an owned booking, even verified', async () => {
    const error = await getBookingFor(owned(), 'bk_own', { subject: 'sub-other', verifiedEmail: 'shared@example.com', isAdmin: false }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NotFoundError);
  });
});

describe('getBookingForStaff', () => {
  it('shows a hotel manager the bookings of their hotels and answers 404 for any other hotel', async () => {
    const bookings = setup();

    expect((await getBookingForStaff(bookings, 'bk_1', { kind: 'hotels', hotelIds: ['htl_seoul_1'] })).bookingId).toBe('bk_1');
    await expect(getBookingForStaff(bookings, 'bk_1', { kind: 'hotels', hotelIds: ['htl_other'] })).rejects.toBeInstanceOf(NotFoundError);
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

describe('listBookings for a hotel manager', () => {
  function threeHotels() {
    const bookings = new FakeBookingRepository();
    bookings.seed(aBooking({ bookingId: 'a', hotelId: 'h1', checkIn: '2026-05-01' }));
    bookings.seed(aBooking({ bookingId: 'b', hotelId: 'h2', checkIn: '2026-05-02' }));
    bookings.seed(aBooking({ bookingId: 'c', hotelId: 'h3', checkIn: '2026-05-03' }));
    return bookings;
  }

  it('lists only the manager\'s hotels when no hotel is named', async () => {
    const page = await listBookings(threeHotels(), { limit: 10 }, { kind: 'hotels', hotelIds: ['h1', 'h3'] });

    expect(page.items.map((b) => b.bookingId)).toEqual(['c', 'a']);
  });

  it('refuses a hotel the manager does not manage', async () => {
    await expect(listBookings(threeHotels(), { hotelId: 'h2', limit: 10 }, { kind: 'hotels', hotelIds: ['h1'] })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('listMyBookings', () => {
  it('lists what the guest owns and, with a verified e-mail, what was booked without an account with it', async () => {
    // Prepare
    const bookings = new FakeBookingRepository();
    const email = (address: string) => ({ firstName: 'A', lastName: 'B', email: address, phone: '+82 10 1' });
    bookings.seed(aBooking({ bookingId: 'mine', ownerSub: 'g1', createdAt: '2026-01-03T00:00:00.000Z', guestInfo: email('other@example.com') }));
    bookings.seed(aBooking({ bookingId: 'anon', createdAt: '2026-01-02T00:00:00.000Z', guestInfo: email('ME@example.com') }));
    bookings.seed(aBooking({ bookingId: 'theirs', ownerSub: 'g2', createdAt: '2026-01-04T00:00:00.000Z', guestInfo: email('me@example.com') }));

    // Act
    const verified = await listMyBookings(bookings, { subject: 'g1', verifiedEmail: 'me@example.com', isAdmin: false }, { today: '2026-01-01', limit: 10 });
    const unverified = await listMyBookings(bookings, { subject: 'g1', isAdmin: false }, { today: '2026-01-01', limit: 10 });

    // Assess
    expect(verified.items.map((b) => b.bookingId)).toEqual(['mine', 'anon']);
    expect(unverified.items.map((b) => b.bookingId)).toEqual(['mine']);
  });
});
