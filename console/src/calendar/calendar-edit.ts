import type { CalendarRangeInput, Weekday } from '../api/types.ts';

/**
 * The calendar range editor's form and the one range it sends to
 * `PUT /api/admin/hotels/{hotelId}/room-types/{roomTypeId}/calendar`: blank fields are left as
 * each night has them, `-` in a stay field and "remove" in a flag remove our override (`null`).
 */
export type Flag = 'closedToArrival' | 'closedToDeparture' | 'stopSell';
/** A restriction flag in the form: leave it as it is, set it, clear it, or remove our override. */
export type FlagChoice = 'keep' | 'on' | 'off' | 'remove';
export const FLAGS: Flag[] = ['stopSell', 'closedToArrival', 'closedToDeparture'];

export interface CalendarEditForm {
  roomTypeId: string;
  from: string;
  to: string;
  weekdays: Weekday[];
  price: string;
  total: string;
  minStay: string;
  maxStay: string;
  flags: Record<Flag, FlagChoice>;
}

/** The one range the form sends; blank fields are left as they are. */
export function rangeOf(form: CalendarEditForm): CalendarRangeInput {
  const range: CalendarRangeInput = { from: form.from, to: form.to };
  if (form.weekdays.length > 0 && form.weekdays.length < 7) range.weekdays = form.weekdays;
  if (form.price.trim() !== '') range.price = Number(form.price);
  if (form.total.trim() !== '') range.total = Number(form.total);
  if (form.minStay.trim() !== '') range.minStay = form.minStay.trim() === '-' ? null : Number(form.minStay);
  if (form.maxStay.trim() !== '') range.maxStay = form.maxStay.trim() === '-' ? null : Number(form.maxStay);
  for (const flag of FLAGS) {
    const choice = form.flags[flag];
    if (choice !== 'keep') range[flag] = choice === 'remove' ? null : choice === 'on';
  }
  return range;
}


/** One night's edit in the night panel: the same stay fields and flags as a range edit. */
export interface NightEditForm {
  total: string;
  minStay: string;
  maxStay: string;
  flags: Record<Flag, FlagChoice>;
  reason: string;
}

/**
 * The body of `PATCH /api/admin/inventory/{hotelId}/{roomTypeId}/{date}`: `total` when given,
 * `overrides` with only what changes (null lifts our rule), the reason for the ledger.
 */
export function nightEditBody(form: NightEditForm): { total?: number; overrides?: Record<string, number | boolean | null>; reason: string } {
  const overrides: Record<string, number | boolean | null> = {};
  if (form.minStay.trim() !== '') overrides.minStay = form.minStay.trim() === '-' ? null : Number(form.minStay);
  if (form.maxStay.trim() !== '') overrides.maxStay = form.maxStay.trim() === '-' ? null : Number(form.maxStay);
  for (const flag of FLAGS) {
    const choice = form.flags[flag];
    if (choice !== 'keep') overrides[flag] = choice === 'remove' ? null : choice === 'on';
  }
  return {
    ...(form.total.trim() !== '' ? { total: Number(form.total) } : {}),
    ...(Object.keys(overrides).length > 0 ? { overrides } : {}),
    reason: form.reason.trim(),
  };
}
