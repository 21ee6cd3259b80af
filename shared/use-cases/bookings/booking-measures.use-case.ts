import { canAccessHotel, type HotelAccess } from '#domain/access.ts';
import { MAX_NIGHTS, type Booking } from '#domain/booking.ts';
import { measureDay, type DayMeasures } from '#domain/booking-measures.ts';
import { addDays, todayIn, zonedInstant, type IsoDate } from '#domain/dates.ts';
import { ForbiddenError, NotFoundError } from '#domain/errors.ts';
import type { Hotel } from '#domain/hotel.ts';
import type { BookingListQuery, BookingRepository, BookingSearchReader } from '#ports/booking.repository.ts';
import type { HotelCatalogReader } from '#ports/hotel-catalog.repository.ts';
import { inParallel } from '../in-parallel.ts';

export interface BookingMeasuresDeps {
  catalog: Pick<HotelCatalogReader, 'getHotel' | 'listHotels'>;
  bookings: Pick<BookingRepository, 'list'>;
  search: Pick<BookingSearchReader, 'startedBetween'>;
  clock: () => Date;
}

/**
 * What one request may read, so a hotel-day costs a bounded number of reads whatever the hotel's
 * size (docs/api.md "Booking measures"): `stays` bookings with a check-in in the 31 days up to the
 * date, `started` checkouts of the day, `attention` bookings examined for NEEDS_ATTENTION (a status
 * filter over the hotel's whole list, so this one is a sample of the newest check-ins), and
 * `hotels` hotels for an admin who names none. A hotel whose reads hit a cap is marked incomplete.
 */
export const MEASURE_LIMITS = { stays: 3_000, started: 1_000, attentionPages: 3, hotels: 100 } as const;

export interface HotelDayMeasures extends DayMeasures {
  hotelId: string;
  name: string;
  timeZone: string;
  /** The hotel's calendar date measured. */
  date: IsoDate;
  /** Bookings in NEEDS_ATTENTION now (not only that day's). */
  needsAttention: number;
  /** False when a read cap was reached: the counts are lower bounds. */
  complete: boolean;
}

/** Every page of a list, up to `maxItems` bookings; `complete` false when more were left. */
async function readList(bookings: BookingMeasuresDeps['bookings'], query: Omit<BookingListQuery, 'limit' | 'after'>, maxPages: number) {
  const found: Booking[] = [];
  let after: BookingListQuery['after'];
  for (let pages = 0; pages < maxPages; pages++) {
    const page = await bookings.list({ ...query, limit: 100, ...(after ? { after } : {}) });
    found.push(...page.items);
    after = page.next;
    if (!after) return { bookings: found, complete: true };
  }
  return { bookings: found, complete: false };
}

async function hotelsFor(deps: BookingMeasuresDeps, access: HotelAccess, hotelId: string | undefined): Promise<Hotel[]> {
  if (hotelId !== undefined) {
    if (!canAccessHotel(access, hotelId)) throw new ForbiddenError(`You do not manage hotel '${hotelId}'.`);
    const hotel = await deps.catalog.getHotel(hotelId);
    if (!hotel) throw new NotFoundError('Hotel', hotelId);
    return [hotel];
  }
  if (access.kind === 'hotels') {
    const hotels = await Promise.all(access.hotelIds.map((id) => deps.catalog.getHotel(id)));
    return hotels.filter((h): h is Hotel => h !== undefined);
  }
  return (await deps.catalog.listHotels({ page: 1, pageSize: MEASURE_LIMITS.hotels })).items;
}

/** One hotel's measures of `date` (its own today when absent). */
async function measureHotel(deps: BookingMeasuresDeps, hotel: Hotel, requested: IsoDate | undefined): Promise<HotelDayMeasures> {
  const date = requested ?? todayIn(hotel.timeZone, deps.clock());
  const dayStart = zonedInstant(date, '00:00', hotel.timeZone).toISOString();
  const dayEnd = zonedInstant(addDays(date, 1), '00:00', hotel.timeZone).toISOString();
  const [stays, started, attention] = await Promise.all([
    readList(deps.bookings, { hotelId: hotel.hotelId, from: addDays(date, -MAX_NIGHTS), to: date }, MEASURE_LIMITS.stays / 100),
    deps.search.startedBetween(hotel.hotelId, dayStart, dayEnd, MEASURE_LIMITS.started),
    readList(deps.bookings, { hotelId: hotel.hotelId, status: 'NEEDS_ATTENTION' }, MEASURE_LIMITS.attentionPages),
  ]);
  return {
    hotelId: hotel.hotelId,
    name: hotel.name,
    timeZone: hotel.timeZone,
    date,
    ...measureDay(date, stays.bookings, started.bookings),
    needsAttention: attention.bookings.length,
    complete: stays.complete && started.complete && attention.complete,
  };
}

/**
 * `GET /api/admin/metrics/bookings`: per hotel, the day's arrivals, departures and guests in house,
 * the checkouts started that day with their success rate and hold expiry rate, and the bookings
 * needing attention. An admin gets every hotel (or `hotelId`), a hotel manager theirs; a manager
 * naming another hotel is refused. Computed on read from the bookings and their search keys.
 */
export async function bookingMeasures(
  deps: BookingMeasuresDeps,
  query: { date?: IsoDate; hotelId?: string },
  access: HotelAccess,
): Promise<HotelDayMeasures[]> {
  const hotels = await hotelsFor(deps, access, query.hotelId);
  const out = new Map<string, HotelDayMeasures>();
  await inParallel(hotels, 4, async (hotel) => {
    out.set(hotel.hotelId, await measureHotel(deps, hotel, query.date));
  });
  return hotels.map((h) => out.get(h.hotelId)!);
}
