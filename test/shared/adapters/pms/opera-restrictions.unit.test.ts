import { describe, expect, it } from 'vitest';
import { operaRestrictions } from '../../../../shared/adapters/pms/opera.adapter.ts';

/** Restriction sets as OHIP's `restrictionSetType` spells them. */
const set = (control: Record<string, unknown>, code: string, start: string, end: string, extra: Record<string, unknown> = {}) => ({
  restrictionControl: control,
  restrictionStatus: { code, ...(extra.unit !== undefined ? { unit: extra.unit } : {}) },
  start,
  end,
  ...Object.fromEntries(Object.entries(extra).filter(([k]) => k !== 'unit')),
});

const plans = new Map<string, string | undefined>([
  ['STDT', 'FLEX'],
  ['EXKG', 'FLEX'],
]);

describe('OPERA restriction sets as night fields', () => {
  it('maps each restriction code of a room type to its field over the set\'s dates', () => {
    const byNight = operaRestrictions(
      [
        set({ roomType: 'STDT' }, 'Closed', '2026-07-01', '2026-07-01'),
        set({ roomType: 'STDT' }, 'ClosedForArrival', '2026-07-01', '2026-07-02'),
        set({ roomType: 'STDT' }, 'ClosedForDeparture', '2026-07-02', '2026-07-02'),
        set({ roomType: 'STDT' }, 'MinimumLengthOfStay', '2026-07-01', '2026-07-02', { unit: 2 }),
        set({ roomType: 'STDT' }, 'MaximumLengthOfStay', '2026-07-02', '2026-07-02', { unit: 7 }),
      ],
      '2026-07-01',
      '2026-07-03',
      plans,
    );

    expect(byNight.get('STDT|2026-07-01')).toEqual({ stopSell: true, closedToArrival: true, minStay: 2 });
    expect(byNight.get('STDT|2026-07-02')).toEqual({ closedToArrival: true, closedToDeparture: true, minStay: 2, maxStay: 7 });
    expect(byNight.get('STDT|2026-07-03')).toBeUndefined();
  });

  it('keys house-level sets by date alone, and keeps the stricter of two length-of-stay rules', () => {
    const byNight = operaRestrictions(
      [
        set({ house: true }, 'MinimumLengthOfStay', '2026-07-01', '2026-07-01', { unit: 3 }),
        set({}, 'MaximumLengthOfStay', '2026-07-01', '2026-07-01', { unit: 10 }),
        set({ roomType: 'EXKG' }, 'MaximumLengthOfStay', '2026-07-01', '2026-07-01', { unit: 5 }),
        set({ roomType: 'EXKG' }, 'MaximumLengthOfStay', '2026-07-01', '2026-07-01', { unit: 4 }),
      ],
      '2026-07-01',
      '2026-07-01',
      plans,
    );

    expect(byNight.get('*|2026-07-01')).toEqual({ minStay: 3, maxStay: 10 });
    expect(byNight.get('EXKG|2026-07-01')).toEqual({ maxStay: 4 });
  });

  it('counts a rate-plan set only for the room types we sell under that plan, and skips channel, category and room-class sets', () => {
    const byNight = operaRestrictions(
      [
        set({ roomType: 'STDT', ratePlanCode: 'FLEX' }, 'ClosedForArrival', '2026-07-01', '2026-07-01'),
        set({ roomType: 'STDT', ratePlanCode: 'PROMO' }, 'Closed', '2026-07-01', '2026-07-01'),
        set({ ratePlanCode: 'PROMO' }, 'Closed', '2026-07-01', '2026-07-01'),
        set({ ratePlanCode: 'FLEX' }, 'ClosedForDeparture', '2026-07-01', '2026-07-01'),
        set({ roomType: 'STDT', bookingChannelCode: 'BOOKING' }, 'Closed', '2026-07-01', '2026-07-01'),
        set({ ratePlanCategory: 'DISC' }, 'Closed', '2026-07-01', '2026-07-01'),
        set({ roomClass: 'SUITE' }, 'Closed', '2026-07-01', '2026-07-01'),
        set({ roomType: 'STDT' }, 'MinimumStayThrough', '2026-07-01', '2026-07-01', { unit: 4 }),
      ],
      '2026-07-01',
      '2026-07-01',
      plans,
    );

    expect(Object.fromEntries(byNight)).toEqual({
      'STDT|2026-07-01': { closedToArrival: true, closedToDeparture: true },
      'EXKG|2026-07-01': { closedToDeparture: true },
    });
  });

  it('applies a set with day-of-week flags only on the days flagged, and only inside the window', () => {
    // 2026-07-03 is a Friday, 2026-07-04 a Saturday.
    const byNight = operaRestrictions(
      [set({ roomType: 'STDT' }, 'MinimumLengthOfStay', '2026-06-01', '2026-08-31', { unit: 2, friday: true, saturday: true, sunday: false })],
      '2026-07-01',
      '2026-07-05',
      plans,
    );

    expect([...byNight.keys()]).toEqual(['STDT|2026-07-03', 'STDT|2026-07-04']);
    expect(byNight.get('STDT|2026-07-03')).toEqual({ minStay: 2 });
  });
});
