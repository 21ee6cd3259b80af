import { describe, expect, it } from 'vitest';
import { hotelAccessOf } from '../../../../shared/domain/access.ts';
import { ForbiddenError, ValidationError } from '../../../../shared/domain/errors.ts';
import { searchBookings } from '../../../../shared/use-cases/bookings.use-cases.ts';
import { FakeBookingRepository } from '../../../support/fakes/booking.repository.fake.ts';
import { aBooking } from '../../../support/fixtures.ts';

const ID_A = 'bk_aaaaaaaaaaaaaaaaaaaa';
const ID_B = 'bk_bbbbbbbbbbbbbbbbbbbb';
const ID_C = 'bk_cccccccccccccccccccc';

function setup() {
  const bookings = new FakeBookingRepository();
  bookings.seed(aBooking({ bookingId: ID_A, hotelId: 'htl_1', status: 'CONFIRMED', checkIn: '2027-01-05', guestInfo: { firstName: 'Zoë', lastName: "O'Brien", email: 'Zoe@Example.com', phone: '1' } }));
  bookings.seed(aBooking({ bookingId: ID_B, hotelId: 'htl_2', status: 'FAILED', checkIn: '2027-01-06', guestInfo: { firstName: 'Zoe', lastName: 'Park', email: 'zoe@example.com', phone: '2' } }));
  bookings.seed(aBooking({ bookingId: ID_C, hotelId: 'htl_1', status: 'CONFIRMED', checkIn: '2027-02-01', guestInfo: { firstName: 'Min', lastName: 'Obrien', email: 'min@example.com', phone: '3' } }));
  return { bookings, search: bookings };
}

const ids = (page: { items: { bookingId: string }[] }) => page.items.map((b) => b.bookingId).sort();

describe('searchBookings', () => {
  it('finds a name by the start of the given or the family name, ignoring case, accents and punctuation', async () => {
    const deps = setup();
    expect(ids(await searchBookings(deps, { q: 'zoe', limit: 10 }))).toEqual([ID_A, ID_B]);
    expect(ids(await searchBookings(deps, { q: 'o’BRIEN', limit: 10 }))).toEqual([ID_A, ID_C]);
    expect(ids(await searchBookings(deps, { q: 'Obrien Zo', limit: 10 }))).toEqual([ID_A]);
  });

  it('finds an e-mail exactly, in any case, and never by a part of it', async () => {
    const deps = setup();
    expect(ids(await searchBookings(deps, { q: 'ZOE@example.com', limit: 10 }))).toEqual([ID_A, ID_B]);
    expect(ids(await searchBookings(deps, { q: 'zoe@example', limit: 10 }))).toEqual([]);
  });

  it('finds a booking by its id, with the filters still applied', async () => {
    const deps = setup();
    expect(ids(await searchBookings(deps, { q: ID_A, limit: 10 }))).toEqual([ID_A]);
    expect(ids(await searchBookings(deps, { q: ID_A, status: 'FAILED', limit: 10 }))).toEqual([]);
  });

  it('combines with the status, hotel and check-in filters', async () => {
    const deps = setup();
    expect(ids(await searchBookings(deps, { q: 'zoe', status: 'FAILED', limit: 10 }))).toEqual([ID_B]);
    expect(ids(await searchBookings(deps, { q: 'obrien', hotelId: 'htl_1', from: '2027-01-10', limit: 10 }))).toEqual([ID_C]);
  });

  it("gives a hotel manager only their hotels' bookings, by name, e-mail or id", async () => {
    const deps = setup();
    const manager = hotelAccessOf(['htl_2']);
    expect(ids(await searchBookings(deps, { q: 'zoe', limit: 10 }, manager))).toEqual([ID_B]);
    expect(ids(await searchBookings(deps, { q: 'zoe@example.com', limit: 10 }, manager))).toEqual([ID_B]);
    expect(ids(await searchBookings(deps, { q: ID_A, limit: 10 }, manager))).toEqual([]);
    await expect(searchBookings(deps, { q: 'zoe', hotelId: 'htl_1', limit: 10 }, manager)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('pages through the matches to the end, each once', async () => {
    const deps = setup();
    const first = await searchBookings(deps, { q: 'o', limit: 1 });
    expect(first.next).toBeDefined();
    const second = await searchBookings(deps, { q: 'o', limit: 1, after: first.next! });
    expect(second.next).toBeUndefined();
    expect([...ids(first), ...ids(second)].sort()).toEqual([ID_A, ID_C]);
  });

  it('refuses text with nothing searchable with a 422', async () => {
    const error = await searchBookings(setup(), { q: "'-'", limit: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe('VALIDATION_ERROR');
  });
});
