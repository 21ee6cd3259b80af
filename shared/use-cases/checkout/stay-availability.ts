import { addDays, datesInclusive, type IsoDate } from '#domain/dates.ts';
import type { InventoryNight } from '#domain/inventory.ts';
import type { PmsConfig } from '#domain/pms-config.ts';
import type { PmsNight } from '#domain/pms.ts';
import type { HoldRepository } from '#ports/hold.repository.ts';
import type { EventPublisher } from '#ports/event-publisher.port.ts';
import type { HotelCatalogReader } from '#ports/hotel-catalog.repository.ts';
import type { InventoryReader, PmsInventorySync } from '#ports/inventory.repository.ts';
import type { PmsClient } from '#ports/pms.port.ts';
import { sellLimitsOf } from '../inventory/sell-limits.ts';
import { snapshotInPms, writeThroughNights } from '../pms/polling/write-through.ts';

export interface StayAvailabilityDeps {
  catalog: Pick<HotelCatalogReader, 'getHotelAndRoomType'>;
  inventory: PmsInventorySync & InventoryReader;
  events: EventPublisher;
  clock: () => Date;
}

/**
 * Reads a stay's nights from the PMS in one bulk call and applies them, so our numbers carry every
 * channel's sales as of now. The saga does it whenever the PMS refused a hold or a reservation (so
 * the next reader sees the truth), and right before authorizing a card at a PMS without holds
 * (`shortNightsAtPms`). Returns the stay's nights as stored afterwards, and what the PMS reported
 * for the room type.
 */
export async function rereadStayFromPms(
  deps: StayAvailabilityDeps,
  input: StayAtPms,
): Promise<InventoryNight[]> {
  return (await readStay(deps, input)).stored;
}

interface StayAtPms {
  bookingId: string;
  hotelId: string;
  roomTypeId: string;
  checkIn: string;
  checkOut: string;
  rooms: number;
  pms: { client: PmsClient; config: PmsConfig };
}

async function readStay(deps: StayAvailabilityDeps, input: StayAtPms) {
  const lastNight = addDays(input.checkOut, -1);
  const { hotel, roomType } = await deps.catalog.getHotelAndRoomType(input.hotelId, input.roomTypeId);
  if (!hotel || !roomType?.pmsRoomTypeId) {
    return { hotel, stored: await deps.inventory.getNights(input.hotelId, input.roomTypeId, input.checkIn, lastNight), reported: [] as PmsNight[] };
  }
  const inPmsBefore = await snapshotInPms(deps.inventory, { hotelId: hotel.hotelId, roomTypes: [roomType], from: input.checkIn, to: lastNight });
  const reported = (await input.pms.client.getNights(input.checkIn, lastNight)).filter((n) => n.pmsRoomTypeId === roomType.pmsRoomTypeId);
  await writeThroughNights(deps, {
    hotel,
    config: input.pms.config,
    roomTypes: [roomType],
    nights: reported,
    sourceAt: deps.clock().toISOString(),
    ref: { type: 'saga', id: input.bookingId },
    inPmsBefore,
  });
  return { hotel, stored: await deps.inventory.getNights(input.hotelId, input.roomTypeId, input.checkIn, lastNight), reported };
}

/**
 * The pre-authorization check at a PMS without holds: reads the stay from the PMS (and applies it,
 * as `rereadStayFromPms`), then names the nights on which the PMS, as it answered, cannot take this
 * booking: its unsold rooms (plus what the hotel's policy allows beyond `total` where the PMS
 * accepts overbooking) are fewer than the rooms of our checkouts that have sent nothing to the PMS
 * yet, this one included (HELD holds, `HoldRepository.heldRooms`).
 *
 * Why not the stored `remaining`: it counts other channels from the PMS's `available` minus the
 * rooms of ours the PMS counted, and while our own reservations are being created, the PMS may
 * count some that we have not marked yet. The stored number then shows them as other channels'
 * sales (on purpose: it must never advertise a room that is gone), and a burst of concurrent
 * checkouts would refuse guests the PMS has rooms for. This check treats our reservations in
 * flight as possibly counted already; those not counted yet are a race the PMS itself decides (it
 * refuses the later create, and the card is voided). A night the PMS reports without `available`
 * is judged on the stored `remaining`.
 */
export async function shortNightsAtPms(
  deps: StayAvailabilityDeps & { holds: Pick<HoldRepository, 'heldRooms'> },
  input: StayAtPms,
): Promise<IsoDate[]> {
  const { hotel, stored, reported } = await readStay(deps, input);
  const nights = stored.map((n) => n.date);
  const held = await deps.holds.heldRooms({ hotelId: input.hotelId, roomTypeId: input.roomTypeId, nights, now: deps.clock() });
  const limits = hotel ? sellLimitsOf(hotel, input.pms.config) : undefined;
  const expected = datesInclusive(input.checkIn, addDays(input.checkOut, -1));
  return expected.filter((date) => {
    const pms = reported.find((n) => n.date === date);
    const ours = stored.find((n) => n.date === date);
    if (!ours) return true;
    if (pms?.available === undefined || !limits) return ours.remaining < 0;
    const beyondTotal = Math.max(0, limits(pms.total, date) - pms.total);
    return pms.available + beyondTotal < (held.get(date) ?? input.rooms);
  });
}
