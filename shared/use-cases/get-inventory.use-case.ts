import { daysBetween, type IsoDate } from '#domain/dates.ts';
import { NotFoundError, ValidationError } from '#domain/errors.ts';
import type { InventoryNight } from '#domain/inventory.ts';
import type { HotelCatalogReader } from '#ports/hotel-catalog.repository.ts';
import type { InventoryReader } from '#ports/inventory.repository.ts';
import { PMS_METRIC } from './pms/polling/pms-sync-metrics.ts';
import { readThroughMissingNights, type LiveReadDeps } from './pms/polling/read-through.ts';

/** A year plus a leap day: enough for any calendar view, small enough to answer in one query. */
export const MAX_INVENTORY_RANGE_DAYS = 366;

export interface GetInventoryInput {
  hotelId: string;
  roomTypeId: string;
  startDate: IsoDate;
  endDate: IsoDate;
}

/** A night as served: `stale` when the PMS could not confirm it (down, slow, or its circuit open). */
export type ServedNight = InventoryNight & { stale: boolean };

/**
 * Availability per night for a room type, from DynamoDB (the fast copy of the PMS). With `live`
 * (the PMS sync dependencies), nights never synced for a hotel with a PMS are fetched from the PMS
 * and written through first; when the PMS is down or slow, the nights we have are served with
 * `stale: true` instead of failing (see `readThroughMissingNights`). Without `live`, or for a
 * hotel without a PMS, nights never loaded are simply absent from the answer.
 */
export async function getInventory(
  deps: { catalog: HotelCatalogReader; inventory: InventoryReader; live?: LiveReadDeps },
  input: GetInventoryInput,
): Promise<ServedNight[]> {
  const days = daysBetween(input.startDate, input.endDate) + 1;
  if (days < 1) {
    throw new ValidationError('endDate must be on or after startDate.', [
      { field: 'query.endDate', message: 'must be on or after startDate' },
    ]);
  }
  if (days > MAX_INVENTORY_RANGE_DAYS) {
    throw new ValidationError(`Ask for at most ${MAX_INVENTORY_RANGE_DAYS} days at a time.`, [
      { field: 'query.endDate', message: `the range covers ${days} days; the most is ${MAX_INVENTORY_RANGE_DAYS}` },
    ]);
  }
  const roomType = await deps.catalog.getRoomType(input.hotelId, input.roomTypeId);
  // A deactivated room type cannot be booked (checkout answers 404), so it shows no rooms either (issue 12).
  if (!roomType || !roomType.isActive) throw new NotFoundError('Room type', `${input.hotelId}/${input.roomTypeId}`);
  const stored = await deps.inventory.getNights(input.hotelId, input.roomTypeId, input.startDate, input.endDate);
  if (!deps.live) return stored.map((n) => ({ ...n, stale: false }));
  const outcome = await readThroughMissingNights(deps.live, { roomType, startDate: input.startDate, endDate: input.endDate, stored });
  let served: ServedNight[];
  switch (outcome.kind) {
    case 'none':
      served = stored.map((n) => ({ ...n, stale: false }));
      break;
    case 'fetched':
      served = (await deps.inventory.getNights(input.hotelId, input.roomTypeId, input.startDate, input.endDate)).map((n) => ({ ...n, stale: false }));
      break;
    case 'unavailable':
      served = stored.map((n) => ({ ...n, stale: true }));
      break;
    case 'degraded':
      served = stored.map((n) => ({ ...n, stale: !n.syncedAt || n.syncedAt < outcome.staleBefore }));
      break;
  }
  if ((outcome.kind === 'unavailable' || outcome.kind === 'degraded') && served.some((n) => n.stale)) {
    deps.live.metrics.record(PMS_METRIC.staleInventoryServed, outcome.vendor ?? 'unknown');
  }
  return served;
}
