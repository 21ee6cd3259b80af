import type { IsoDate } from '#domain/dates.ts';
import type { Hotel, RoomType } from '#domain/hotel.ts';
import type { PmsConfig } from '#domain/pms-config.ts';
import type { PmsNight } from '#domain/pms.ts';
import type { EventPublisher } from '#ports/event-publisher.port.ts';
import type { InventoryReader, PmsInventorySync, PmsNightReport } from '#ports/inventory.repository.ts';
import { sellLimitsOf } from '../../inventory/sell-limits.ts';
import { applyPmsNights, type PmsNightFact } from '../apply-pms-nights.use-case.ts';

export interface WriteThroughDeps {
  inventory: PmsInventorySync & InventoryReader;
  events: EventPublisher;
  clock: () => Date;
}

export interface WriteThroughSummary {
  applied: number;
  created: number;
  stale: number;
  overbooked: { roomTypeId: string; date: IsoDate }[];
  /** PMS nights of room types our catalog does not map (no room type with that `pmsRoomTypeId`). */
  unmapped: number;
}

/** `inPms` per room type and night, read before the PMS is asked (see `PmsNightReport.inPmsBefore`). */
export type InPmsSnapshot = ReadonlyMap<string, ReadonlyMap<IsoDate, number>>;

/**
 * Reads how many of our rooms the PMS counted on each night, before asking the PMS for its
 * availability: a reservation of ours counted while the PMS answers must not be subtracted from
 * an answer that did not include it (that would undercount other channels' sales).
 */
export async function snapshotInPms(
  inventory: InventoryReader,
  input: { hotelId: string; roomTypes: RoomType[]; from: IsoDate; to: IsoDate },
): Promise<InPmsSnapshot> {
  const entries = await Promise.all(
    input.roomTypes.map(async (roomType) => {
      const nights = await inventory.getNights(input.hotelId, roomType.roomTypeId, input.from, input.to);
      return [roomType.roomTypeId, new Map(nights.map((n) => [n.date, n.inPms ?? 0]))] as const;
    }),
  );
  return new Map(entries);
}

/** What the PMS reported of one night, as the fact our inventory applies. */
export function factOf(night: PmsNight): PmsNightFact {
  const restrictions = {
    ...(night.minStay !== undefined ? { minStay: night.minStay } : {}),
    ...(night.maxStay !== undefined ? { maxStay: night.maxStay } : {}),
    ...(night.closedToArrival ? { closedToArrival: true } : {}),
    ...(night.closedToDeparture ? { closedToDeparture: true } : {}),
    ...(night.stopSell ? { stopSell: true } : {}),
  };
  return {
    date: night.date,
    total: night.total,
    ...(night.available !== undefined ? { available: night.available } : {}),
    restrictions,
    priceMinor: night.priceMinor,
    currency: night.currency,
  };
}

/**
 * Applies nights as the PMS reported them to our copy, translating the PMS's room type ids into
 * ours through the catalog's `pmsRoomTypeId`. Polls, live reads, webhooks that re-fetch and the
 * saga's re-reads all go through here, so all obey the same rules: limits from the hotel's policy
 * and what its PMS accepts, other channels' sales from the PMS's `available`, `reserved` untouched,
 * an older report never rolls back a newer one (`sourceAt`), and an oversold night is flagged.
 */
export async function writeThroughNights(
  deps: WriteThroughDeps,
  input: {
    hotel: Pick<Hotel, 'hotelId' | 'currency' | 'overbooking' | 'pms'>;
    config?: Pick<PmsConfig, 'acceptsOverbooking' | 'isActive'>;
    roomTypes: RoomType[];
    nights: PmsNight[];
    sourceAt: string;
    ref: PmsNightReport['ref'];
    inPmsBefore?: InPmsSnapshot;
  },
): Promise<WriteThroughSummary> {
  const summary: WriteThroughSummary = { applied: 0, created: 0, stale: 0, overbooked: [], unmapped: 0 };
  const ours = new Map<string, RoomType>();
  for (const roomType of input.roomTypes) {
    if (roomType.pmsRoomTypeId) ours.set(roomType.pmsRoomTypeId, roomType);
  }
  const byRoomType = new Map<RoomType, PmsNight[]>();
  for (const night of input.nights) {
    const roomType = ours.get(night.pmsRoomTypeId);
    if (!roomType) {
      summary.unmapped += 1;
      continue;
    }
    const list = byRoomType.get(roomType);
    if (list) list.push(night);
    else byRoomType.set(roomType, [night]);
  }
  const limits = sellLimitsOf(input.hotel, input.config);
  for (const [roomType, nights] of byRoomType) {
    const inPmsBefore = input.inPmsBefore?.get(roomType.roomTypeId);
    const result = await applyPmsNights(deps, {
      hotelId: input.hotel.hotelId,
      roomTypeId: roomType.roomTypeId,
      sourceAt: input.sourceAt,
      nights: nights.map(factOf),
      limits,
      ref: input.ref,
      ...(inPmsBefore ? { inPmsBefore } : {}),
      // Every PMS night carries its price; the fallback only satisfies the signature.
      fallbackPriceMinor: nights[0]?.priceMinor ?? 0,
      currency: nights[0]?.currency ?? input.hotel.currency,
    });
    summary.applied += result.applied;
    summary.created += result.created;
    summary.stale += result.stale;
    summary.overbooked.push(...result.overbooked.map((date) => ({ roomTypeId: roomType.roomTypeId, date })));
  }
  return summary;
}
