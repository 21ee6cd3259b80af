import { datesInclusive, type IsoDate } from './dates.ts';
import { newNight, type InventoryNight, type NightRestrictions } from './inventory.ts';

/**
 * An admin's rates-and-restrictions calendar (issue 9): ranges of dates, both ends included,
 * optionally only on some weekdays, each setting some of a night's values. Later ranges override
 * earlier ones field by field (Channex's rule), so "March at 120, weekends at 150" is two ranges.
 */
export const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The most days one calendar call may span (two years: the longest booking horizon). */
export const MAX_CALENDAR_DAYS = 730;

/** A restriction value, or `null` to remove our override (the PMS's value, if any, applies again). */
export type RestrictionEdits = { [K in keyof NightRestrictions]?: NightRestrictions[K] | null };

export interface CalendarRange extends RestrictionEdits {
  from: IsoDate;
  to: IsoDate;
  weekdays?: Weekday[];
  /** Minor units of the hotel's currency. */
  priceMinor?: number;
  total?: number;
}

/** What one night ends up with after every range: only the fields some range set. */
export interface NightEdit {
  date: IsoDate;
  total?: number;
  priceMinor?: number;
  overrides?: RestrictionEdits;
}

export const RESTRICTION_FIELDS = ['minStay', 'maxStay', 'closedToArrival', 'closedToDeparture', 'stopSell'] as const;

export function weekdayOf(date: IsoDate): Weekday {
  return WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]!;
}

/** One edit per date any range covers, in date order, each field from the last range that set it. */
export function expandRanges(ranges: readonly CalendarRange[]): NightEdit[] {
  const byDate = new Map<IsoDate, NightEdit>();
  for (const range of ranges) {
    const days = range.weekdays ? new Set(range.weekdays) : undefined;
    for (const date of datesInclusive(range.from, range.to)) {
      if (days && !days.has(weekdayOf(date))) continue;
      const edit = byDate.get(date) ?? { date };
      if (range.total !== undefined) edit.total = range.total;
      if (range.priceMinor !== undefined) edit.priceMinor = range.priceMinor;
      for (const field of RESTRICTION_FIELDS) {
        if (range[field] !== undefined) edit.overrides = { ...edit.overrides, [field]: range[field] };
      }
      byDate.set(date, edit);
    }
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** Our overrides after an edit: values set, `null`s removed; undefined when none is left. */
export function applyRestrictionEdits(current: NightRestrictions | undefined, edits: RestrictionEdits | undefined): NightRestrictions | undefined {
  if (!edits) return current;
  const out: Record<string, unknown> = { ...current };
  for (const [field, value] of Object.entries(edits)) {
    if (value === null) delete out[field];
    else if (value !== undefined) out[field] = value;
  }
  return Object.keys(out).length > 0 ? (out as NightRestrictions) : undefined;
}

/** What an edit of a room type's nights needs besides the edits. */
export interface NightEditContext {
  hotelId: string;
  roomTypeId: string;
  currency: string;
  limits: (total: number, date: IsoDate) => number;
  newNightPriceMinor?: number;
}

export type PlannedEdit = { kind: 'created' | 'changed' | 'unchanged'; night: InventoryNight; previous?: InventoryNight };

/** What one edit makes of a night (pure): a new night, a changed one, or the same one. */
export function planAdminEdit(edit: NightEditContext, e: NightEdit, stored: InventoryNight | undefined, stamp: string): PlannedEdit {
  if (!stored) {
    if (e.total === undefined) throw new RangeError(`No night ${e.date} to edit, and the edit gives no total to create it with.`);
    const priceMinor = e.priceMinor ?? edit.newNightPriceMinor;
    if (priceMinor === undefined) throw new RangeError(`No price for the new night ${e.date}.`);
    const night = newNight({
      hotelId: edit.hotelId,
      roomTypeId: edit.roomTypeId,
      date: e.date,
      total: e.total,
      priceMinor,
      currency: edit.currency,
      now: stamp,
      sellLimit: edit.limits(e.total, e.date),
    });
    const overrides = applyRestrictionEdits(undefined, e.overrides);
    return { kind: 'created', night: overrides ? { ...night, overrides } : night };
  }
  const total = e.total ?? stored.total;
  const sellLimit = e.total === undefined ? stored.sellLimit : edit.limits(total, e.date);
  const remaining = sellLimit - (stored.external ?? 0) - stored.reserved;
  const overrides = applyRestrictionEdits(stored.overrides, e.overrides);
  const { overrides: _old, ...rest } = stored;
  const night: InventoryNight = {
    ...rest,
    total,
    sellLimit,
    remaining,
    overbooked: remaining < 0,
    priceMinor: e.priceMinor ?? stored.priceMinor,
    ...(overrides ? { overrides } : {}),
    updatedAt: stamp,
  };
  const same =
    night.total === stored.total &&
    night.sellLimit === stored.sellLimit &&
    night.priceMinor === stored.priceMinor &&
    JSON.stringify(sortedObject(night.overrides)) === JSON.stringify(sortedObject(stored.overrides));
  return same ? { kind: 'unchanged', night: stored, previous: stored } : { kind: 'changed', night, previous: stored };
}

function sortedObject(value: object | undefined): [string, unknown][] {
  return Object.entries(value ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
}

