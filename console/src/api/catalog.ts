import { segment, type ApiClient, type DataEnvelope } from './client.ts';
import type { Hotel, HotelListQuery, InventoryNight, Page, RoomType } from './types.ts';

/** Catalog reads (`shared/http/routes/catalog.routes.ts`): hotels, room types, nightly inventory. */
export interface HotelPage {
  hotels: Hotel[];
  pagination: Page;
}

/** The API's cap on one inventory read: both dates included. */
export const MAX_INVENTORY_DAYS = 366;

export function catalogApi(client: ApiClient) {
  return {
    async listHotels(query: HotelListQuery = {}, signal?: AbortSignal): Promise<HotelPage> {
      const body = await client.get<{ data: Hotel[]; pagination: Page }>('/hotels', { ...query }, signal);
      return { hotels: body.data, pagination: body.pagination };
    },

    /** Every hotel, page by page (100 a page); for pickers and the dashboard. */
    async listAllHotels(signal?: AbortSignal): Promise<Hotel[]> {
      const all: Hotel[] = [];
      for (let page = 1; ; page++) {
        const { hotels, pagination } = await this.listHotels({ page, pageSize: 100 }, signal);
        all.push(...hotels);
        if (page >= pagination.totalPages || hotels.length === 0) return all;
      }
    },

    async getHotel(hotelId: string, signal?: AbortSignal): Promise<Hotel> {
      return (await client.get<DataEnvelope<Hotel>>(`/hotels/${segment(hotelId)}`, undefined, signal)).data;
    },

    async listRoomTypes(hotelId: string, signal?: AbortSignal): Promise<RoomType[]> {
      return (await client.get<DataEnvelope<RoomType[]>>(`/hotels/${segment(hotelId)}/room-types`, undefined, signal)).data;
    },

    /** Nights from `startDate` to `endDate`, both included, at most `MAX_INVENTORY_DAYS`. */
    async getInventory(hotelId: string, roomTypeId: string, startDate: string, endDate: string, signal?: AbortSignal): Promise<InventoryNight[]> {
      const path = `/inventory/${segment(hotelId)}/${segment(roomTypeId)}`;
      return (await client.get<DataEnvelope<InventoryNight[]>>(path, { startDate, endDate }, signal)).data;
    },
  };
}

export type CatalogApi = ReturnType<typeof catalogApi>;
