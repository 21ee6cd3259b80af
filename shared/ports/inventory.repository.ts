import type { IsoDate } from '#domain/dates.ts';
import type { InventoryNight } from '#domain/inventory.ts';

/** Nights of one room type; the source every availability answer and hold reads from. */
export interface InventoryReader {
  /** Stored nights from `startDate` to `endDate`, both included, in date order. Missing nights are absent. */
  getNights(hotelId: string, roomTypeId: string, startDate: IsoDate, endDate: IsoDate): Promise<InventoryNight[]>;
}

export interface InventoryWriter {
  /**
   * Creates nights that do not exist yet; an existing night is left as it is, so seeding or importing
   * twice can never reset `reserved`. PMS updates of `total` go through their own update path.
   */
  createNights(nights: InventoryNight[]): Promise<void>;
}
