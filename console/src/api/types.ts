import type * as z from 'zod';
import type { AdminBookingDto, ListBookingsQuery } from '../../../shared/http/schemas/booking.schema.ts';
import type { HotelDto, ListHotelsQuery, RatePlanDto, RoomTypeDto } from '../../../shared/http/schemas/hotel.schema.ts';
import type { InventoryNightDto } from '../../../shared/http/schemas/inventory.schema.ts';
import type {
  FetchHotelDataBody,
  HotelImportFormDto,
  ImportRoomTypeDto,
  PmsConfigDto,
  SaveListingBody,
  SaveListingResponse,
  UpdatePmsConfigBody,
} from '../../../shared/http/schemas/pms-admin.schema.ts';
import type { CreateRoomBody, RoomDto, UpdateRoomBody } from '../../../shared/http/schemas/rooms.schema.ts';
import type {
  AdminHotelDto,
  AdminHotelListQuery,
  AdminHotelListResponse,
  AdminRatePlanDto,
  AdminRoomTypeDto,
  CalendarRange,
  CalendarResponse,
  CreateRatePlanBody,
  PatchHotelBody,
  PatchRatePlanBody,
  PatchRoomTypeBody,
} from '../../../shared/http/schemas/catalog-admin.schema.ts';
import type { ReconciliationSummaryDto, WebhookEventDto } from '../../../shared/http/schemas/pms-operations.schema.ts';
import type { AttentionDto, ResolveBookingDto, RetryCompensationDto } from '../../../shared/http/schemas/attention.schema.ts';
import type { DeadLetterDto } from '../../../shared/http/schemas/dead-letters.schema.ts';
import type { PmsSyncSummaryDto } from '../../../shared/http/schemas/pms-sync.schema.ts';
import type { PageMeta } from '../../../shared/http/schemas/common.schema.ts';
import type { BookingMeasuresQuery, HotelDayMeasuresDto } from '../../../shared/http/schemas/metrics.schema.ts';
import type { CancellationQuote, CancellationResult } from '../../../shared/http/schemas/booking-lifecycle.schema.ts';
import type { EditNightBody, FindingDto, FindingsQuery, MovementDto, OverbookingPolicyBody, OverbookingPolicyResponse } from '../../../shared/http/schemas/inventory-admin.schema.ts';

/**
 * The API's shapes, taken from the backend's own zod schemas (`shared/http/schemas/`) as types only:
 * one declaration per shape, nothing of zod or the backend reaches the bundle, and a change to a
 * response breaks the console's type check instead of its users.
 */
export type Hotel = z.output<typeof HotelDto>;
export type RoomType = z.output<typeof RoomTypeDto>;
export type RatePlan = z.output<typeof RatePlanDto>;
export type Page = z.output<typeof PageMeta>;
export type HotelListQuery = Partial<z.output<typeof ListHotelsQuery>>;
export type InventoryNight = z.output<typeof InventoryNightDto>;

export type AdminBooking = z.output<typeof AdminBookingDto>;
export type BookingStatus = AdminBooking['status'];
export type SagaStep = AdminBooking['steps'][number];
export type BookingListQuery = Partial<z.output<typeof ListBookingsQuery>>;
/** One hotel's day (`GET /api/admin/metrics/bookings`). */
export type HotelDayMeasures = z.output<typeof HotelDayMeasuresDto>;
export type MeasuresQuery = z.output<typeof BookingMeasuresQuery>;

export type CancellationQuoteData = z.output<typeof CancellationQuote>;
export type CancellationOutcome = z.output<typeof CancellationResult>;

export type Movement = z.output<typeof MovementDto>;
export type NightEdit = z.input<typeof EditNightBody>;
export type Finding = z.output<typeof FindingDto>;
export type FindingListQuery = Partial<z.output<typeof FindingsQuery>>;
export type OverbookingPolicyInput = z.input<typeof OverbookingPolicyBody>;
export type OverbookingPolicyResult = z.output<typeof OverbookingPolicyResponse>['data'];

export type FetchHotelDataInput = z.input<typeof FetchHotelDataBody>;
export type HotelImportForm = z.output<typeof HotelImportFormDto>;
export type ImportRoomType = z.output<typeof ImportRoomTypeDto>;
export type SaveListingInput = z.input<typeof SaveListingBody>;
export type SavedListing = z.output<typeof SaveListingResponse>['data'];
export type PmsConfig = z.output<typeof PmsConfigDto>;
export type PmsConfigPatch = z.input<typeof UpdatePmsConfigBody>;
export type PmsSyncSummary = z.output<typeof PmsSyncSummaryDto>;
export type PmsVendor = PmsConfig['vendor'];

/** Physical rooms (issue 8). */
export type Room = z.output<typeof RoomDto>;
export type RoomStatus = Room['status'];
/** Offered in this order; `satisfies` keeps it in step with the backend's statuses. */
export const ROOM_STATUSES = ['available', 'occupied', 'maintenance', 'cleaning'] as const satisfies readonly RoomStatus[];
export type RoomInput = z.output<typeof CreateRoomBody>;
export type RoomPatch = z.input<typeof UpdateRoomBody>;

/** Reconciliation runs and dropped webhooks (issue 7). */
export type ReconciliationSummary = z.output<typeof ReconciliationSummaryDto>;
export type WebhookEvent = z.output<typeof WebhookEventDto>;

/** Needs attention (issue 12): what a stuck booking holds, retry and resolve. */
export type BookingAttention = z.output<typeof AttentionDto>;
export type Compensation = BookingAttention['unsettled'][number];
export type RetryCompensationResult = z.output<typeof RetryCompensationDto>;
export type ResolveBookingResult = z.output<typeof ResolveBookingDto>;

/** The saga dead letters as recorded when sent (issue 10). */
export type DeadLetter = z.output<typeof DeadLetterDto>;
export type DeadLetterStatus = DeadLetter['status'];

/** Catalog administration (issue 9). */
export type AdminHotel = z.output<typeof AdminHotelDto>;
export type AdminRoomType = z.output<typeof AdminRoomTypeDto>;
export type HotelPatch = z.input<typeof PatchHotelBody>;
export type AdminRatePlan = z.output<typeof AdminRatePlanDto>;
export type RatePlanPatch = z.input<typeof PatchRatePlanBody>;
export type RatePlanInput = z.input<typeof CreateRatePlanBody>;
/** `GET /api/admin/hotels`: every hotel, deactivated ones too (issue 10). */
export type AdminHotelListParams = Partial<Omit<z.output<typeof AdminHotelListQuery>, 'limit'>> & { limit?: number };
export type AdminHotelListPage = { hotels: Hotel[]; nextCursor?: string };
export type HotelStatusFilter = z.output<typeof AdminHotelListQuery>['status'];
export const HOTEL_STATUS_FILTERS = ['all', 'active', 'inactive'] as const satisfies readonly HotelStatusFilter[];
/** The list's answer as sent; `AdminHotelListPage` is what the console keeps of it. */
export type AdminHotelListBody = z.output<typeof AdminHotelListResponse>;
export type RoomTypePatch = z.input<typeof PatchRoomTypeBody>;
export type CalendarRangeInput = z.input<typeof CalendarRange>;
export type CalendarResult = z.output<typeof CalendarResponse>['data'];
export type Weekday = NonNullable<CalendarRangeInput['weekdays']>[number];
/** In calendar order; `satisfies` keeps it in step with the backend's `WEEKDAYS`. */
export const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const satisfies readonly Weekday[];

/** The booking statuses the API knows today, in the order the filter offers them. */
export const BOOKING_STATUSES = [
  'PENDING',
  'CONFIRMED',
  'NEEDS_ATTENTION',
  'FAILED',
  'CHECKED_IN',
  'CHECKED_OUT',
  'CANCELLED',
  'CANCELLED_BY_HOTEL',
  'REFUNDED',
  'NO_SHOW',
] as const satisfies readonly BookingStatus[];
export const PMS_VENDORS = ['cloudbeds', 'opera', 'generic'] as const satisfies readonly PmsVendor[];
