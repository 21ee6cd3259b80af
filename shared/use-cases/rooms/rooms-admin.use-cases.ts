import { randomUUID } from 'node:crypto';
import { canAccessHotel, type HotelAccess } from '#domain/access.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '#domain/errors.ts';
import type { Room, RoomStatus } from '#domain/room.ts';
import { RoomInUseError } from '#domain/room-errors.ts';
import { StorageContentionError } from '#domain/booking-errors.ts';
import { todayIn } from '#domain/dates.ts';
import type { HotelCatalogReader } from '#ports/hotel-catalog.repository.ts';
import type { RoomAssignmentStore, RoomRepository } from '#ports/room.repository.ts';

export interface RoomsAdminDeps {
  rooms: RoomRepository;
  catalog: Pick<HotelCatalogReader, 'getHotel' | 'getRoomType'>;
  store: Pick<RoomAssignmentStore, 'holdsStaysFrom'>;
  clock: () => Date;
}

export interface RoomInput {
  roomId?: string;
  roomTypeId: string;
  number: string;
  floor: number;
  features?: string[];
  status?: RoomStatus;
}

export type RoomPatch = Partial<Omit<RoomInput, 'roomId'>>;

function assertHotel(access: HotelAccess, hotelId: string): void {
  if (!canAccessHotel(access, hotelId)) throw new ForbiddenError(`You do not manage hotel '${hotelId}'.`);
}

async function requireRoomType(deps: RoomsAdminDeps, hotelId: string, roomTypeId: string): Promise<void> {
  if (!(await deps.catalog.getRoomType(hotelId, roomTypeId))) {
    throw new ValidationError(`body.roomTypeId: hotel ${hotelId} has no room type ${roomTypeId}`, [{ field: 'body.roomTypeId', message: `is not a room type of hotel ${hotelId}` }]);
  }
}

function normalisedFeatures(features: readonly string[] | undefined): string[] {
  return [...new Set((features ?? []).map((f) => f.trim().toLowerCase()).filter(Boolean))].sort();
}

/** `roomId`s are generated unless given: `rm_` and 12 hex digits. */
function newRoomId(): string {
  return `rm_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
}

export async function listRooms(deps: Pick<RoomsAdminDeps, 'rooms' | 'catalog'>, access: HotelAccess, hotelId: string, filter: { roomTypeId?: string } = {}): Promise<Room[]> {
  assertHotel(access, hotelId);
  if (!(await deps.catalog.getHotel(hotelId))) throw new NotFoundError('Hotel', hotelId);
  return deps.rooms.list(hotelId, filter);
}

export async function getRoom(deps: Pick<RoomsAdminDeps, 'rooms'>, access: HotelAccess, hotelId: string, roomId: string): Promise<Room> {
  assertHotel(access, hotelId);
  const room = await deps.rooms.get(hotelId, roomId);
  if (!room) throw new NotFoundError('Room', `${hotelId}/${roomId}`);
  return room;
}

/** A new physical room of one of the hotel's room types; its number must be free in the hotel. */
export async function createRoom(deps: RoomsAdminDeps, access: HotelAccess, hotelId: string, input: RoomInput): Promise<Room> {
  assertHotel(access, hotelId);
  if (!(await deps.catalog.getHotel(hotelId))) throw new NotFoundError('Hotel', hotelId);
  await requireRoomType(deps, hotelId, input.roomTypeId);
  const now = deps.clock().toISOString();
  const room: Room = {
    hotelId,
    roomId: input.roomId ?? newRoomId(),
    roomTypeId: input.roomTypeId,
    number: input.number.trim(),
    floor: input.floor,
    features: normalisedFeatures(input.features),
    status: input.status ?? 'available',
    createdAt: now,
    updatedAt: now,
  };
  await deps.rooms.create(room);
  return room;
}

/**
 * Changes a room. Moving it to another room type or renumbering it leaves the stays it holds where
 * they are (they were assigned to this room); `maintenance` keeps it out of assignments from now on.
 */
export async function updateRoom(deps: RoomsAdminDeps, access: HotelAccess, hotelId: string, roomId: string, patch: RoomPatch): Promise<Room> {
  const before = await getRoom(deps, access, hotelId, roomId);
  if (patch.roomTypeId && patch.roomTypeId !== before.roomTypeId) await requireRoomType(deps, hotelId, patch.roomTypeId);
  const after: Room = {
    ...before,
    ...(patch.roomTypeId ? { roomTypeId: patch.roomTypeId } : {}),
    ...(patch.number ? { number: patch.number.trim() } : {}),
    ...(patch.floor !== undefined ? { floor: patch.floor } : {}),
    ...(patch.features ? { features: normalisedFeatures(patch.features) } : {}),
    ...(patch.status ? { status: patch.status } : {}),
    updatedAt: deps.clock().toISOString(),
  };
  if (after.updatedAt === before.updatedAt) after.updatedAt = new Date(Date.parse(before.updatedAt) + 1).toISOString();
  const saved = await deps.rooms.update(before, after);
  if (!saved) throw new StorageContentionError(`Room ${roomId} changed while it was being edited. Read it again and retry.`);
  return saved;
}

/** Deletes a room that holds no stay today or later (in the hotel's time zone); otherwise 409 `ROOM_IN_USE`. */
export async function deleteRoom(deps: RoomsAdminDeps, access: HotelAccess, hotelId: string, roomId: string): Promise<void> {
  const room = await getRoom(deps, access, hotelId, roomId);
  const hotel = await deps.catalog.getHotel(hotelId);
  const today = todayIn(hotel?.timeZone ?? 'UTC', deps.clock());
  if (await deps.store.holdsStaysFrom(hotelId, roomId, today)) {
    throw new RoomInUseError(`Room ${room.number} holds stays from ${today} on: assign them other rooms first, or set it to maintenance.`);
  }
  await deps.rooms.delete(room);
}
