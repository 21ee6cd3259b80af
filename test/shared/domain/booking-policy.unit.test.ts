import { describe, expect, it } from 'vitest';
import { planRefunds, withRefunds, type Booking } from '../../../shared/domain/booking.ts';
import { SameDayCutoffError } from '../../../shared/domain/booking-errors.ts';
import {
  assertBeforeSameDayCutoff,
  choosePlan,
  noShowDeadline,
  quoteCancellation,
  quoteNoShow,
  refundOfDecrease,
  snapshotPolicy,
} from '../../../shared/domain/booking-policy.ts';
import { localClockIn, zonedInstant } from '../../../shared/domain/dates.ts';
import { aBooking, aHotel, aRatePlan } from '../../support/fixtures.ts';

const seoul = aHotel({ timeZone: 'Asia/Seoul' });
const newYork = aHotel({ timeZone: 'America/New_York', currency: 'USD' });

function paid(overrides: Partial<Booking>, policyPlan = aRatePlan({ isRefundable: true, cancellationHours: 48, cancellationFeePercent: 30 }), hotel = seoul): Booking {
  const booking = aBooking({ status: 'CONFIRMED', ...overrides });
  const policy = snapshotPolicy({ hotel, plan: policyPlan, checkIn: booking.checkIn, nightlyPrices: [] });
  return { ...booking, policy, payment: { status: 'CAPTURED', paymentId: 'pi_1', amountMinor: booking.totalMinor, currency: booking.currency } };
}

describe('zoned times', () => {
  it('turns a hotel-local wall-clock time into its instant, across zones and DST', () => {
    expect(zonedInstant('2026-03-10', '15:00', 'Asia/Seoul').toISOString()).toBe('2026-03-10T06:00:00.000Z');
    // New York: EST before 2026-03-08, EDT after.
    expect(zonedInstant('2026-03-07', '15:00', 'America/New_York').toISOString()).toBe('2026-03-07T20:00:00.000Z');
    expect(zonedInstant('2026-03-10', '15:00', 'America/New_York').toISOString()).toBe('2026-03-10T19:00:00.000Z');
    expect(localClockIn('Asia/Seoul', new Date('2026-03-10T06:30:00Z'))).toEqual({ date: '2026-03-10', minutes: 15 * 60 + 30 });
  });
});

describe('the policy snapshot', () => {
  it('copies the plan and computes the free window from the check-in time in the hotel zone', () => {
    const policy = snapshotPolicy({
      hotel: seoul,
      plan: aRatePlan({ ratePlanId: 'rp_flex', isRefundable: true, cancellationHours: 24, cancellationFeePercent: 50, breakfastIncluded: true }),
      checkIn: '2026-03-10',
      nightlyPrices: [{ date: '2026-03-10', priceMinor: 100_000 }],
    });
    expect(policy).toEqual({
      ratePlanId: 'rp_flex',
      ratePlanName: 'Standard',
      refundable: true,
      cancellationHours: 24,
      cancellationFeePercent: 50,
      breakfastIncluded: true,
      checkInTime: '15:00',
      timeZone: 'Asia/Seoul',
      freeCancellationUntil: '2026-03-09T06:00:00.000Z',
      nightlyPrices: [{ date: '2026-03-10', priceMinor: 100_000 }],
    });
  });

  it("uses the hotel's own check-in time, and a non-refundable plan has no free window", () => {
    const policy = snapshotPolicy({ hotel: aHotel({ checkInTime: '14:00' }), plan: aRatePlan({ isRefundable: false }), checkIn: '2026-03-10', nightlyPrices: [] });
    expect(policy.refundable).toBe(false);
    expect(policy.freeCancellationUntil).toBeUndefined();
    expect(policy.checkInTime).toBe('14:00');
  });

  it('picks the plan asked for, or the first active one', () => {
    const plans = [aRatePlan({ ratePlanId: 'a', isActive: false }), aRatePlan({ ratePlanId: 'b' }), aRatePlan({ ratePlanId: 'c' })];
    expect(choosePlan(plans, undefined)?.ratePlanId).toBe('b');
    expect(choosePlan(plans, 'c')?.ratePlanId).toBe('c');
    expect(choosePlan(plans, 'a')).toBeUndefined();
  });
});

describe('cancellation quotes (exact minor units)', () => {
  const checkIn = '2026-03-10';
  const freeUntil = new Date('2026-03-08T06:00:00Z'); // 48 h before 15:00 KST

  it('refunds everything inside the free window (KRW)', () => {
    const booking = paid({ checkIn, totalMinor: 300_000, currency: 'KRW' });
    expect(quoteCancellation(booking, freeUntil)).toEqual({ refundMinor: 300_000, feeMinor: 0, currency: 'KRW', freeUntil: freeUntil.toISOString() });
  });

  it('keeps the fee after it (KRW 30% of 300,000)', () => {
    const booking = paid({ checkIn, totalMinor: 300_000, currency: 'KRW' });
    expect(quoteCancellation(booking, new Date(freeUntil.getTime() + 1))).toMatchObject({ refundMinor: 210_000, feeMinor: 90_000 });
  });

  it('rounds the fee down in cents (USD 30% of 333.33)', () => {
    const booking = paid({ checkIn, totalMinor: 33_333, currency: 'USD' }, undefined, newYork);
    const late = new Date(Date.parse(booking.policy!.freeCancellationUntil!) + 60_000);
    expect(quoteCancellation(booking, late)).toMatchObject({ refundMinor: 23_334, feeMinor: 9_999, currency: 'USD' });
  });

  it('refunds nothing on a non-refundable plan, and everything when the hotel cancels', () => {
    const booking = paid({ checkIn, totalMinor: 300_000 }, aRatePlan({ isRefundable: false }));
    expect(quoteCancellation(booking, freeUntil)).toMatchObject({ refundMinor: 0, feeMinor: 300_000 });
    expect(quoteCancellation(booking, freeUntil, { fullRefund: true })).toMatchObject({ refundMinor: 300_000, feeMinor: 0 });
  });

  it('counts only what is still held after earlier refunds', () => {
    const booking = paid({ checkIn, totalMinor: 300_000 });
    booking.payment.captures = [
      { paymentId: 'pi_1', purpose: 'checkout', capturedMinor: 300_000, refundedMinor: 100_000 },
      { paymentId: 'pi_2', purpose: 'modify-1', capturedMinor: 50_000, refundedMinor: 0 },
    ];
    expect(quoteCancellation(booking, freeUntil)).toMatchObject({ refundMinor: 250_000 });
  });

  it('a no-show keeps what a late cancellation keeps', () => {
    expect(quoteNoShow(paid({ checkIn, totalMinor: 300_000 }))).toMatchObject({ refundMinor: 210_000, feeMinor: 90_000 });
    expect(quoteNoShow(paid({ checkIn, totalMinor: 300_000 }, aRatePlan({ isRefundable: false })))).toMatchObject({ refundMinor: 0, feeMinor: 300_000 });
  });

  it('a shrink refunds the decrease per the same terms', () => {
    const terms = paid({ checkIn }).policy!;
    expect(refundOfDecrease(terms, 100_000, freeUntil)).toEqual({ refundMinor: 100_000, feeMinor: 0 });
    expect(refundOfDecrease(terms, 100_000, new Date(freeUntil.getTime() + 1))).toEqual({ refundMinor: 70_000, feeMinor: 30_000 });
  });
});

describe('refund plans over several payments', () => {
  it('takes the oldest payment first and never more than is left of one', () => {
    const captures = [
      { paymentId: 'pi_1', purpose: 'checkout', capturedMinor: 300_000, refundedMinor: 250_000 },
      { paymentId: 'pi_2', purpose: 'modify-1', capturedMinor: 100_000, refundedMinor: 0 },
    ];
    const plan = planRefunds(captures, 120_000);
    expect(plan).toEqual([
      { paymentId: 'pi_1', amountMinor: 50_000 },
      { paymentId: 'pi_2', amountMinor: 70_000 },
    ]);
    expect(withRefunds(captures, plan).map((c) => c.refundedMinor)).toEqual([300_000, 70_000]);
  });
});

describe('same-day cut-off and no-show deadline', () => {
  it('refuses a stay starting today after 15:00 hotel time, and only then', () => {
    const today = '2026-03-10';
    expect(() => assertBeforeSameDayCutoff(seoul, today, new Date('2026-03-10T05:59:00Z'))).not.toThrow();
    expect(() => assertBeforeSameDayCutoff(seoul, today, new Date('2026-03-10T06:00:00Z'))).toThrow(SameDayCutoffError);
    expect(() => assertBeforeSameDayCutoff(seoul, '2026-03-11', new Date('2026-03-10T14:00:00Z'))).not.toThrow();
    expect(() => assertBeforeSameDayCutoff(aHotel({ sameDayCutoff: '18:00' }), today, new Date('2026-03-10T08:00:00Z'))).not.toThrow();
  });

  it('puts the no-show deadline at the cut-off on the arrival day', () => {
    expect(noShowDeadline(seoul, '2026-03-10').toISOString()).toBe('2026-03-10T14:00:00.000Z');
    expect(noShowDeadline(aHotel({ noShowCutoff: '20:00' }), '2026-03-10').toISOString()).toBe('2026-03-10T11:00:00.000Z');
  });
});
