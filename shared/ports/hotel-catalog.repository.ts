import type { Hotel, RatePlan, RoomType } from '#domain/hotel.ts';
import type { KeysetPage, PagePosition } from './pagination.ts';

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
  /**
   * What a checkout prices and checks a stay against, in one read: the hotel, one room type and that
   * room type's rate plans (in plan id order, as `listRatePlans`).
   */
  getCheckoutCatalog(hotelId: string, roomTypeId: string): Promise<{ hotel?: Hotel; roomType?: RoomType; ratePlans: RatePlan[] }>;
}

/** Writes the catalog: used by the PMS import and the local demo seed. */
export interface HotelCatalogWriter {
  putHotel(hotel: Hotel): Promise<void>;
  putRoomType(roomType: RoomType): Promise<void>;
  putRatePlan(ratePlan: RatePlan): Promise<void>;
}

/** Which hotels the admin list shows by their state. */
export type HotelStatusFilter = 'active' | 'inactive' | 'all';

export interface AdminHotelListQuery {
  status: HotelStatusFilter;
  /** Hotels whose name starts with this (case-insensitive), or whose city is this (as `ListHotelsQuery.city`). */
  q?: string;
  /** A hotel manager's hotels: only these are read (by key, not through the index). */
  hotelIds?: readonly string[];
  limit: number;
  after?: PagePosition;
}

/**
 * The admin's list of hotels, deactivated ones included (`GET /api/admin/hotels`): name order,
 * keyset-paginated. Deactivated hotels keep their index keys (gsi1 by city, gsi2 all), so the list
 * reads the same indexes as the public one and filters on `isActive`.
 */
export interface AdminHotelLister {
  listHotelsForAdmin(query: AdminHotelListQuery): Promise<KeysetPage<Hotel>>;
}
