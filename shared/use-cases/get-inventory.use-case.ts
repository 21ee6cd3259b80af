import { daysBetween, type IsoDate } from '#domain/dates.ts';
import { NotFoundError, ValidationError } from '#domain/errors.ts';
import type { InventoryNight } from '#domain/inventory.ts';
import type { HotelCatalogReader } from '#ports/hotel-catalog.repository.ts';
import type { InventoryReader } from '#ports/inventory.repository.ts';

/** A year plus a leap day: enough for any calendar view, small enough to answer in one query. */
export const MAX_INVENTORY_RANGE_DAYS = 366;

export interface GetInventoryInput {
  hotelId: string;
  roomTypeId: string;
  startDate: IsoDate;
  endDate: IsoDate;
}

/**
 * Availability per night for a room type, from DynamoDB (the fast copy of the PMS). Nights that
 * were never loaded are simply absent from the answer.
 */
export async function getInventory(
  deps: { catalog: HotelCatalogReader; inventory: InventoryReader },
  input: GetInventoryInput,
): Promise<InventoryNight[]> {
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
  if (!roomType) throw new NotFoundError('Room type', `${input.hotelId}/${input.roomTypeId}`);
  return deps.inventory.getNights(input.hotelId, input.roomTypeId, input.startDate, input.endDate);
}
