import type * as z from 'zod';
import { toMajorUnits } from '#domain/money.ts';
import type { PmsConfig } from '#domain/pms-config.ts';
import type { HotelImportForm } from '#use-cases/pms/import/hotel-import-form.ts';
import type { SaveListingResult } from '#use-cases/pms/import/save-imported-listing.use-case.ts';
import type { HotelImportFormDto, PmsConfigDto, SaveListingResponse } from '../schemas/pms-admin.schema.ts';

/**
 * Admin PMS shapes. The form shows every seed 000 field, `null` where the PMS gave nothing, so the
 * admin page can render one input per column; money is in major units. A config is presented
 * field by field (an allow-list, not a spread), so a credential or secret added to `PmsConfig`
 * later cannot leak through here.
 */
export function presentImportForm(form: HotelImportForm): z.infer<typeof HotelImportFormDto> {
  return {
    vendor: form.vendor,
    hotelId: form.pmsHotelId,
    apiBaseUrl: form.apiBaseUrl ?? null,
    hotelName: form.hotelName,
    description: form.description ?? null,
    location: {
      address: form.location.address ?? null,
      city: form.location.city,
      country: form.location.country,
      latitude: form.location.latitude ?? null,
      longitude: form.location.longitude ?? null,
    },
    timeZone: form.timeZone,
    currency: form.currency,
    starRating: form.starRating ?? null,
    amenities: form.amenities,
    images: form.images,
    checkInTime: form.checkInTime ?? null,
    checkOutTime: form.checkOutTime ?? null,
    roomTypes: form.roomTypes.map((rt) => ({
      pmsRoomTypeId: rt.pmsRoomTypeId,
      roomTypeName: rt.roomTypeName,
      description: rt.description ?? null,
      maxOccupancy: rt.maxOccupancy,
      bedType: rt.bedType ?? null,
      bedCount: rt.bedCount ?? null,
      roomSize: rt.roomSize ?? null,
      viewType: rt.viewType ?? null,
      bathroomType: rt.bathroomType ?? null,
      amenities: rt.amenities,
      checkInTime: rt.checkInTime ?? null,
      checkOutTime: rt.checkOutTime ?? null,
      houseRules: rt.houseRules ?? null,
      cancellationPolicy: rt.cancellationPolicy ?? null,
      images: rt.images.map((i) => ({ url: i.url, caption: i.caption ?? null })),
      averagePrice: rt.averagePriceMinor === undefined ? null : toMajorUnits(rt.averagePriceMinor, rt.currency),
      currency: rt.currency,
      inventory: rt.inventory.map((n) => ({ date: n.date, total: n.total, available: n.available, price: toMajorUnits(n.priceMinor, rt.currency) })),
    })),
  };
}

export function presentSavedListing(result: SaveListingResult): z.infer<typeof SaveListingResponse>['data'] {
  return {
    listingId: result.listingId,
    configId: result.configId,
    created: result.created,
    roomTypes: result.roomTypes.map((r) => ({ roomTypeId: r.roomTypeId, pmsRoomTypeId: r.pmsRoomTypeId })),
    nights: result.nights,
    ...(result.webhookUrl ? { webhookUrl: result.webhookUrl } : {}),
  };
}

export function presentPmsConfig(config: PmsConfig, hotelName?: string): z.infer<typeof PmsConfigDto> {
  return {
    configId: config.configId,
    vendor: config.vendor,
    pmsHotelId: config.pmsHotelId,
    hotelId: config.hotelId,
    hotelName: hotelName ?? null,
    apiBaseUrl: config.apiBaseUrl,
    webhookEnabled: config.webhookEnabled,
    hasOwnWebhookSecret: config.webhookSecret !== undefined,
    pollingEnabled: config.pollingEnabled,
    pollingIntervalSeconds: config.pollingIntervalSeconds,
    pollingHorizonDays: config.pollingHorizonDays,
    isActive: config.isActive,
    acceptsOverbooking: config.acceptsOverbooking === true,
    lastSyncAt: config.lastSyncAt ?? null,
    lastPollAt: config.lastPollAt ?? null,
    lastReconciledAt: config.lastReconciledAt ?? null,
    lastError: config.lastError ?? null,
    consecutiveFailures: config.consecutiveFailures,
    paused: config.paused,
    circuit: { state: config.circuit.state, failures: config.circuit.failures, openedAt: config.circuit.openedAt ?? null },
    createdAt: config.createdAt,
    updatedAt: config.updatedAt,
  };
}
