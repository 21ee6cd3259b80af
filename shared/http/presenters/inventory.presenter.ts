import type * as z from 'zod';
import { availableOf, effectiveRestrictions, RESTRICTION_KEYS, type InventoryNight } from '#domain/inventory.ts';
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
    soldElsewhere: night.external ?? 0,
    sellLimit: night.sellLimit,
    restrictions: effectiveRestrictions(night),
    restrictionSources: Object.fromEntries(
      RESTRICTION_KEYS.flatMap((key): [string, 'hotel' | 'pms'][] =>
        night.overrides?.[key] !== undefined ? [[key, 'hotel']] : night.restrictions?.[key] !== undefined ? [[key, 'pms']] : [],
      ),
    ),
    price: toMajorUnits(night.priceMinor, night.currency),
    currency: night.currency,
    overbooked: night.overbooked,
    updatedAt: night.updatedAt,
    ...(night.syncedAt ? { syncedAt: night.syncedAt } : {}),
    stale: night.stale ?? false,
  };
}
