import type { Hotel, RatePlan, RoomType } from '#domain/hotel.ts';

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  totalItems: number;
  totalPages: number;
}

export interface ListHotelsQuery {
  /** Exact city match, case-insensitive. */
  city?: string;
  /** Deactivated hotels too (the admin's list); the public list leaves them out. */
  includeInactive?: boolean;
  page: number;
  pageSize: number;
}

/** Reads the catalog: hotels, their room types and rate plans. */
export interface HotelCatalogReader {
  listHotels(query: ListHotelsQuery): Promise<Page<Hotel>>;
  getHotel(hotelId: string): Promise<Hotel | undefined>;
  listRoomTypes(hotelId: string): Promise<RoomType[]>;
  getRoomType(hotelId: string, roomTypeId: string): Promise<RoomType | undefined>;
  listRatePlans(hotelId: string, roomTypeId: string): Promise<RatePlan[]>;
  /** A hotel with all its room types and rate plans, in one read of the hotel's partition. */
  getHotelWithRoomTypes(hotelId: string): Promise<{ hotel?: Hotel; roomTypes: RoomType[]; ratePlans: RatePlan[] }>;
  /** A hotel and one of its room types in one read (the checkout's hot path). */
  getHotelAndRoomType(hotelId: string, roomTypeId: string): Promise<{ hotel?: Hotel; roomType?: RoomType }>;
}

/** Writes the catalog: used by the PMS import and the local demo seed. */
export interface HotelCatalogWriter {
  putHotel(hotel: Hotel): Promise<void>;
  putRoomType(roomType: RoomType): Promise<void>;
  putRatePlan(ratePlan: RatePlan): Promise<void>;
}
