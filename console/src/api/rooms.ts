import { segment, type ApiClient, type DataEnvelope } from './client.ts';
import type { AdminBooking, Room, RoomInput, RoomPatch } from './types.ts';

/**
 * Physical rooms and their assignment to stays (`shared/http/routes/rooms.routes.ts`, issue 8).
 * Pages reach these only through `<RouteGate>`, so a stack without the routes never calls them.
 */
export function roomsApi(client: ApiClient) {
  return {
    async list(hotelId: string, roomTypeId?: string, signal?: AbortSignal): Promise<Room[]> {
      return (await client.get<DataEnvelope<Room[]>>(`/admin/hotels/${segment(hotelId)}/rooms`, { roomTypeId }, signal)).data;
    },

    async create(hotelId: string, room: RoomInput): Promise<Room> {
      return (await client.request<DataEnvelope<Room>>(`/admin/hotels/${segment(hotelId)}/rooms`, { method: 'POST', body: room })).data;
    },

    async update(hotelId: string, roomId: string, patch: RoomPatch): Promise<Room> {
      return (await client.request<DataEnvelope<Room>>(`/admin/hotels/${segment(hotelId)}/rooms/${segment(roomId)}`, { method: 'PATCH', body: patch })).data;
    },

    /** Refused (409 ROOM_IN_USE) while the room holds a stay today or later. */
    async remove(hotelId: string, roomId: string): Promise<void> {
      await client.request<unknown>(`/admin/hotels/${segment(hotelId)}/rooms/${segment(roomId)}`, { method: 'DELETE' });
    },

    /** Idempotent (a PUT): one room for a one-room stay, else one per booked room. */
    async assign(bookingId: string, roomIds: string[]): Promise<AdminBooking> {
      const body = roomIds.length === 1 ? { roomId: roomIds[0] } : { roomIds };
      return (await client.request<DataEnvelope<AdminBooking>>(`/admin/bookings/${segment(bookingId)}/room`, { method: 'PUT', body })).data;
    },
  };
}

export type RoomsApi = ReturnType<typeof roomsApi>;
