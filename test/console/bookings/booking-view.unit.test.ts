import { describe, expect, it } from 'vitest';
import { canAssignRoom, failedSteps, lifecycleActions, stillHeld, timeline } from '../../../console/src/bookings/booking-view.ts';
import type { SagaStep } from '../../../console/src/api/types.ts';

const steps: SagaStep[] = [
  { name: 'hold', status: 'SUCCEEDED', at: '2026-03-07T10:00:00.000Z' },
  { name: 'authorize', status: 'SUCCEEDED', at: '2026-03-07T10:00:01.000Z' },
  { name: 'confirm', status: 'FAILED', at: '2026-03-07T10:00:03.000Z', error: 'PMS_REJECTED: sold out' },
  { name: 'voidPayment', status: 'FAILED', at: '2026-03-07T10:00:04.000Z', error: 'PAYMENT_UNAVAILABLE' },
  { name: 'releaseHold', status: 'SUCCEEDED', at: '2026-03-07T10:00:04.000Z' },
  { name: 'cancelPms', status: 'SKIPPED', at: '2026-03-07T10:00:02.500Z' },
];

describe('saga timeline', () => {
  it('orders steps by time, keeps the journal order for equal times, and marks compensations', () => {
    const entries = timeline(steps);
    expect(entries.map((e) => e.name)).toEqual(['hold', 'authorize', 'cancelPms', 'confirm', 'voidPayment', 'releaseHold']);
    expect(entries.filter((e) => e.compensation).map((e) => e.name)).toEqual(['cancelPms', 'voidPayment', 'releaseHold']);
  });

  it('puts the latest failure first', () => {
    expect(failedSteps(steps).map((s) => s.name)).toEqual(['voidPayment', 'confirm']);
  });
});

describe('what a stuck booking still holds', () => {
  it('names an open authorization and a PMS reservation, and nothing for a confirmed booking', () => {
    const booking = { status: 'NEEDS_ATTENTION' as const, payment: { status: 'AUTHORIZED' as const, amount: 360000, currency: 'KRW' }, pms: { status: 'CONFIRMED' as const, reservationId: 'R-1' } };
    expect(stillHeld(booking)).toEqual([
      { kind: 'authorization', amount: 360000, currency: 'KRW' },
      { kind: 'pmsReservation', id: 'R-1' },
    ]);
    expect(stillHeld({ ...booking, status: 'CONFIRMED' })).toEqual([]);
    expect(stillHeld({ status: 'FAILED', payment: { status: 'VOIDED', amount: 1, currency: 'KRW' }, pms: { status: 'HELD' } })).toEqual([{ kind: 'pmsHold' }]);
  });
});

describe('the hotel actions a booking status offers', () => {
  it('follows the status machine: arrival actions while confirmed, check-out once in, a refund after a hotel cancellation', () => {
    expect(lifecycleActions('CONFIRMED')).toEqual(['checkIn', 'cancel', 'noShow']);
    expect(lifecycleActions('CHECKED_IN')).toEqual(['checkOut']);
    expect(lifecycleActions('CANCELLED_BY_HOTEL')).toEqual(['refund']);
    expect(lifecycleActions('CHECKED_OUT')).toEqual([]);
    expect(lifecycleActions('NEEDS_ATTENTION')).toEqual([]);
    expect(lifecycleActions('PENDING')).toEqual([]);
  });

  it('assigns rooms to confirmed and in-house stays only', () => {
    expect(canAssignRoom('CONFIRMED')).toBe(true);
    expect(canAssignRoom('CHECKED_IN')).toBe(true);
    expect(canAssignRoom('CANCELLED')).toBe(false);
  });
});
