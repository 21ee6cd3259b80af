import { describe, expect, it } from 'vitest';
import { nightEditBody, rangeOf, type CalendarEditForm } from '../../../console/src/calendar/calendar-edit.ts';

const blank: CalendarEditForm = {
  roomTypeId: 'rt_deluxe_double',
  from: '2026-03-01',
  to: '2026-03-31',
  weekdays: [],
  price: '',
  total: '',
  minStay: '',
  maxStay: '',
  flags: { stopSell: 'keep', closedToArrival: 'keep', closedToDeparture: 'keep' },
};

describe('the range a calendar edit sends', () => {
  it('leaves blank fields and kept flags out, so each night keeps them', () => {
    expect(rangeOf(blank)).toEqual({ from: '2026-03-01', to: '2026-03-31' });
  });

  it('sends prices and counts as numbers, weekdays unless all seven, "-" and "remove" as null', () => {
    const range = rangeOf({
      ...blank,
      weekdays: ['FRI', 'SAT'],
      price: '185000',
      total: '8',
      minStay: '2',
      maxStay: '-',
      flags: { stopSell: 'on', closedToArrival: 'off', closedToDeparture: 'remove' },
    });
    expect(range).toEqual({ from: '2026-03-01', to: '2026-03-31', weekdays: ['FRI', 'SAT'], price: 185000, total: 8, minStay: 2, maxStay: null, stopSell: true, closedToArrival: false, closedToDeparture: null });
    expect(rangeOf({ ...blank, weekdays: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] }).weekdays).toBeUndefined();
  });
});

describe("the body of one night's edit", () => {
  it('sends only what changes, null to lift our rule, and the reason', () => {
    const keep = { stopSell: 'keep', closedToArrival: 'keep', closedToDeparture: 'keep' } as const;
    expect(nightEditBody({ total: '', minStay: '', maxStay: '', flags: keep, reason: ' walk-in block ' })).toEqual({ reason: 'walk-in block' });
    expect(nightEditBody({ total: '7', minStay: '-', maxStay: '', flags: { ...keep, stopSell: 'on' }, reason: 'x' })).toEqual({
      total: 7,
      overrides: { minStay: null, stopSell: true },
      reason: 'x',
    });
  });
});
