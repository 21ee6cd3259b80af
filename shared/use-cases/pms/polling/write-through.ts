import type { IsoDate } from '#domain/dates.ts';
import type { RoomType } from '#domain/hotel.ts';
import type { PmsNight } from '#domain/pms.ts';
import type { EventPublisher } from '#ports/event-publisher.port.ts';
import type { PmsInventorySync } from '#ports/inventory.repository.ts';
import { applyPmsNights } from '../apply-pms-nights.use-case.ts';

export interface WriteThroughDeps {
  inventory: PmsInventorySync;
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

/**
 * Applies nights as the PMS reported them to our copy, translating the PMS's room type ids into
 * ours through the catalog's `pmsRoomTypeId`. Polls and live reads both go through here, so both
 * obey `applyPmsNights`' rules: totals never touch `reserved`, an older fact never rolls back a
 * newer one (`sourceAt`), and a shrink below what was sold flags the night overbooked.
 */
export async function writeThroughNights(
  deps: WriteThroughDeps,
  input: { hotelId: string; roomTypes: RoomType[]; nights: PmsNight[]; sourceAt: string; currency: string },
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
  for (const [roomType, nights] of byRoomType) {
    const result = await applyPmsNights(deps, {
      hotelId: input.hotelId,
      roomTypeId: roomType.roomTypeId,
      sourceAt: input.sourceAt,
      nights: nights.map((n) => ({ date: n.date, total: n.total, priceMinor: n.priceMinor, currency: n.currency })),
      // Every PMS night carries its price; the fallback only satisfies the signature.
      fallbackPriceMinor: nights[0]?.priceMinor ?? 0,
      currency: nights[0]?.currency ?? input.currency,
    });
    summary.applied += result.applied;
    summary.created += result.created;
    summary.stale += result.stale;
    summary.overbooked.push(...result.overbooked.map((date) => ({ roomTypeId: roomType.roomTypeId, date })));
  }
  return summary;
}
