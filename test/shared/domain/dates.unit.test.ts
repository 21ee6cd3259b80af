import { describe, expect, it } from 'vitest';
import { addDays, datesInclusive, daysBetween, isIsoDate, isTimeZone, todayIn } from '../../../shared/domain/dates.ts';

describe('dates', () => {
  it('accepts only real calendar dates in YYYY-MM-DD form', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-13-01')).toBe(false);
    expect(isIsoDate('2025-1-01')).toBe(false);
    expect(isIsoDate('20250101')).toBe(false);
  });

  it('adds days across month, year and DST boundaries', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-03-08', 1)).toBe('2026-03-09');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('counts days and lists a range with both ends', () => {
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(datesInclusive('2026-01-30', '2026-02-02')).toEqual(['2026-01-30', '2026-01-31', '2026-02-01', '2026-02-02']);
  });

  it("knows today's date in the hotel's zone", () => {
    const instant = new Date('2026-11-21T20:30:00Z');
    expect(todayIn('Asia/Seoul', instant)).toBe('2026-11-22');
    expect(todayIn('America/Los_Angeles', instant)).toBe('2026-11-21');
  });

  it('recognises IANA zones', () => {
    expect(isTimeZone('Asia/Tokyo')).toBe(true);
    expect(isTimeZone('Mars/Base')).toBe(false);
  });
});
