import type { IsoDate } from './dates.ts';

function offsetMs(at: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
      .formatToParts(at)
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<string, number>;
  const local = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return local - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The instant a hotel-local date and time (`HH:mm`) happens in `timeZone`: when a guest arrives at
 * the hotel's check-in time. The zone's offset is read back from its own calendar, twice, so a
 * daylight-saving change on that day is honoured.
 */
export function instantIn(date: IsoDate, time: string, timeZone: string): Date {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), hours, minutes);
  let guess = asUtc;
  for (let i = 0; i < 2; i++) guess = asUtc - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

/** The hotel's check-in time when its room type names none. */
export const DEFAULT_CHECK_IN_TIME = '15:00';
