/**
 * Money, dates and numbers for the console, with `Intl` only. Money is in major units (as the API
 * sends it) and always in the hotel's currency; stay dates (`YYYY-MM-DD`) are calendar days and are
 * never shifted by a time zone; instants (`2026-03-01T09:30:00.000Z`) are shown in the hotel's time
 * zone, which is named, because an admin in Seoul may look at a hotel in Lisbon.
 */
export type UiLanguage = 'en' | 'ko';

/** The BCP 47 locale each UI language formats with. */
export const LOCALES: Record<UiLanguage, string> = { en: 'en-US', ko: 'ko-KR' };

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

/** `₩180,000` / `₩180,000`, `$12.50` / `US$12.50`: the currency's own minor digits (none for KRW, JPY). */
export function formatMoney(amount: number, currency: string, locale: string): string {
  try {
    return numberFormat(locale, { style: 'currency', currency }).format(amount);
  } catch {
    // An unknown currency code: show the amount and the code rather than failing the page.
    return `${numberFormat(locale, { maximumFractionDigits: 2 }).format(amount)} ${currency}`;
  }
}

/** Short money for calendar cells: `₩180K` / `₩18만`. */
export function formatMoneyCompact(amount: number, currency: string, locale: string): string {
  try {
    return numberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(amount);
  } catch {
    return formatMoney(amount, currency, locale);
  }
}

export function formatNumber(value: number, locale: string): string {
  return numberFormat(locale, {}).format(value);
}

/** `0.932` -> `93.2%`. */
export function formatPercent(ratio: number, locale: string): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The instant at UTC midnight of a calendar date, for formatting it in UTC (so it never shifts). */
function utcMidnight(isoDate: string): Date {
  const match = ISO_DATE.exec(isoDate);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${isoDate}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

/** A stay date: `Mar 7, 2026` / `2026. 3. 7.`, the same day everywhere. */
export function formatDate(isoDate: string, locale: string, style: 'medium' | 'long' | 'full' = 'medium'): string {
  return dateFormat(locale, { dateStyle: style, timeZone: 'UTC' }).format(utcMidnight(isoDate));
}

/** `Sat` / `토`: a stay date's weekday. */
export function formatWeekday(isoDate: string, locale: string): string {
  return dateFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(utcMidnight(isoDate));
}

/** `7` / `7일`: the day of month, for calendar headers. */
export function formatDayOfMonth(isoDate: string, locale: string): string {
  return dateFormat(locale, { day: 'numeric', timeZone: 'UTC' }).format(utcMidnight(isoDate));
}

/** `March 2026` / `2026년 3월`, from `YYYY-MM`. */
export function formatMonth(month: string, locale: string): string {
  return dateFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(utcMidnight(`${month}-01`));
}

/** `Mar 7 – 9, 2026`: a stay, check-in to check-out. */
export function formatStay(checkIn: string, checkOut: string, locale: string): string {
  return dateFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).formatRange(utcMidnight(checkIn), utcMidnight(checkOut));
}

/**
 * An instant in the hotel's time zone, with the zone shown: `Mar 7, 2026, 3:04:05 PM GMT+9`.
 * An unknown zone falls back to UTC (named as such) instead of failing the page.
 */
export function formatDateTime(iso: string, locale: string, timeZone: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'medium' };
  try {
    return dateFormat(locale, { ...options, timeZone }).format(instant) + ` ${zoneName(instant, locale, timeZone)}`;
  } catch {
    return dateFormat(locale, { ...options, timeZone: 'UTC' }).format(instant) + ' UTC';
  }
}

function zoneName(instant: Date, locale: string, timeZone: string): string {
  const part = dateFormat(locale, { timeZone, timeZoneName: 'short' })
    .formatToParts(instant)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** Today's date in a time zone: the hotel's "today" for arrivals and the calendar. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  try {
    return dateFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}
