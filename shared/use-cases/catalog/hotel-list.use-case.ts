import type { HotelAccess } from '#domain/access.ts';
import type { Hotel } from '#domain/hotel.ts';
import type { AdminHotelListQuery, AdminHotelLister } from '#ports/hotel-catalog.repository.ts';
import type { KeysetPage } from '#ports/pagination.ts';

/** What the admin hotel list needs: the catalog's admin listing. */
export interface HotelListDeps {
  hotels: AdminHotelLister;
}

/**
 * `GET /api/admin/hotels`: every hotel for an admin, deactivated ones included (the public list
 * leaves those out, and an admin must find a hotel to reactivate it); a hotel manager's own hotels
 * only, whatever the query says. The access is applied here, so any caller of this use case is held
 * to it, not only the route.
 */
export async function listAdminHotels(
  deps: HotelListDeps,
  query: Omit<AdminHotelListQuery, 'hotelIds'>,
  access: HotelAccess,
): Promise<KeysetPage<Hotel>> {
  return deps.hotels.listHotelsForAdmin(access.kind === 'all' ? query : { ...query, hotelIds: access.hotelIds });
}
