import type * as z from 'zod';
import { availableOf, type InventoryNight } from '#domain/inventory.ts';
import { toMajorUnits } from '#domain/money.ts';
import type { InventoryNightDto } from '../schemas/inventory.schema.ts';

/** `stale` defaults to false: a night served without a PMS check is as fresh as our copy is. */
export function presentNight(night: InventoryNight & { stale?: boolean }): z.infer<typeof InventoryNightDto> {
  return {
    hotelId: night.hotelId,
    roomTypeId: night.roomTypeId,
    date: night.date,
    available: availableOf(night),
    total: night.total,
    reserved: night.reserved,
    sellLimit: night.sellLimit,
    price: toMajorUnits(night.priceMinor, night.currency),
    currency: night.currency,
    overbooked: night.overbooked,
    updatedAt: night.updatedAt,
    ...(night.syncedAt ? { syncedAt: night.syncedAt } : {}),
    stale: night.stale ?? false,
  };
}
