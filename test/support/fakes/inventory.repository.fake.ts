import type { IsoDate } from '../../../shared/domain/dates.ts';
import { newNight, sellLimitFor, type InventoryNight } from '../../../shared/domain/inventory.ts';
import type {
  InventoryReader,
  InventoryWriter,
  PmsApplyOutcome,
  PmsInventorySync,
  PmsNightRate,
  PmsNightTotal,
} from '../../../shared/ports/inventory.repository.ts';

/** A stored night plus the ordering stamps the adapter keeps next to it (never returned). */
type StoredNight = InventoryNight & { pmsTotalAt?: string; pmsRateAt?: string };

const keyOf = (hotelId: string, roomTypeId: string, date: IsoDate) => `${hotelId}|${roomTypeId}|${date}`;

function strip(night: StoredNight): InventoryNight {
  const { pmsTotalAt: _t, pmsRateAt: _r, ...rest } = structuredClone(night);
  return rest;
}

/**
 * Inventory nights in memory, with the DynamoDB adapter's rules: `createNights` never overwrites
 * a night; `applyTotal` sets `total`, `sellLimit` and `remaining = sellLimit - reserved` without
 * touching `reserved`, creates a missing night, and ignores a fact older than the last one applied
 * (`stale`); `applyRate` is `stale` for an older rate or a missing night; `setOverbooked` throws
 * for a missing night. `FakeHoldRepository` moves `reserved`/`remaining` through `adjust`.
 */
export class FakeInventory implements InventoryReader, InventoryWriter, PmsInventorySync {
  private readonly nights = new Map<string, StoredNight>();

  async getNights(hotelId: string, roomTypeId: string, startDate: IsoDate, endDate: IsoDate): Promise<InventoryNight[]> {
    return [...this.nights.values()]
      .filter((n) => n.hotelId === hotelId && n.roomTypeId === roomTypeId && n.date >= startDate && n.date <= endDate)
      .sort((a, b) => a.date.localeCompare(b.date))
      .map(strip);
  }

  async createNights(nights: InventoryNight[]): Promise<void> {
    for (const night of nights) {
      const key = keyOf(night.hotelId, night.roomTypeId, night.date);
      if (!this.nights.has(key)) this.nights.set(key, structuredClone(night));
    }
  }

  async seedUnreachableNights(nights: InventoryNight[]): Promise<void> {
    for (const night of nights) this.nights.set(keyOf(night.hotelId, night.roomTypeId, night.date), structuredClone(night));
  }

  async applyTotal(fact: PmsNightTotal, now: Date): Promise<{ outcome: PmsApplyOutcome; night?: InventoryNight }> {
    const key = keyOf(fact.hotelId, fact.roomTypeId, fact.date);
    const stamp = now.toISOString();
    const current = this.nights.get(key);
    if (!current) {
      const created: StoredNight = { ...newNight({ ...fact, now: stamp, syncedAt: stamp }), pmsTotalAt: fact.sourceAt };
      this.nights.set(key, created);
      return { outcome: 'created', night: strip(created) };
    }
    if (current.pmsTotalAt !== undefined && current.pmsTotalAt > fact.sourceAt) return { outcome: 'stale', night: strip(current) };
    const limit = sellLimitFor(fact.total);
    Object.assign(current, { total: fact.total, sellLimit: limit, remaining: limit - current.reserved, pmsTotalAt: fact.sourceAt, syncedAt: stamp, updatedAt: stamp });
    return { outcome: 'applied', night: strip(current) };
  }

  async applyRate(fact: PmsNightRate, now: Date): Promise<PmsApplyOutcome> {
    const current = this.nights.get(keyOf(fact.hotelId, fact.roomTypeId, fact.date));
    if (!current || (current.pmsRateAt !== undefined && current.pmsRateAt > fact.sourceAt)) return 'stale';
    Object.assign(current, { priceMinor: fact.priceMinor, currency: fact.currency, pmsRateAt: fact.sourceAt, updatedAt: now.toISOString() });
    return 'applied';
  }

  async setOverbooked(hotelId: string, roomTypeId: string, date: IsoDate, overbooked: boolean): Promise<void> {
    const current = this.nights.get(keyOf(hotelId, roomTypeId, date));
    if (!current) throw new Error(`Night ${hotelId}/${roomTypeId}/${date} does not exist`);
    current.overbooked = overbooked;
  }

  /** Test helper: stores nights as given, replacing any with the same key. */
  seed(nights: InventoryNight[]): void {
    for (const night of nights) this.nights.set(keyOf(night.hotelId, night.roomTypeId, night.date), structuredClone(night));
  }

  /** Test helper: one night as stored, or undefined. */
  night(hotelId: string, roomTypeId: string, date: IsoDate): InventoryNight | undefined {
    const night = this.nights.get(keyOf(hotelId, roomTypeId, date));
    return night ? strip(night) : undefined;
  }

  /** Test helper: every stored night. */
  all(): InventoryNight[] {
    return [...this.nights.values()].map(strip);
  }

  /** For `FakeHoldRepository`: does every night exist with `remaining >= rooms`? Returns the nights that do not. */
  shortNights(hotelId: string, roomTypeId: string, dates: IsoDate[], rooms: number): IsoDate[] {
    return dates.filter((date) => {
      const night = this.nights.get(keyOf(hotelId, roomTypeId, date));
      return !night || night.remaining < rooms;
    });
  }

  /** For `FakeHoldRepository`: moves `rooms` from `remaining` to `reserved` (negative gives them back). */
  adjust(hotelId: string, roomTypeId: string, dates: IsoDate[], rooms: number, now: Date): void {
    for (const date of dates) {
      const night = this.nights.get(keyOf(hotelId, roomTypeId, date));
      if (!night) throw new Error(`Night ${hotelId}/${roomTypeId}/${date} does not exist`);
      night.remaining -= rooms;
      night.reserved += rooms;
      night.updatedAt = now.toISOString();
    }
  }
}
