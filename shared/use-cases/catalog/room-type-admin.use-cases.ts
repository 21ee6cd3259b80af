import { auditEntity } from '#domain/audit.ts';
import { AlreadyExistsError, HasFutureBookingsError, PmsManagedError, PreconditionFailedError } from '#domain/catalog-errors.ts';
import { pmsOwnedFields, refusePmsOwned, vendorName } from '#domain/catalog-ownership.ts';
import { addDays, todayIn } from '#domain/dates.ts';
import { NotFoundError } from '#domain/errors.ts';
import { MAX_BOOKING_HORIZON_DAYS, type Hotel, type MediaType, type RoomMedia, type RoomType } from '#domain/hotel.ts';
import type { InventoryReader } from '#ports/inventory.repository.ts';
import {
  applyPatch,
  auditEntry,
  changedFields,
  checkPrecondition,
  newCatalogId,
  withAdminEdits,
  WRITE_ATTEMPTS,
  type Actor,
  type CatalogAdminDeps,
  type Precondition,
  type CatalogPatch,
} from './admin-writes.ts';

/** One photo (or video) of a room type; the list's order is the display order, the first is primary unless one says so. */
export interface MediaInput {
  mediaType?: MediaType;
  url: string;
  thumbnailUrl?: string;
  altText?: string;
  isPrimary?: boolean;
}

export interface RoomTypeFields {
  name: string;
  description?: string;
  maxOccupancy: number;
  bedType?: string;
  bedCount?: number;
  sizeSqm?: number;
  viewType?: string;
  bathroomType?: string;
  amenities?: string[];
  media?: MediaInput[];
  checkInTime?: string;
  checkOutTime?: string;
  houseRules?: string;
  cancellationPolicy?: string;
}

export type RoomTypePatch = CatalogPatch<RoomTypeFields>;

export const ROOM_TYPE_FIELDS = [
  'name',
  'description',
  'maxOccupancy',
  'bedType',
  'bedCount',
  'sizeSqm',
  'viewType',
  'bathroomType',
  'amenities',
  'media',
  'checkInTime',
  'checkOutTime',
  'houseRules',
  'cancellationPolicy',
  'isActive',
] as const;

/** Media in the order given: `displayOrder` is the position; one primary (the one marked, else the first). */
export function mediaOf(input: readonly MediaInput[]): RoomMedia[] {
  const primary = Math.max(0, input.findIndex((m) => m.isPrimary));
  return input.map((m, i) => ({
    mediaType: m.mediaType ?? 'image',
    url: m.url,
    ...(m.thumbnailUrl ? { thumbnailUrl: m.thumbnailUrl } : {}),
    ...(m.altText ? { altText: m.altText } : {}),
    displayOrder: i,
    isPrimary: i === primary,
  }));
}

async function hotelAndRoomType(deps: Pick<CatalogAdminDeps, 'catalog'>, hotelId: string, roomTypeId: string): Promise<{ hotel: Hotel; roomType: RoomType }> {
  const { hotel, roomType } = await deps.catalog.getHotelAndRoomType(hotelId, roomTypeId);
  if (!hotel) throw new NotFoundError('Hotel', hotelId);
  if (!roomType) throw new NotFoundError('Room type', `${hotelId}/${roomTypeId}`);
  return { hotel, roomType };
}

/**
 * `POST /api/admin/hotels/{hotelId}/room-types`. A PMS-managed hotel's room types come from its
 * PMS (each carries the PMS's id, and the sync writes its nights), so one cannot be added here.
 */
export async function createRoomType(deps: CatalogAdminDeps, input: { hotelId: string; roomTypeId?: string; fields: RoomTypeFields }, actor: Actor): Promise<RoomType> {
  const hotel = await deps.catalog.getHotel(input.hotelId);
  if (!hotel) throw new NotFoundError('Hotel', input.hotelId);
  if (hotel.pms) throw new PmsManagedError(vendorName(hotel.pms.vendor), ['roomTypes'], 'hotel');
  const now = deps.clock().toISOString();
  const { media, ...fields } = input.fields;
  const roomType: RoomType = {
    hotelId: hotel.hotelId,
    roomTypeId: input.roomTypeId ?? newCatalogId('rt'),
    ...fields,
    amenities: fields.amenities ?? [],
    media: mediaOf(media ?? []),
    isActive: true,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  const audit = auditEntry({
    hotelId: hotel.hotelId,
    entity: auditEntity.roomType(hotel.hotelId, roomType.roomTypeId),
    action: 'create',
    actor,
    at: now,
    after: roomType,
    fields: ROOM_TYPE_FIELDS,
  });
  if ((await deps.admin.write({ kind: 'roomType', value: roomType }, { kind: 'new' }, audit)) === 'exists') {
    throw new AlreadyExistsError('Room type', `${hotel.hotelId}/${roomType.roomTypeId}`);
  }
  await deps.search.refreshHotel(hotel.hotelId, deps.clock());
  return roomType;
}

export async function getAdminRoomType(deps: Pick<CatalogAdminDeps, 'catalog'>, hotelId: string, roomTypeId: string): Promise<{ hotel: Hotel; roomType: RoomType }> {
  return hotelAndRoomType(deps, hotelId, roomTypeId);
}

/**
 * `PATCH .../room-types/{roomTypeId}` (and the soft `DELETE`): only changed fields count; one the
 * PMS owns is refused (409), one it does not is kept across re-imports (`adminEdited`).
 */
export async function updateRoomType(
  deps: CatalogAdminDeps,
  input: { hotelId: string; roomTypeId: string; patch: RoomTypePatch; expected?: Precondition },
  actor: Actor,
): Promise<RoomType> {
  const { media, ...rest } = input.patch;
  const patch = { ...rest, ...(media === undefined ? {} : { media: media === null ? [] : mediaOf(media) }) };
  for (let attempt = 0; ; attempt++) {
    const { hotel, roomType } = await hotelAndRoomType(deps, input.hotelId, input.roomTypeId);
    const entity = `Room type '${input.hotelId}/${input.roomTypeId}'`;
    checkPrecondition(entity, roomType, input.expected);
    const patched = applyPatch(roomType, patch);
    const changed = changedFields(roomType, patched, ROOM_TYPE_FIELDS);
    if (changed.length === 0) {
      await deps.search.refreshHotel(hotel.hotelId, deps.clock());
      return roomType;
    }
    refusePmsOwned(hotel, 'roomType', changed);
    const now = deps.clock().toISOString();
    const next = withAdminEdits({ ...patched, version: (roomType.version ?? 0) + 1, updatedAt: now }, hotel, changed, pmsOwnedFields(hotel, 'roomType'));
    const audit = auditEntry({
      hotelId: hotel.hotelId,
      entity: auditEntity.roomType(hotel.hotelId, roomType.roomTypeId),
      action: roomType.isActive && !next.isActive ? 'deactivate' : 'update',
      actor,
      at: now,
      before: roomType,
      after: next,
      fields: ROOM_TYPE_FIELDS,
    });
    const outcome = await deps.admin.write({ kind: 'roomType', value: next }, { kind: 'version', version: roomType.version ?? 0 }, audit);
    if (outcome === 'conflict') {
      if (input.expected || attempt + 1 >= WRITE_ATTEMPTS) throw new PreconditionFailedError(entity, { version: (roomType.version ?? 0) + 1 });
      continue;
    }
    await deps.search.refreshHotel(hotel.hotelId, deps.clock());
    return next;
  }
}

/**
 * `DELETE .../room-types/{roomTypeId}`: a soft delete (`isActive: false`: no new bookings, existing
 * ones stand). `hard: true` removes the room type and its rate plans for good, only when no room of
 * it is booked or held from today (hotel time) on (409 `HAS_FUTURE_BOOKINGS` otherwise: every
 * booking and hold counts in its nights' `reserved`). Its nights stay, as the ledger's history.
 */
export async function deleteRoomType(
  deps: CatalogAdminDeps & { inventory: InventoryReader },
  input: { hotelId: string; roomTypeId: string; hard: boolean; expected?: Precondition },
  actor: Actor,
): Promise<{ roomType: RoomType; deleted: boolean }> {
  if (!input.hard) {
    const roomType = await updateRoomType(deps, { ...input, patch: { isActive: false } }, actor);
    return { roomType, deleted: false };
  }
  const { hotel, roomType } = await hotelAndRoomType(deps, input.hotelId, input.roomTypeId);
  const entity = `Room type '${input.hotelId}/${input.roomTypeId}'`;
  checkPrecondition(entity, roomType, input.expected);
  const today = todayIn(hotel.timeZone, deps.clock());
  const nights = await deps.inventory.getNights(hotel.hotelId, roomType.roomTypeId, today, addDays(today, MAX_BOOKING_HORIZON_DAYS));
  const booked = nights.find((n) => n.reserved > 0);
  if (booked) throw new HasFutureBookingsError(`Room type '${roomType.name}'`, booked.date);
  const now = deps.clock().toISOString();
  const audit = auditEntry({
    hotelId: hotel.hotelId,
    entity: auditEntity.roomType(hotel.hotelId, roomType.roomTypeId),
    action: 'delete',
    actor,
    at: now,
    before: roomType,
    after: {},
    fields: ROOM_TYPE_FIELDS,
  });
  if ((await deps.admin.deleteRoomType(hotel.hotelId, roomType.roomTypeId, roomType.version ?? 0, audit)) === 'conflict') {
    throw new PreconditionFailedError(entity, { version: (roomType.version ?? 0) + 1 });
  }
  await deps.search.refreshHotel(hotel.hotelId, deps.clock());
  return { roomType, deleted: true };
}
