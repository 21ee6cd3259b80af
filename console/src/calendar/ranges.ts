import type { InventoryNight } from '../api/types.ts';

/**
 * Calendar arithmetic on `YYYY-MM-DD` calendar dates (no time zones: a night is a date in the
 * hotel's calendar) and `YYYY-MM` months, for the availability grid.
 */
const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

function toUtc(isoDate: string): number {
  if (!ISO_DATE.test(isoDate)) throw new RangeError(`not a YYYY-MM-DD date: ${isoDate}`);
  const time = Date.parse(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== isoDate) throw new RangeError(`not a real date: ${isoDate}`);
  return time;
}

function fromUtc(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
  return fromUtc(toUtc(isoDate) + days * DAY_MS);
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

/** Every date from `from` to `to`, both included; empty when `to` is before `from`. */
export function datesInRange(from: string, to: string): string[] {
  const count = daysBetween(from, to) + 1;
  return Array.from({ length: Math.max(0, count) }, (_, i) => addDays(from, i));
}

export function monthOf(isoDate: string): string {
  toUtc(isoDate);
  return isoDate.slice(0, 7);
}

export function addMonths(month: string, count: number): string {
  const match = ISO_MONTH.exec(month);
  if (!match) throw new RangeError(`not a YYYY-MM month: ${month}`);
  const index = Number(match[1]) * 12 + (Number(match[2]) - 1) + count;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The first and last date of a month. */
export function monthBounds(month: string): { first: string; last: string } {
  const first = `${month}-01`;
  toUtc(first);
  return { first, last: addDays(`${addMonths(month, 1)}-01`, -1) };
}

export interface CalendarWindow {
  month: string;
  /** The first night shown: the month's first day, or today in the current month. */
  start: string;
  /** The month's last night. */
  end: string;
  dates: string[];
  /** Months before today's hold only past nights: the grid does not go there. */
  canGoBack: boolean;
}

/**
 * The nights the grid shows for `month`, seen from `today` in the hotel's calendar. Past nights
 * are not shown: reading one would ask the PMS about a night nobody can sell. A month entirely in
 * the past shows nothing.
 */
export function calendarWindow(month: string, today: string): CalendarWindow {
  const { first, last } = monthBounds(month);
  const start = first < today ? today : first;
  const dates = start > last ? [] : datesInRange(start, last);
  return { month, start, end: last, dates, canGoBack: month > monthOf(today) };
}

/**
 * Splits `from..to` (both included) into consecutive ranges of at most `maxDays`, as one API read
 * may cover (366 for the inventory API).
 */
export function chunkRange(from: string, to: string, maxDays: number): Array<{ from: string; to: string }> {
  if (maxDays < 1) throw new RangeError('maxDays must be at least 1');
  const chunks: Array<{ from: string; to: string }> = [];
  for (let start = from; start <= to; start = addDays(start, maxDays)) {
    const end = addDays(start, maxDays - 1);
    chunks.push({ from: start, to: end < to ? end : to });
  }
  return chunks;
}

/** Saturday or Sunday (UTC weekday of the calendar date, so zone-free). */
export function isWeekend(isoDate: string): boolean {
  const day = new Date(toUtc(isoDate)).getUTCDay();
  return day === 0 || day === 6;
}

export type CellState = 'overbooked' | 'soldOut' | 'low' | 'open';

/**
 * What a night's cell says at a glance. Overbooked wins (the hotel has sold more rooms than it
 * has), then sold out, then "low" when at most `lowThreshold` rooms are left. Stale is separate:
 * any state can also be stale.
 */
export function cellState(night: Pick<InventoryNight, 'available' | 'overbooked'>, lowThreshold = 2): CellState {
  if (night.overbooked) return 'overbooked';
  if (night.available <= 0) return 'soldOut';
  if (night.available <= lowThreshold) return 'low';
  return 'open';
}

/** Indexes nights by date, for a grid row; nights outside the window are ignored. */
export function nightsByDate(nights: readonly InventoryNight[]): Map<string, InventoryNight> {
  return new Map(nights.map((n) => [n.date, n]));
}

export type RestrictionKey = keyof InventoryNight['restrictions'];

/**
 * A night's restrictions in force as short tags for a cell, in a fixed order, with where each
 * comes from (`pms` or `hotel`, our own override). Absent or false restrictions do not restrict.
 */
export function restrictionTags(night: Pick<InventoryNight, 'restrictions' | 'restrictionSources'>): Array<{ key: RestrictionKey; value?: number; source?: 'pms' | 'hotel' }> {
  const order: RestrictionKey[] = ['stopSell', 'closedToArrival', 'closedToDeparture', 'minStay', 'maxStay'];
  const tags: Array<{ key: RestrictionKey; value?: number; source?: 'pms' | 'hotel' }> = [];
  for (const key of order) {
    const value = night.restrictions[key];
    if (value === undefined || value === false) continue;
    const source = night.restrictionSources[key];
    tags.push({ key, ...(typeof value === 'number' ? { value } : {}), ...(source ? { source } : {}) });
  }
  return tags;
}

const WEEKDAY_CODES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;

/** The day of the week of a calendar date, as the catalog API names it. */
export function weekdayOf(isoDate: string): (typeof WEEKDAY_CODES)[number] {
  return WEEKDAY_CODES[new Date(toUtc(isoDate)).getUTCDay()]!;
}

/**
 * How many nights a calendar edit covers: every date from `from` to `to` (both included) whose
 * weekday is in `weekdays` (all days when none are chosen). The confirmation states it.
 */
export function nightsCovered(from: string, to: string, weekdays: readonly string[] = []): number {
  if (from > to) return 0;
  return datesInRange(from, to).filter((d) => weekdays.length === 0 || weekdays.includes(weekdayOf(d))).length;
}
