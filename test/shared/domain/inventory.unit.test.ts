import { describe, expect, it } from 'vitest';
import { availableOf, editedOverrides, newNight, sellLimitFor } from '../../../shared/domain/inventory.ts';

describe('sellLimitFor', () => {
  it.each([
    [0, 0],
    [1, 1],
    [9, 9],
    [10, 11],
    [19, 20],
    [20, 22],
    [100, 110],
    [101, 111],
  ])('allows %i rooms to sell %i (110%%, rounded down)', (total, limit) => {
    expect(sellLimitFor(total)).toBe(limit);
  });
});

describe('newNight', () => {
  it('starts with nothing reserved and remaining equal to the sell limit', () => {
    const night = newNight({ hotelId: 'h', roomTypeId: 'r', date: '2026-12-01', total: 10, priceMinor: 1000, currency: 'USD', now: 'x' });
    expect(night).toMatchObject({ total: 10, reserved: 0, sellLimit: 11, remaining: 11, overbooked: false });
  });
});

describe('availableOf', () => {
  it('never answers a negative number', () => {
    expect(availableOf({ remaining: -3 })).toBe(0);
    expect(availableOf({ remaining: 4 })).toBe(4);
  });
});

describe('editedOverrides', () => {
  it('sets a value (false included), lifts one with null, leaves absent keys, and is undefined when none is left', () => {
    expect(editedOverrides({ minStay: 2, stopSell: true }, { stopSell: false, maxStay: 4 })).toEqual({ minStay: 2, stopSell: false, maxStay: 4 });
    expect(editedOverrides({ minStay: 2 }, { minStay: null })).toBeUndefined();
    expect(editedOverrides(undefined, undefined)).toBeUndefined();
    expect(editedOverrides({ closedToArrival: true }, {})).toEqual({ closedToArrival: true });
  });
});
