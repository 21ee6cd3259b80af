import { segment, type ApiClient, type DataEnvelope } from './client.ts';
import type {
  AdminHotel,
  AdminHotelListBody,
  AdminHotelListPage,
  AdminHotelListParams,
  AdminRatePlan,
  AdminRoomType,
  CalendarRangeInput,
  CalendarResult,
  HotelPatch,
  RatePlanInput,
  RatePlanPatch,
  RoomTypePatch,
} from './types.ts';

/**
 * Catalog administration (`shared/http/routes/catalog-admin.routes.ts`, issue 9). Writes send the
 * version the page read as `If-Match`, so a change based on a stale read is refused (412
 * PRECONDITION_FAILED) instead of overwriting someone else's; fields a PMS owns are refused (409
 * PMS_MANAGED) and the page marks them read-only beforehand.
 */
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

export function catalogAdminApi(client: ApiClient) {
  const ratePlanPath = (hotelId: string, roomTypeId: string, ratePlanId?: string) =>
    `/admin/hotels/${segment(hotelId)}/room-types/${segment(roomTypeId)}/rate-plans${ratePlanId === undefined ? '' : `/${segment(ratePlanId)}`}`;
  return {
    /** Every hotel, deactivated ones included (an admin's, or a manager's own), in name order; `nextCursor` continues. */
    async listHotels(params: AdminHotelListParams, signal?: AbortSignal): Promise<AdminHotelListPage> {
      const body = await client.get<AdminHotelListBody>('/admin/hotels', { ...params }, signal);
      return { hotels: body.data, ...(body.nextCursor ? { nextCursor: body.nextCursor } : {}) };
    },

    async getHotel(hotelId: string, signal?: AbortSignal): Promise<AdminHotel> {
      return (await client.get<DataEnvelope<AdminHotel>>(`/admin/hotels/${segment(hotelId)}`, undefined, signal)).data;
    },

    async updateHotel(hotelId: string, version: number, patch: HotelPatch): Promise<AdminHotel> {
      return (await client.request<DataEnvelope<AdminHotel>>(`/admin/hotels/${segment(hotelId)}`, { method: 'PATCH', body: patch, headers: ifMatch(version) })).data;
    },

    /** Soft delete: no new bookings, existing ones kept; idempotent. */
    async deactivateHotel(hotelId: string, version: number): Promise<AdminHotel> {
      return (await client.request<DataEnvelope<AdminHotel>>(`/admin/hotels/${segment(hotelId)}`, { method: 'DELETE', headers: ifMatch(version) })).data;
    },

    async getRoomType(hotelId: string, roomTypeId: string, signal?: AbortSignal): Promise<AdminRoomType> {
      return (await client.get<DataEnvelope<AdminRoomType>>(`/admin/hotels/${segment(hotelId)}/room-types/${segment(roomTypeId)}`, undefined, signal)).data;
    },

    async updateRoomType(hotelId: string, roomTypeId: string, version: number, patch: RoomTypePatch): Promise<AdminRoomType> {
      const path = `/admin/hotels/${segment(hotelId)}/room-types/${segment(roomTypeId)}`;
      return (await client.request<DataEnvelope<AdminRoomType>>(path, { method: 'PATCH', body: patch, headers: ifMatch(version) })).data;
    },

    /** Refused (409 PMS_MANAGED) for a PMS hotel: its rate plans come with its import. */
    async createRatePlan(hotelId: string, roomTypeId: string, plan: RatePlanInput): Promise<AdminRatePlan> {
      return (await client.request<DataEnvelope<AdminRatePlan>>(ratePlanPath(hotelId, roomTypeId), { method: 'POST', body: plan })).data;
    },

    async updateRatePlan(hotelId: string, roomTypeId: string, ratePlanId: string, version: number, patch: RatePlanPatch): Promise<AdminRatePlan> {
      return (await client.request<DataEnvelope<AdminRatePlan>>(ratePlanPath(hotelId, roomTypeId, ratePlanId), { method: 'PATCH', body: patch, headers: ifMatch(version) })).data;
    },

    /** Soft delete: the plan is no longer sold; bookings made on it keep their terms. Idempotent. */
    async deactivateRatePlan(hotelId: string, roomTypeId: string, ratePlanId: string, version: number): Promise<AdminRatePlan> {
      return (await client.request<DataEnvelope<AdminRatePlan>>(ratePlanPath(hotelId, roomTypeId, ratePlanId), { method: 'DELETE', headers: ifMatch(version) })).data;
    },

    /** Prices, counts and restrictions by date range, applied in order; idempotent (a PUT). */
    async setCalendar(hotelId: string, roomTypeId: string, ranges: CalendarRangeInput[]): Promise<CalendarResult> {
      const path = `/admin/hotels/${segment(hotelId)}/room-types/${segment(roomTypeId)}/calendar`;
      return (await client.request<DataEnvelope<CalendarResult>>(path, { method: 'PUT', body: { ranges } })).data;
    },
  };
}

export type CatalogAdminApi = ReturnType<typeof catalogAdminApi>;
