import type { IsoDate } from '#domain/dates.ts';
import { NotFoundError, ValidationError } from '#domain/errors.ts';
import type { InventoryNight, OverridesEdit } from '#domain/inventory.ts';
import type { HotelCatalogReader } from '#ports/hotel-catalog.repository.ts';
import type { InventoryLimits } from '#ports/inventory.repository.ts';
import type { PmsConfigRepository } from '#ports/pms-config.repository.ts';
import { sellLimitsOf } from './sell-limits.ts';

export interface EditNightDeps {
  catalog: Pick<HotelCatalogReader, 'getHotel' | 'listRoomTypes'>;
  configs: Pick<PmsConfigRepository, 'findByHotel'>;
  inventory: Pick<InventoryLimits, 'editNight'>;
  clock: () => Date;
}

/**
 * An admin edits one night (`PATCH /api/admin/inventory/{hotelId}/{roomTypeId}/{date}`): its rooms
 * (`total`) and the hotel's own restrictions (`overrides`, which win over the PMS's). The limit
 * follows the new `total` under the hotel's overbooking policy; `reserved` is never touched, so a
 * `total` below what is sold flags the night overbooked and sells nothing more. Every edit is an
 * `admin-edit` movement with the admin's reason.
 *
 * `total` of a room type the hotel's PMS manages is refused (422): the next poll or webhook would
 * put the PMS's number back, and the PMS is where the hotel's rooms are counted. Its restrictions
 * can be overridden: that is the hotel's decision about what it sells through us.
 */
export async function editNight(
  deps: EditNightDeps,
  input: { hotelId: string; roomTypeId: string; date: IsoDate; total?: number; overrides?: OverridesEdit; reason: string; actor: string },
): Promise<InventoryNight> {
  const hotel = await deps.catalog.getHotel(input.hotelId);
  if (!hotel) throw new NotFoundError('Hotel', input.hotelId);
  const roomType = (await deps.catalog.listRoomTypes(input.hotelId)).find((r) => r.roomTypeId === input.roomTypeId);
  if (!roomType) throw new NotFoundError('Room type', `${input.hotelId}/${input.roomTypeId}`);
  const config = await deps.configs.findByHotel(hotel.hotelId);
  if (input.total !== undefined && roomType.pmsRoomTypeId && (hotel.pms || config)) {
    throw new ValidationError("This room type's rooms are counted by the hotel's PMS.", [
      { field: 'body.total', message: `is set by the hotel's PMS (room type ${roomType.pmsRoomTypeId}); change it there, or override restrictions here` },
    ]);
  }
  const limits = sellLimitsOf(hotel, config);
  const night = await deps.inventory.editNight(
    { hotelId: input.hotelId, roomTypeId: input.roomTypeId, date: input.date },
    { ...(input.total !== undefined ? { total: input.total } : {}), ...(input.overrides ? { overrides: input.overrides } : {}) },
    (total) => limits(total, input.date),
    { reason: input.reason, ref: { type: 'admin', id: input.actor } },
    deps.clock(),
  );
  if (!night) throw new NotFoundError('Night', `${input.hotelId}/${input.roomTypeId}/${input.date}`);
  return night;
}
