import type * as z from 'zod';
import type { AuditEntry } from '#domain/audit.ts';
import { pmsOwnedFields } from '#domain/catalog-ownership.ts';
import { isHotelActive, type Hotel, type RatePlan, type RoomType } from '#domain/hotel.ts';
import type { AdminHotelView } from '#use-cases/catalog/hotel-admin.use-cases.ts';
import type { AdminHotelDto, AdminRatePlanDto, AdminRoomTypeDto, AuditEntryDto } from '../schemas/catalog-admin.schema.ts';
import { presentHotel, presentRatePlan, presentRoomType } from './catalog.presenter.ts';

/** The `ETag` of a record: its version, quoted (RFC 9110 strong validator). */
export function etagOf(record: { version?: number }): Record<string, string> {
  return { etag: `"${record.version ?? 0}"` };
}

const adminFieldsOf = (record: { version?: number; adminEdited?: string[]; createdAt?: string; updatedAt?: string }) => ({
  version: record.version ?? 0,
  ...(record.adminEdited?.length ? { adminEdited: record.adminEdited } : {}),
  ...(record.createdAt ? { createdAt: record.createdAt } : {}),
  ...(record.updatedAt ? { updatedAt: record.updatedAt } : {}),
});

export function presentAdminRatePlan(plan: RatePlan): z.infer<typeof AdminRatePlanDto> {
  return {
    ...presentRatePlan(plan),
    roomTypeId: plan.roomTypeId,
    ...(plan.pmsRatePlanId ? { pmsRatePlanId: plan.pmsRatePlanId } : {}),
    isActive: plan.isActive,
    ...adminFieldsOf(plan),
  };
}

export function presentAdminRoomType(roomType: RoomType, ratePlans: readonly RatePlan[]): z.infer<typeof AdminRoomTypeDto> {
  const { ratePlans: _public, ...rest } = presentRoomType({ roomType, ratePlans: [] });
  return {
    ...rest,
    ...(roomType.pmsRoomTypeId ? { pmsRoomTypeId: roomType.pmsRoomTypeId } : {}),
    isActive: roomType.isActive,
    ...adminFieldsOf(roomType),
    ratePlans: ratePlans.filter((p) => p.roomTypeId === roomType.roomTypeId).map(presentAdminRatePlan),
  };
}

/** The admin's view of a hotel: every room type and rate plan (inactive ones too), versions, and who owns which field. */
export function presentAdminHotel(view: AdminHotelView): z.infer<typeof AdminHotelDto> {
  const hotel: Hotel = view.hotel;
  return {
    ...presentHotel(hotel),
    ...(hotel.pms ? { pmsHotelId: hotel.pms.pmsHotelId } : {}),
    ...adminFieldsOf(hotel),
    isActive: isHotelActive(hotel),
    pmsOwned: {
      hotel: [...pmsOwnedFields(hotel, 'hotel')],
      roomType: [...pmsOwnedFields(hotel, 'roomType')],
      ratePlan: [...pmsOwnedFields(hotel, 'ratePlan')],
      calendar: [...pmsOwnedFields(hotel, 'calendar')],
    },
    roomTypes: view.roomTypes.map((rt) => presentAdminRoomType(rt, view.ratePlans)),
  };
}

export function presentAuditEntry(entry: AuditEntry): z.infer<typeof AuditEntryDto> {
  const { hotelId: _h, ...rest } = entry;
  return rest;
}
