import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatMoney, formatMonth, formatPercent, formatStay, formatWeekday, todayIn } from '../../../console/src/format/format.ts';

/** Intl puts thin and narrow no-break spaces in ranges and times; compare them as plain spaces. */
const plain = (text: string) => text.replace(/[\u2009\u202f\u00a0]/g, ' ');

describe('money', () => {
  it('uses the currency of the hotel and its own minor digits, formatted for the UI locale', () => {
    expect(formatMoney(180000, 'KRW', 'ko-KR')).toBe('₩180,000');
    expect(formatMoney(180000, 'KRW', 'en-US')).toBe('₩180,000');
    expect(formatMoney(12.5, 'USD', 'en-US')).toBe('$12.50');
    expect(formatMoney(12.5, 'USD', 'ko-KR')).toBe('US$12.50');
    expect(formatMoney(1234.5, 'EUR', 'en-US')).toBe('€1,234.50');
    expect(formatMoney(1500, 'JPY', 'en-US')).toBe('¥1,500');
  });

  it('shows an unknown currency code beside the amount instead of failing', () => {
    expect(formatMoney(10, 'NOT-A-CODE', 'en-US')).toBe('10 NOT-A-CODE');
  });

  it('formats ratios as percentages', () => {
    expect(formatPercent(0.932, 'en-US')).toBe('93.2%');
  });
});

describe('dates', () => {
  it('shows a stay date as the same calendar day whatever the zone of the machine', () => {
    expect(formatDate('2026-03-07', 'en-US')).toBe('Mar 7, 2026');
    expect(formatDate('2026-03-07', 'ko-KR')).toBe('2026. 3. 7.');
    expect(formatDate('2026-01-01', 'en-US', 'full')).toBe('Thursday, January 1, 2026');
    expect(formatWeekday('2026-03-07', 'ko-KR')).toBe('토');
    expect(formatMonth('2026-03', 'ko-KR')).toBe('2026년 3월');
    expect(formatMonth('2026-03', 'en-US')).toBe('March 2026');
  });

  it('shows a stay as one range', () => {
    expect(plain(formatStay('2026-03-07', '2026-03-09', 'en-US'))).toBe('Mar 7 – 9, 2026');
  });

  it('refuses what is not a calendar date', () => {
    expect(() => formatDate('2026-3-7', 'en-US')).toThrow(RangeError);
  });

  it("shows an instant in the hotel's time zone and names the zone", () => {
    const instant = '2026-03-07T15:30:00.000Z';
    expect(plain(formatDateTime(instant, 'en-US', 'Asia/Seoul'))).toBe('Mar 8, 2026, 12:30:00 AM GMT+9');
    expect(plain(formatDateTime(instant, 'en-US', 'Europe/Lisbon'))).toBe('Mar 7, 2026, 3:30:00 PM GMT');
    expect(plain(formatDateTime(instant, 'ko-KR', 'Asia/Seoul'))).toMatch(/^2026\. 3\. 8\. 오전 12:30:00 GMT\+9$/);
  });

  it('falls back to UTC, named, for a zone Intl does not know', () => {
    expect(plain(formatDateTime('2026-03-07T15:30:00.000Z', 'en-US', 'Mars/Olympus'))).toBe('Mar 7, 2026, 3:30:00 PM UTC');
  });

  it("knows the hotel's today, which may not be the machine's", () => {
    const now = new Date('2026-03-07T20:00:00.000Z');
    expect(todayIn('Asia/Seoul', now)).toBe('2026-03-08');
    expect(todayIn('America/Los_Angeles', now)).toBe('2026-03-07');
  });
});
