import type * as z from 'zod';
import { bookingHorizonOf, isHotelActive, type Hotel, type RatePlan } from '#domain/hotel.ts';
import { toMajorUnits } from '#domain/money.ts';
import type { RoomTypeWithRates } from '#use-cases/catalog.use-cases.ts';
import type { HotelDto, RatePlanDto, RoomTypeDto } from '../schemas/hotel.schema.ts';

/** Domain -> API shapes. Internal fields (PMS ids, timestamps of creation) stay behind. */
export function presentHotel(hotel: Hotel): z.infer<typeof HotelDto> {
  const { pms, createdAt: _createdAt, overbooking: _policy, version: _v, adminEdited: _e, ...rest } = hotel;
  return { ...rest, ...(pms ? { pmsVendor: pms.vendor } : {}), bookingHorizonDays: bookingHorizonOf(hotel), isActive: isHotelActive(hotel) };
}

export function presentRatePlan(plan: RatePlan): z.infer<typeof RatePlanDto> {
  return {
    ratePlanId: plan.ratePlanId,
    name: plan.name,
    basePrice: toMajorUnits(plan.basePriceMinor, plan.currency),
    currency: plan.currency,
    ...(plan.minStay !== undefined ? { minStay: plan.minStay } : {}),
    ...(plan.maxStay !== undefined ? { maxStay: plan.maxStay } : {}),
    isRefundable: plan.isRefundable,
    ...(plan.cancellationHours !== undefined ? { cancellationHours: plan.cancellationHours } : {}),
    ...(plan.cancellationFeePercent !== undefined ? { cancellationFeePercent: plan.cancellationFeePercent } : {}),
    breakfastIncluded: plan.breakfastIncluded,
  };
}

export function presentRoomType({ roomType, ratePlans }: RoomTypeWithRates): z.infer<typeof RoomTypeDto> {
  const { pmsRoomTypeId: _pms, isActive: _active, createdAt: _c, updatedAt: _u, version: _v, adminEdited: _e, ...rest } = roomType;
  return {
    ...rest,
    media: [...roomType.media].sort((a, b) => a.displayOrder - b.displayOrder),
    ratePlans: ratePlans.map(presentRatePlan),
  };
}
