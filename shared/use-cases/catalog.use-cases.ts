import { NotFoundError } from '#domain/errors.ts';
import type { Hotel, RatePlan, RoomType } from '#domain/hotel.ts';
import type { HotelCatalogReader, ListHotelsQuery, Page } from '#ports/hotel-catalog.repository.ts';

export function listHotels(catalog: HotelCatalogReader, query: ListHotelsQuery): Promise<Page<Hotel>> {
  return catalog.listHotels(query);
}

export async function getHotel(catalog: HotelCatalogReader, hotelId: string): Promise<Hotel> {
  const hotel = await catalog.getHotel(hotelId);
  if (!hotel) throw new NotFoundError('Hotel', hotelId);
  return hotel;
}

export interface RoomTypeWithRates {
  roomType: RoomType;
  ratePlans: RatePlan[];
}

/** Active room types of a hotel with their active rate plans; 404 for an unknown hotel. */
export async function listRoomTypes(catalog: HotelCatalogReader, hotelId: string): Promise<RoomTypeWithRates[]> {
  const { hotel, roomTypes, ratePlans } = await catalog.getHotelWithRoomTypes(hotelId);
  if (!hotel) throw new NotFoundError('Hotel', hotelId);
  return roomTypes
    .filter((r) => r.isActive)
    .map((roomType) => ({
      roomType,
      ratePlans: ratePlans.filter((p) => p.roomTypeId === roomType.roomTypeId && p.isActive),
    }));
}
