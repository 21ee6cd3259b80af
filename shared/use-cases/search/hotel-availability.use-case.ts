import { OutsideBookingWindowError } from '#domain/booking-errors.ts';
import { MAX_ROOMS } from '#domain/booking.ts';
import { HotelInactiveError } from '#domain/catalog-errors.ts';
import { addDays, daysBetween, todayIn } from '#domain/dates.ts';
import { NotFoundError, ValidationError, type FieldIssue } from '#domain/errors.ts';
import { bookingHorizonOf, isHotelActive, type Hotel } from '#domain/hotel.ts';
import { SEARCH_MAX_NIGHTS, searchFactsOf, stayOffers, type RoomTypeOffer, type StayRequest } from '#domain/search.ts';
import type { HotelCatalogReader } from '#ports/hotel-catalog.repository.ts';
import type { StayAvailabilityReader } from '#ports/hotel-search.port.ts';

export interface HotelAvailabilityDeps {
  catalog: Pick<HotelCatalogReader, 'getHotelWithRoomTypes'>;
  availability: StayAvailabilityReader;
  clock: () => Date;
}

/**
 * `GET /api/hotels/{hotelId}/availability` (seed 001): every room type that can host the stay,
 * cheapest first, with the total, the per-night prices and rooms left, and the restrictions in
 * force. Two reads: the hotel with its room types, and its summary nights for the stay (departure
 * day included); decided by the search's own rule (`stayOffers`). The stay's dates are checked as
 * checkout checks them, with the same answers: 422 for a past check-in, `OUTSIDE_BOOKING_WINDOW`
 * beyond the horizon, `HOTEL_INACTIVE` for a deactivated hotel.
 */
export async function hotelAvailability(
  deps: HotelAvailabilityDeps,
  input: { hotelId: string } & StayRequest,
): Promise<{ hotel: Hotel; offers: RoomTypeOffer[] }> {
  const { hotel, roomTypes } = await deps.catalog.getHotelWithRoomTypes(input.hotelId);
  if (!hotel) throw new NotFoundError('Hotel', input.hotelId);
  if (!isHotelActive(hotel)) throw new HotelInactiveError(hotel.hotelId);
  const issues: FieldIssue[] = [];
  const nights = daysBetween(input.checkIn, input.checkOut);
  if (nights < 1) issues.push({ field: 'query.checkOut', message: 'must be after checkIn' });
  if (nights > SEARCH_MAX_NIGHTS) issues.push({ field: 'query.checkOut', message: `a stay is at most ${SEARCH_MAX_NIGHTS} nights` });
  if (input.rooms > MAX_ROOMS) issues.push({ field: 'query.rooms', message: `must be at most ${MAX_ROOMS}` });
  const now = deps.clock();
  const today = todayIn(hotel.timeZone, now);
  if (input.checkIn < today) issues.push({ field: 'query.checkIn', message: `is in the past for the hotel (today there is ${today})` });
  if (issues.length > 0) throw new ValidationError(`The stay is not valid (${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}).`, issues);
  const lastBookable = addDays(today, bookingHorizonOf(hotel));
  if (addDays(input.checkOut, -1) > lastBookable) {
    throw new OutsideBookingWindowError(
      `This hotel sells stays up to ${bookingHorizonOf(hotel)} days ahead: the last night you can book now is ${lastBookable}.`,
      { details: [{ field: 'query.checkOut', message: `the last night must be on or before ${lastBookable}` }] },
    );
  }
  const summary = await deps.availability.summaryNights(hotel.hotelId, input.checkIn, input.checkOut);
  const { offers } = stayOffers(searchFactsOf(hotel, roomTypes), new Map(summary.map((n) => [n.date, n])), input, now);
  return { hotel, offers };
}
