import { randomUUID } from 'node:crypto';
import { auditEntity } from '#domain/audit.ts';
import { PmsManagedError } from '#domain/catalog-errors.ts';
import { pmsOwnedFields, vendorName } from '#domain/catalog-ownership.ts';
import { expandRanges, MAX_CALENDAR_DAYS, RESTRICTION_FIELDS, type CalendarRange, type RestrictionEdits, type Weekday } from '#domain/calendar.ts';
import { addDays, daysBetween, todayIn, type IsoDate } from '#domain/dates.ts';
import { NotFoundError, ValidationError, type FieldIssue } from '#domain/errors.ts';
import { MAX_BOOKING_HORIZON_DAYS } from '#domain/hotel.ts';
import { toMinorUnits } from '#domain/money.ts';
import type { CatalogAdminRepository } from '#ports/catalog-admin.repository.ts';
import type { HotelCatalogReader } from '#ports/hotel-catalog.repository.ts';
import type { CalendarOutcome, InventoryCalendar, InventoryReader } from '#ports/inventory.repository.ts';
import type { PmsConfigRepository } from '#ports/pms-config.repository.ts';
import { sellLimitsOf } from '../inventory/sell-limits.ts';
import type { Actor } from './admin-writes.ts';

/** One range as the API takes it: price in major units of the hotel's currency. */
export interface CalendarRangeInput extends RestrictionEdits {
  from: IsoDate;
  to: IsoDate;
  weekdays?: Weekday[];
  price?: number;
  total?: number;
}

export interface CalendarDeps {
  catalog: Pick<HotelCatalogReader, 'getHotelWithRoomTypes'>;
  inventory: InventoryReader & InventoryCalendar;
  configs: Pick<PmsConfigRepository, 'findByHotel'>;
  admin: Pick<CatalogAdminRepository, 'recordAudit'>;
  clock: () => Date;
}

export interface CalendarResult extends CalendarOutcome {
  from: IsoDate;
  to: IsoDate;
  nights: number;
}

const SETTINGS = ['price', 'total', ...RESTRICTION_FIELDS] as const;

/**
 * `PUT /api/admin/hotels/{hotelId}/room-types/{roomTypeId}/calendar` (issue 9): ranges of prices,
 * room counts and restrictions, later ranges overriding earlier ones field by field, at most 730
 * days from the first date to the last, from today (hotel time) to two years ahead.
 *
 * Everything is checked before anything is written: dates, the PMS's fields (price and total are
 * refused with 409 `PMS_MANAGED` for a PMS-managed hotel: the PMS's next report would undo them),
 * and that every night to create has a total (and a price: its own, else the room type's base
 * rate). Counts then go through the same path as PMS reports (`applyCalendar`): `reserved` is never
 * touched and each change of counts is an `admin-edit` movement in the ledger. Restrictions set
 * here are our overrides, shown as ours by the inventory API. The call is idempotent: the same
 * ranges again write nothing and leave no audit entry.
 */
export async function applyCalendar(
  deps: CalendarDeps,
  input: { hotelId: string; roomTypeId: string; ranges: CalendarRangeInput[] },
  actor: Actor,
): Promise<CalendarResult> {
  const { hotel, roomTypes, ratePlans } = await deps.catalog.getHotelWithRoomTypes(input.hotelId);
  if (!hotel) throw new NotFoundError('Hotel', input.hotelId);
  const roomType = roomTypes.find((r) => r.roomTypeId === input.roomTypeId);
  if (!roomType) throw new NotFoundError('Room type', `${input.hotelId}/${input.roomTypeId}`);

  const issues: FieldIssue[] = [];
  const today = todayIn(hotel.timeZone, deps.clock());
  const lastDay = addDays(today, MAX_BOOKING_HORIZON_DAYS);
  input.ranges.forEach((range, i) => {
    const at = `body.ranges.${i}`;
    if (range.to < range.from) issues.push({ field: `${at}.to`, message: 'must not be before from' });
    if (range.from < today) issues.push({ field: `${at}.from`, message: `is in the past for the hotel (today there is ${today})` });
    if (range.to > lastDay) issues.push({ field: `${at}.to`, message: `must be on or before ${lastDay} (two years ahead)` });
    if (!SETTINGS.some((s) => range[s] !== undefined)) issues.push({ field: at, message: `sets nothing: give at least one of ${SETTINGS.join(', ')}` });
    if (typeof range.minStay === 'number' && typeof range.maxStay === 'number' && range.minStay > range.maxStay) {
      issues.push({ field: `${at}.maxStay`, message: 'must not be below minStay' });
    }
  });
  const first = input.ranges.reduce((min, r) => (r.from < min ? r.from : min), input.ranges[0]!.from);
  const last = input.ranges.reduce((max, r) => (r.to > max ? r.to : max), input.ranges[0]!.to);
  if (daysBetween(first, last) + 1 > MAX_CALENDAR_DAYS) {
    issues.push({ field: 'body.ranges', message: `span ${daysBetween(first, last) + 1} days from ${first} to ${last}; one call may span at most ${MAX_CALENDAR_DAYS}` });
  }
  if (issues.length > 0) throw new ValidationError(`The calendar is not valid (${issues.slice(0, 3).map((i) => `${i.field}: ${i.message}`).join('; ')}).`, issues);

  const owned = new Set(pmsOwnedFields(hotel, 'calendar'));
  const refused = input.ranges.flatMap((range, i) => SETTINGS.filter((s) => owned.has(s) && range[s] !== undefined).map((s) => `ranges.${i}.${s}`));
  if (refused.length > 0) throw new PmsManagedError(vendorName(hotel.pms!.vendor), refused);

  const ranges: CalendarRange[] = input.ranges.map(({ price, ...range }) => ({
    ...range,
    ...(price !== undefined ? { priceMinor: toMinorUnits(price, hotel.currency) } : {}),
  }));
  const edits = expandRanges(ranges);
  const stored = new Set((await deps.inventory.getNights(hotel.hotelId, roomType.roomTypeId, first, last)).map((n) => n.date));
  const missing = edits.filter((e) => !stored.has(e.date));
  const noTotal = missing.filter((e) => e.total === undefined).map((e) => e.date);
  if (noTotal.length > 0) {
    throw new ValidationError(`No night is stored on ${describeDates(noTotal)}: give a total to create ${noTotal.length === 1 ? 'it' : 'them'}.`, [
      { field: 'body.ranges', message: `no night stored on ${describeDates(noTotal)}; set total to create ${noTotal.length === 1 ? 'it' : 'them'}` },
    ]);
  }
  const baseRate = ratePlans.filter((p) => p.roomTypeId === roomType.roomTypeId && p.isActive).sort((a, b) => (a.ratePlanId < b.ratePlanId ? -1 : 1))[0];
  const noPrice = missing.filter((e) => e.priceMinor === undefined).map((e) => e.date);
  if (noPrice.length > 0 && !baseRate) {
    throw new ValidationError(`No price for the new nights on ${describeDates(noPrice)}: give a price, or give the room type a rate plan.`, [
      { field: 'body.ranges', message: `no price for the new nights on ${describeDates(noPrice)}` },
    ]);
  }

  const now = deps.clock();
  const outcome = await deps.inventory.applyCalendar(
    {
      hotelId: hotel.hotelId,
      roomTypeId: roomType.roomTypeId,
      currency: hotel.currency,
      edits,
      limits: sellLimitsOf(hotel, await deps.configs.findByHotel(hotel.hotelId)),
      ...(baseRate ? { newNightPriceMinor: baseRate.basePriceMinor } : {}),
      ref: { type: 'admin', id: actor.subject },
    },
    now,
  );
  if (outcome.created + outcome.changed > 0) {
    await deps.admin.recordAudit({
      auditId: randomUUID().replaceAll('-', '').slice(0, 16),
      hotelId: hotel.hotelId,
      entity: auditEntity.calendar(hotel.hotelId, roomType.roomTypeId),
      action: 'calendar',
      actor,
      at: now.toISOString(),
      changes: [{ field: 'ranges', after: input.ranges }],
      note: `${edits.length} nights from ${first} to ${last}: ${outcome.created} created, ${outcome.changed} changed, ${outcome.unchanged} unchanged`,
    });
  }
  return { ...outcome, from: first, to: last, nights: edits.length };
}

function describeDates(dates: readonly IsoDate[]): string {
  return dates.length <= 3 ? dates.join(', ') : `${dates.slice(0, 3).join(', ')} and ${dates.length - 3} more`;
}
