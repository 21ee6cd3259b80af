import { planAdminEdit } from '../../../shared/domain/calendar.ts';
import type { IsoDate } from '../../../shared/domain/dates.ts';
import {
  countsAfterReport,
  editedOverrides,
  newNight,
  type InventoryMovement,
  type InventoryNight,
  type MovementKind,
  type NightCounts,
  type OverridesEdit,
} from '../../../shared/domain/inventory.ts';
import type {
  CalendarEdit,
  CalendarOutcome,
  InventoryCalendar,
  InventoryLedger,
  InventoryLimits,
  InventoryReader,
  InventoryWriter,
  PmsApplyOutcome,
  PmsInventorySync,
  PmsNightRate,
  PmsNightReport,
} from '../../../shared/ports/inventory.repository.ts';

/** A stored night plus the ordering stamps the adapter keeps next to it (never returned). */
type StoredNight = InventoryNight & { pmsTotalAt?: string; pmsRateAt?: string };

const keyOf = (hotelId: string, roomTypeId: string, date: IsoDate) => `${hotelId}|${roomTypeId}|${date}`;

function strip(night: StoredNight): InventoryNight {
  const { pmsTotalAt: _t, pmsRateAt: _r, ...rest } = structuredClone(night);
  return rest;
}

function countsOf(night: InventoryNight): NightCounts {
  return {
    total: night.total,
    sellLimit: night.sellLimit,
    external: night.external ?? 0,
    reserved: night.reserved,
    inPms: night.inPms ?? 0,
    remaining: night.remaining,
  };
}

/**
 * Inventory nights in memory, with the DynamoDB adapter's rules: `createNights` never overwrites
 * a night; `applyReport` sets `total`, `sellLimit`, other channels' sales (`external`, from the
 * PMS's `available` minus the smaller of `inPmsBefore` and `inPms`), restrictions and price, then
 * `remaining = sellLimit - external - reserved`, without touching `reserved`, creates a missing
 * night, and ignores a report older than the last one applied (`stale`); `applyRate` is `stale`
 * for an older rate or a missing night. Every change of the counts appends a movement.
 * `FakeHoldRepository` moves `reserved`/`remaining` through `adjust` and `inPms` through `countInPms`.
 * `applyCalendar` plans each night as the adapter does (`planAdminEdit`): created, changed or
 * unchanged, with an `admin-edit` movement when counts change.
 */
export class FakeInventory implements InventoryReader, InventoryWriter, PmsInventorySync, InventoryLimits, InventoryLedger, InventoryCalendar {
  private readonly nights = new Map<string, StoredNight>();
  readonly movements: InventoryMovement[] = [];

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

  async applyReport(report: PmsNightReport, now: Date): Promise<{ outcome: PmsApplyOutcome; night?: InventoryNight; previous?: InventoryNight }> {
    const key = keyOf(report.hotelId, report.roomTypeId, report.date);
    const stamp = now.toISOString();
    const current = this.nights.get(key);
    if (!current) {
      const created: StoredNight = {
        ...newNight({
          ...report,
          priceMinor: report.priceMinor ?? report.newNightPriceMinor,
          now: stamp,
          syncedAt: stamp,
          ...(report.available !== undefined ? { pmsAvailable: report.available } : {}),
          ...(report.restrictions ? { restrictions: report.restrictions } : {}),
        }),
        pmsTotalAt: report.sourceAt,
        pmsRateAt: report.sourceAt,
      };
      this.nights.set(key, created);
      this.record(created, 'pms-sync', 'night created from the PMS', report.ref, stamp, { after: countsOf(created) });
      return { outcome: 'created', night: strip(created) };
    }
    const previous = strip(current);
    if (current.pmsTotalAt !== undefined && current.pmsTotalAt > report.sourceAt) return { outcome: 'stale', night: previous };
    const inPmsNow = current.inPms ?? 0;
    const counts = countsAfterReport({
      total: report.total,
      sellLimit: report.sellLimit,
      reserved: current.reserved,
      inPms: Math.min(report.inPmsBefore ?? inPmsNow, inPmsNow),
      external: current.external ?? 0,
      ...(report.available !== undefined ? { pmsAvailable: report.available } : {}),
    });
    const priceIsNewer = report.priceMinor !== undefined && (current.pmsRateAt === undefined || current.pmsRateAt <= report.sourceAt);
    Object.assign(current, {
      total: report.total,
      sellLimit: report.sellLimit,
      external: counts.external,
      remaining: counts.remaining,
      overbooked: counts.overbooked,
      pmsTotalAt: report.sourceAt,
      syncedAt: stamp,
      updatedAt: stamp,
      ...(report.available !== undefined ? { pmsAvailable: report.available } : {}),
      ...(priceIsNewer ? { priceMinor: report.priceMinor, currency: report.currency, pmsRateAt: report.sourceAt } : {}),
    });
    if (report.restrictions) {
      if (Object.keys(report.restrictions).length > 0) current.restrictions = structuredClone(report.restrictions);
      else delete current.restrictions;
    }
    const before = countsOf(previous);
    const after = countsOf(current);
    if ((Object.keys(after) as (keyof NightCounts)[]).some((k) => before[k] !== after[k])) {
      this.record(current, 'pms-sync', 'PMS report', report.ref, stamp, { before, after });
    }
    return { outcome: 'applied', night: strip(current), previous };
  }

  async applyRate(fact: PmsNightRate, now: Date): Promise<PmsApplyOutcome> {
    const current = this.nights.get(keyOf(fact.hotelId, fact.roomTypeId, fact.date));
    if (!current || (current.pmsRateAt !== undefined && current.pmsRateAt > fact.sourceAt)) return 'stale';
    Object.assign(current, { priceMinor: fact.priceMinor, currency: fact.currency, pmsRateAt: fact.sourceAt, updatedAt: now.toISOString() });
    return 'applied';
  }

  async setSellLimit(
    at: { hotelId: string; roomTypeId: string; date: IsoDate },
    sellLimit: number,
    change: { reason: string; ref: InventoryMovement['ref'] },
    now: Date,
  ): Promise<InventoryNight | undefined> {
    const current = this.nights.get(keyOf(at.hotelId, at.roomTypeId, at.date));
    if (!current) return undefined;
    if (current.sellLimit === sellLimit) return strip(current);
    const before = countsOf(current);
    current.sellLimit = sellLimit;
    current.remaining = sellLimit - (current.external ?? 0) - current.reserved;
    current.overbooked = current.remaining < 0;
    current.updatedAt = now.toISOString();
    this.record(current, 'policy', change.reason, change.ref, current.updatedAt, { before, after: countsOf(current) });
    return strip(current);
  }

  async applyCalendar(edit: CalendarEdit, now: Date): Promise<CalendarOutcome> {
    const stamp = now.toISOString();
    const plans = edit.edits.map((e) => {
      const stored = this.nights.get(keyOf(edit.hotelId, edit.roomTypeId, e.date));
      return planAdminEdit(edit, e, stored ? strip(stored) : undefined, stamp);
    });
    const outcome: CalendarOutcome = { created: 0, changed: 0, unchanged: 0 };
    for (const plan of plans) {
      outcome[plan.kind] += 1;
      if (plan.kind === 'unchanged') continue;
      const key = keyOf(edit.hotelId, edit.roomTypeId, plan.night.date);
      const stored = this.nights.get(key);
      this.nights.set(key, { ...structuredClone(plan.night), ...(stored?.pmsTotalAt ? { pmsTotalAt: stored.pmsTotalAt } : {}), ...(stored?.pmsRateAt ? { pmsRateAt: stored.pmsRateAt } : {}) });
      const before = plan.previous ? countsOf(plan.previous) : undefined;
      const after = countsOf(plan.night);
      if (!before || (Object.keys(after) as (keyof NightCounts)[]).some((k) => before[k] !== after[k])) {
        this.record(plan.night, 'admin-edit', plan.kind === 'created' ? 'night created by an admin' : 'admin calendar', edit.ref, stamp, {
          ...(before ? { before } : {}),
          after,
        });
      }
    }
    return outcome;
  }

  async setSellLimits(
    changes: readonly { night: InventoryNight; sellLimit: number }[],
    change: { reason: string; ref: InventoryMovement['ref'] },
    now: Date,
  ): Promise<number> {
    let changed = 0;
    for (const { night, sellLimit } of changes) {
      const before = this.nights.get(keyOf(night.hotelId, night.roomTypeId, night.date))?.sellLimit;
      const after = await this.setSellLimit(night, sellLimit, change, now);
      if (after && before !== after.sellLimit) changed += 1;
    }
    return changed;
  }

  async editNight(
    at: { hotelId: string; roomTypeId: string; date: IsoDate },
    edit: { total?: number; overrides?: OverridesEdit },
    sellLimitFor: (total: number) => number,
    change: { reason: string; ref: InventoryMovement['ref'] },
    now: Date,
  ): Promise<InventoryNight | undefined> {
    const current = this.nights.get(keyOf(at.hotelId, at.roomTypeId, at.date));
    if (!current) return undefined;
    const before = countsOf(current);
    current.total = edit.total ?? current.total;
    current.sellLimit = sellLimitFor(current.total);
    current.remaining = current.sellLimit - (current.external ?? 0) - current.reserved;
    current.overbooked = current.remaining < 0;
    current.updatedAt = now.toISOString();
    const overrides = editedOverrides(current.overrides, edit.overrides);
    if (overrides) current.overrides = overrides;
    else delete current.overrides;
    this.record(current, 'admin-edit', change.reason, change.ref, current.updatedAt, { before, after: countsOf(current) });
    return strip(current);
  }

  async listMovements(hotelId: string, roomTypeId: string, date: IsoDate, options: { limit?: number } = {}): Promise<InventoryMovement[]> {
    return this.movements
      .filter((m) => m.hotelId === hotelId && m.roomTypeId === roomTypeId && m.date === date)
      .reverse()
      .slice(0, options.limit ?? 200)
      .map((m) => structuredClone(m));
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

  /** For `FakeHoldRepository`: moves `rooms` from `remaining` to `reserved` (negative gives them back), with a movement. */
  adjust(hotelId: string, roomTypeId: string, dates: IsoDate[], rooms: number, now: Date, cause = { bookingId: 'unknown', reason: 'test' }): void {
    for (const date of dates) {
      const night = this.nights.get(keyOf(hotelId, roomTypeId, date));
      if (!night) throw new Error(`Night ${hotelId}/${roomTypeId}/${date} does not exist`);
      night.remaining -= rooms;
      night.reserved += rooms;
      night.updatedAt = now.toISOString();
      this.record(night, rooms > 0 ? 'hold' : 'release', cause.reason, { type: 'booking', id: cause.bookingId }, night.updatedAt, {
        delta: { reserved: rooms, remaining: -rooms },
      });
    }
  }

  /** For `FakeHoldRepository`: moves the PMS's count of our rooms on every night of a hold, with a movement. */
  countInPms(hold: { bookingId: string; hotelId: string; roomTypeId: string; nights: IsoDate[] }, rooms: number, kind: MovementKind, reason: string, now: Date): void {
    for (const date of hold.nights) {
      const night = this.nights.get(keyOf(hold.hotelId, hold.roomTypeId, date));
      if (!night) throw new Error(`Night ${hold.hotelId}/${hold.roomTypeId}/${date} does not exist`);
      night.inPms = (night.inPms ?? 0) + rooms;
      night.updatedAt = now.toISOString();
      this.record(night, kind, reason, { type: 'booking', id: hold.bookingId }, night.updatedAt, { delta: { inPms: rooms } });
    }
  }

  private record(
    night: InventoryNight,
    kind: MovementKind,
    reason: string,
    ref: InventoryMovement['ref'],
    at: string,
    change: Pick<InventoryMovement, 'delta' | 'before' | 'after'>,
  ): void {
    this.movements.push({ hotelId: night.hotelId, roomTypeId: night.roomTypeId, date: night.date, kind, reason, ref, at, ...structuredClone(change) });
  }
}
