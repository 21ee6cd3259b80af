import { describe, expect, it } from 'vitest';
import type { AdminRatePlan } from '../../../console/src/api/types.ts';
import { ratePlanFormValues, ratePlanInput, ratePlanPatch, ratePlanProblem } from '../../../console/src/catalog/rate-plan-form.ts';

const plan: AdminRatePlan = {
  ratePlanId: 'rp_flex',
  roomTypeId: 'rt_double',
  name: 'Flexible',
  basePrice: 120000,
  currency: 'KRW',
  isRefundable: true,
  cancellationHours: 48,
  breakfastIncluded: false,
  minStay: 1,
  isActive: true,
  version: 3,
};

describe('rate plan form', () => {
  it('reads a plan into text fields, empty where the plan has no value', () => {
    expect(ratePlanFormValues(plan)).toEqual({
      name: 'Flexible',
      basePrice: '120000',
      isRefundable: true,
      cancellationHours: '48',
      cancellationFeePercent: '',
      breakfastIncluded: false,
      minStay: '1',
      maxStay: '',
    });
  });

  it('patches only what changed: the price alone, as a number', () => {
    const before = ratePlanFormValues(plan);
    expect(ratePlanPatch(before, { ...before, basePrice: '135000' })).toEqual({ basePrice: 135000 });
    // The same number written differently, and the name with spaces around it, change nothing.
    expect(ratePlanPatch(before, { ...before, basePrice: '120000.0', name: ' Flexible ' })).toEqual({});
  });

  it('removes an emptied optional term (null), sets a new one, and flips the booleans', () => {
    const before = ratePlanFormValues(plan);
    const after = { ...before, cancellationHours: '', cancellationFeePercent: '10', maxStay: '14', breakfastIncluded: true, isRefundable: false };
    expect(ratePlanPatch(before, after)).toEqual({ cancellationHours: null, cancellationFeePercent: 10, maxStay: 14, breakfastIncluded: true, isRefundable: false });
  });

  it('makes a new plan without the optional terms left empty, in the hotel currency by default', () => {
    const values = { ...ratePlanFormValues(), name: ' Breakfast deal ', basePrice: '99000', breakfastIncluded: true, minStay: '2' };
    expect(ratePlanInput(values)).toEqual({ name: 'Breakfast deal', basePrice: 99000, isRefundable: true, breakfastIncluded: true, minStay: 2 });
  });

  it('flags a maximum stay below the minimum before sending', () => {
    const values = ratePlanFormValues(plan);
    expect(ratePlanProblem({ ...values, minStay: '3', maxStay: '2' })).toBe('maxStay');
    expect(ratePlanProblem({ ...values, minStay: '3', maxStay: '3' })).toBeUndefined();
    expect(ratePlanProblem({ ...values, minStay: '', maxStay: '2' })).toBeUndefined();
  });
});
