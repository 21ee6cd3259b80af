import type { AdminRatePlan, RatePlanInput, RatePlanPatch } from '../api/types.ts';

/**
 * The rate-plan editor's fields as the form holds them (text for inputs, booleans for checkboxes),
 * and the bodies they make: the PATCH of what changed, the POST of a new plan. Prices are major
 * units of the hotel's currency, as the API takes them; the currency is always the hotel's.
 */
export interface RatePlanValues {
  name: string;
  basePrice: string;
  isRefundable: boolean;
  cancellationHours: string;
  cancellationFeePercent: string;
  breakfastIncluded: boolean;
  minStay: string;
  maxStay: string;
}

/** The optional numbers: emptied, they are removed (`null` in a PATCH, absent in a POST). */
const OPTIONAL_NUMBERS = ['cancellationHours', 'cancellationFeePercent', 'minStay', 'maxStay'] as const;

const text = (n: number | undefined | null) => (n === undefined || n === null ? '' : String(n));

export function ratePlanFormValues(plan?: AdminRatePlan): RatePlanValues {
  return {
    name: plan?.name ?? '',
    basePrice: text(plan?.basePrice),
    isRefundable: plan?.isRefundable ?? true,
    cancellationHours: text(plan?.cancellationHours),
    cancellationFeePercent: text(plan?.cancellationFeePercent),
    breakfastIncluded: plan?.breakfastIncluded ?? false,
    minStay: text(plan?.minStay),
    maxStay: text(plan?.maxStay),
  };
}

/**
 * Only what changed goes into the PATCH, so a PMS hotel's price (which the form shows read-only)
 * is never sent and never trips `409 PMS_MANAGED`; a number typed the same way again ("120000" for
 * "120000.0") is no change.
 */
export function ratePlanPatch(before: RatePlanValues, after: RatePlanValues): RatePlanPatch {
  const patch: RatePlanPatch = {};
  if (after.name.trim() !== before.name.trim()) patch.name = after.name.trim();
  if (Number(after.basePrice) !== Number(before.basePrice)) patch.basePrice = Number(after.basePrice);
  if (after.isRefundable !== before.isRefundable) patch.isRefundable = after.isRefundable;
  if (after.breakfastIncluded !== before.breakfastIncluded) patch.breakfastIncluded = after.breakfastIncluded;
  for (const field of OPTIONAL_NUMBERS) {
    const value = after[field].trim();
    const was = before[field].trim();
    if (value === was || (value !== '' && was !== '' && Number(value) === Number(was))) continue;
    patch[field] = value === '' ? null : Number(value);
  }
  return patch;
}

/** A new plan's body: the hotel's currency is the API's default, empty optional numbers are left out. */
export function ratePlanInput(values: RatePlanValues): RatePlanInput {
  const input: RatePlanInput = {
    name: values.name.trim(),
    basePrice: Number(values.basePrice),
    isRefundable: values.isRefundable,
    breakfastIncluded: values.breakfastIncluded,
  };
  for (const field of OPTIONAL_NUMBERS) {
    const value = values[field].trim();
    if (value !== '') input[field] = Number(value);
  }
  return input;
}

/**
 * What the form can tell before sending (the API checks again and its answer is shown as it is):
 * a longest stay below the shortest. Returns the field at fault, or undefined.
 */
export function ratePlanProblem(values: RatePlanValues): 'maxStay' | undefined {
  const min = values.minStay.trim();
  const max = values.maxStay.trim();
  return min !== '' && max !== '' && Number(max) < Number(min) ? 'maxStay' : undefined;
}
