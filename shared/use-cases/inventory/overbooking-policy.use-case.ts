import { addDays, todayIn } from '#domain/dates.ts';
import { NotFoundError } from '#domain/errors.ts';
import { bookingHorizonOf, type Hotel } from '#domain/hotel.ts';
import type { InventoryNight, OverbookingPolicy } from '#domain/inventory.ts';
import type { HotelCatalogReader, HotelCatalogWriter } from '#ports/hotel-catalog.repository.ts';
import type { InventoryLimits, InventoryReader } from '#ports/inventory.repository.ts';
import type { PmsConfigRepository } from '#ports/pms-config.repository.ts';
import type { PmsConfig } from '#domain/pms-config.ts';
import { sellLimitsOf } from './sell-limits.ts';

export interface OverbookingPolicyDeps {
  catalog: Pick<HotelCatalogReader, 'getHotel' | 'listRoomTypes'> & Pick<HotelCatalogWriter, 'putHotel'>;
  configs: Pick<PmsConfigRepository, 'findByHotel'>;
  inventory: InventoryReader & InventoryLimits;
  clock: () => Date;
}

/**
 * Sets a hotel's overbooking policy and applies it to every stored night from today to the end of
 * its booking horizon (`reapplySellLimits`). Nights reported later by the PMS get the new limit
 * from the hotel itself. The limit still never exceeds `total` where the PMS refuses overbooking.
 */
export async function setOverbookingPolicy(
  deps: OverbookingPolicyDeps,
  input: { hotelId: string; policy: OverbookingPolicy; actor: string },
): Promise<{ hotel: Hotel; nightsChanged: number }> {
  const hotel = await deps.catalog.getHotel(input.hotelId);
  if (!hotel) throw new NotFoundError('Hotel', input.hotelId);
  const now = deps.clock();
  // A new version, so an admin's catalog edit based on the hotel as it was gets 412, not a lost policy.
  const updated: Hotel = { ...hotel, overbooking: input.policy, version: (hotel.version ?? 0) + 1, updatedAt: now.toISOString() };
  await deps.catalog.putHotel(updated);
  const nightsChanged = await reapplySellLimits(deps, {
    hotel: updated,
    config: await deps.configs.findByHotel(hotel.hotelId),
    reason: 'overbooking policy changed',
    actor: input.actor,
    now,
  });
  return { hotel: updated, nightsChanged };
}

export interface ReapplySellLimitsDeps {
  catalog: Pick<HotelCatalogReader, 'listRoomTypes'>;
  inventory: InventoryReader & InventoryLimits;
}

/**
 * Sets every stored night's limit again, from today to the end of the hotel's booking horizon,
 * after what decides it changed: the hotel's overbooking policy, or whether its PMS accepts
 * overbooking (`PATCH /api/admin/pms/configs/{id}`). Each night whose limit changes gets it in a
 * conditional write with a `policy` movement in the ledger (`reserved` untouched; a night the new
 * limit puts below what is sold is flagged overbooked and sells nothing more). Returns how many
 * nights changed.
 */
export async function reapplySellLimits(
  deps: ReapplySellLimitsDeps,
  input: {
    hotel: Pick<Hotel, 'hotelId' | 'timeZone' | 'overbooking' | 'pms' | 'bookingHorizonDays'>;
    config: Pick<PmsConfig, 'acceptsOverbooking' | 'isActive'> | undefined;
    reason: string;
    actor: string;
    now: Date;
  },
): Promise<number> {
  const { hotel, now } = input;
  const limits = sellLimitsOf(hotel, input.config);
  const from = todayIn(hotel.timeZone, now);
  const to = addDays(from, bookingHorizonOf(hotel));
  const changes: { night: InventoryNight; limit: number }[] = [];
  for (const roomType of await deps.catalog.listRoomTypes(hotel.hotelId)) {
    for (const night of await deps.inventory.getNights(hotel.hotelId, roomType.roomTypeId, from, to)) {
      const limit = limits(night.total, night.date);
      if (limit !== night.sellLimit) changes.push({ night, limit });
    }
  }
  // In batches: a year of two room types, one night at a time, outlasted the API's 30 s.
  return deps.inventory.setSellLimits(
    changes.map(({ night, limit }) => ({ night, sellLimit: limit })),
    { reason: input.reason, ref: { type: 'admin', id: input.actor } },
    now,
  );
}
