import { addDays } from '#domain/dates.ts';
import type { PmsConfig } from '#domain/pms-config.ts';
import type { EventPublisher } from '#ports/event-publisher.port.ts';
import type { HotelCatalogReader } from '#ports/hotel-catalog.repository.ts';
import type { InventoryReader, PmsInventorySync } from '#ports/inventory.repository.ts';
import type { PmsClient } from '#ports/pms.port.ts';
import { snapshotInPms, writeThroughNights } from '../pms/polling/write-through.ts';

export interface StayAvailabilityDeps {
  catalog: Pick<HotelCatalogReader, 'getHotelAndRoomType'>;
  inventory: PmsInventorySync & InventoryReader;
  events: EventPublisher;
  clock: () => Date;
}

/**
 * Reads a stay's nights from the PMS in one bulk call and applies them, so our numbers carry every
 * channel's sales as of now. The saga does it right before authorizing a card at a PMS without
 * holds (so no card is authorized for rooms the PMS is known not to have) and whenever the PMS
 * refused a hold or a reservation (so the next reader sees the truth). Returns the stay's nights as
 * stored afterwards; a night with `remaining < 0` is one all channels together oversell.
 */
export async function rereadStayFromPms(
  deps: StayAvailabilityDeps,
  input: {
    bookingId: string;
    hotelId: string;
    roomTypeId: string;
    checkIn: string;
    checkOut: string;
    pms: { client: PmsClient; config: PmsConfig };
  },
) {
  const lastNight = addDays(input.checkOut, -1);
  const { hotel, roomType } = await deps.catalog.getHotelAndRoomType(input.hotelId, input.roomTypeId);
  if (!hotel || !roomType?.pmsRoomTypeId) return deps.inventory.getNights(input.hotelId, input.roomTypeId, input.checkIn, lastNight);
  const inPmsBefore = await snapshotInPms(deps.inventory, { hotelId: hotel.hotelId, roomTypes: [roomType], from: input.checkIn, to: lastNight });
  const nights = await input.pms.client.getNights(input.checkIn, lastNight);
  await writeThroughNights(deps, {
    hotel,
    config: input.pms.config,
    roomTypes: [roomType],
    nights: nights.filter((n) => n.pmsRoomTypeId === roomType.pmsRoomTypeId),
    sourceAt: deps.clock().toISOString(),
    ref: { type: 'saga', id: input.bookingId },
    inPmsBefore,
  });
  return deps.inventory.getNights(input.hotelId, input.roomTypeId, input.checkIn, lastNight);
}
