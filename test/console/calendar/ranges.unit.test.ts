import { describe, expect, it } from 'vitest';
import { addDays, addMonths, calendarWindow, cellState, chunkRange, datesInRange, daysBetween, isWeekend, monthBounds, monthOf, nightsCovered, restrictionTags, weekdayOf } from '../../../console/src/calendar/ranges.ts';

describe('calendar dates', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2);
    expect(daysBetween('2026-03-09', '2026-03-07')).toBe(-2);
  });

  it('lists both ends of a range, and nothing for a reversed one', () => {
    expect(datesInRange('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(datesInRange('2026-03-02', '2026-03-01')).toEqual([]);
  });

  it('refuses dates that do not exist', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => monthOf('2026-13-01')).toThrow(RangeError);
  });

  it('moves by months across years, and knows month lengths', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-03', 14)).toBe('2027-05');
    expect(monthBounds('2028-02')).toEqual({ first: '2028-02-01', last: '2028-02-29' });
    expect(monthBounds('2026-04')).toEqual({ first: '2026-04-01', last: '2026-04-30' });
  });

  it('tells weekends by the calendar date alone', () => {
    expect(isWeekend('2026-03-07')).toBe(true); // Saturday
    expect(isWeekend('2026-03-08')).toBe(true);
    expect(isWeekend('2026-03-09')).toBe(false);
  });
});

describe('the grid window', () => {
  it('starts the current month at today and cannot go back from it', () => {
    const w = calendarWindow('2026-03', '2026-03-20');
    expect(w.start).toBe('2026-03-20');
    expect(w.end).toBe('2026-03-31');
    expect(w.dates).toHaveLength(12);
    expect(w.canGoBack).toBe(false);
  });

  it('shows a whole later month and may go back', () => {
    const w = calendarWindow('2026-04', '2026-03-20');
    expect([w.start, w.end, w.dates.length, w.canGoBack]).toEqual(['2026-04-01', '2026-04-30', 30, true]);
  });

  it('shows nothing for a past month', () => {
    expect(calendarWindow('2026-02', '2026-03-20').dates).toEqual([]);
  });
});

describe('chunkRange', () => {
  it('splits a long range into reads of at most maxDays, covering every day once', () => {
    const chunks = chunkRange('2026-01-01', '2027-01-05', 366);
    expect(chunks).toEqual([
      { from: '2026-01-01', to: '2027-01-01' },
      { from: '2027-01-02', to: '2027-01-05' },
    ]);
    const days = chunks.flatMap((c) => datesInRange(c.from, c.to));
    expect(new Set(days).size).toBe(days.length);
    expect(days).toHaveLength(daysBetween('2026-01-01', '2027-01-05') + 1);
  });

  it('keeps a short range whole and refuses a zero size', () => {
    expect(chunkRange('2026-03-01', '2026-03-03', 366)).toEqual([{ from: '2026-03-01', to: '2026-03-03' }]);
    expect(chunkRange('2026-03-04', '2026-03-03', 5)).toEqual([]);
    expect(() => chunkRange('2026-03-01', '2026-03-03', 0)).toThrow(RangeError);
  });
});

describe('cellState', () => {
  it('puts overbooked before sold out before few left', () => {
    expect(cellState({ available: 0, overbooked: true })).toBe('overbooked');
    expect(cellState({ available: 3, overbooked: true })).toBe('overbooked');
    expect(cellState({ available: 0, overbooked: false })).toBe('soldOut');
    expect(cellState({ available: 2, overbooked: false })).toBe('low');
    expect(cellState({ available: 3, overbooked: false })).toBe('open');
    expect(cellState({ available: 5, overbooked: false }, 5)).toBe('low');
  });
});

describe('restriction tags of a night', () => {
  it('lists the restrictions in force in a fixed order with their source, and skips false ones', () => {
    const tags = restrictionTags({
      restrictions: { minStay: 2, closedToArrival: true, closedToDeparture: false, stopSell: true },
      restrictionSources: { minStay: 'pms', stopSell: 'hotel', closedToArrival: 'pms' },
    });
    expect(tags).toEqual([
      { key: 'stopSell', source: 'hotel' },
      { key: 'closedToArrival', source: 'pms' },
      { key: 'minStay', value: 2, source: 'pms' },
    ]);
    expect(restrictionTags({ restrictions: {}, restrictionSources: {} })).toEqual([]);
  });
});

describe('nights a calendar edit covers', () => {
  it('counts both ends, only the chosen weekdays, and nothing for a reversed range', () => {
    expect(weekdayOf('2026-03-07')).toBe('SAT');
    expect(nightsCovered('2026-03-01', '2026-03-31')).toBe(31);
    // March 2026 has four Fridays and four Saturdays (6, 7, 13, 14, 20, 21, 27, 28).
    expect(nightsCovered('2026-03-01', '2026-03-31', ['FRI', 'SAT'])).toBe(8);
    expect(nightsCovered('2026-03-07', '2026-03-07', ['SUN'])).toBe(0);
    expect(nightsCovered('2026-03-09', '2026-03-07')).toBe(0);
  });
});
