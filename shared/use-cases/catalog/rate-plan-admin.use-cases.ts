import { auditEntity } from '#domain/audit.ts';
import { AlreadyExistsError, PmsManagedError, PreconditionFailedError } from '#domain/catalog-errors.ts';
import { pmsOwnedFields, refusePmsOwned, vendorName } from '#domain/catalog-ownership.ts';
import { NotFoundError, ValidationError } from '#domain/errors.ts';
import type { Hotel, RatePlan, RoomType } from '#domain/hotel.ts';
import { toMinorUnits } from '#domain/money.ts';
import {
  applyPatch,
  auditEntry,
  changedFields,
  checkPrecondition,
  newCatalogId,
  withAdminEdits,
  WRITE_ATTEMPTS,
  type Actor,
  type CatalogAdminDeps,
  type Precondition,
  type CatalogPatch,
} from './admin-writes.ts';

/** A rate plan's fields as the admin API names them: money in major units, as everywhere in the API. */
export interface RatePlanFields {
  name: string;
  basePrice: number;
  /** The hotel's currency when absent; a rate plan cannot be priced in another. */
  currency?: string;
  isRefundable: boolean;
  cancellationHours?: number;
  cancellationFeePercent?: number;
  breakfastIncluded: boolean;
  minStay?: number;
  maxStay?: number;
}

export type RatePlanPatch = CatalogPatch<RatePlanFields>;

/** The API's field names; `basePrice` is stored as `basePriceMinor`. */
export const RATE_PLAN_FIELDS = [
  'name',
  'basePrice',
  'currency',
  'isRefundable',
  'cancellationHours',
  'cancellationFeePercent',
  'breakfastIncluded',
  'minStay',
  'maxStay',
  'isActive',
] as const;

/** The stored properties the audit compares (`basePriceMinor` for `basePrice`). */
const STORED_FIELDS = RATE_PLAN_FIELDS.map((f) => (f === 'basePrice' ? 'basePriceMinor' : f));

async function context(deps: Pick<CatalogAdminDeps, 'catalog'>, hotelId: string, roomTypeId: string) {
  const { hotel, roomTypes, ratePlans } = await deps.catalog.getHotelWithRoomTypes(hotelId);
  if (!hotel) throw new NotFoundError('Hotel', hotelId);
  const roomType = roomTypes.find((r) => r.roomTypeId === roomTypeId);
  if (!roomType) throw new NotFoundError('Room type', `${hotelId}/${roomTypeId}`);
  return { hotel, roomType, ratePlans: ratePlans.filter((p) => p.roomTypeId === roomTypeId) };
}

function checkStay(plan: Pick<RatePlan, 'minStay' | 'maxStay'>): void {
  if (plan.minStay !== undefined && plan.maxStay !== undefined && plan.minStay > plan.maxStay) {
    throw new ValidationError('body.maxStay: must not be below minStay.', [{ field: 'body.maxStay', message: 'must not be below minStay' }]);
  }
}

function checkCurrency(hotel: Hotel, currency: string): void {
  if (currency !== hotel.currency) {
    throw new ValidationError(`body.currency: the hotel sells in ${hotel.currency}.`, [{ field: 'body.currency', message: `must be ${hotel.currency}, the hotel's currency` }]);
  }
}

/**
 * `POST .../room-types/{roomTypeId}/rate-plans`. A PMS-managed hotel's rate plans come with its
 * import (one per room type, priced from the PMS); their policies are edited with `PATCH`.
 */
export async function createRatePlan(
  deps: CatalogAdminDeps,
  input: { hotelId: string; roomTypeId: string; ratePlanId?: string; fields: RatePlanFields },
  actor: Actor,
): Promise<{ hotel: Hotel; roomType: RoomType; ratePlan: RatePlan }> {
  const { hotel, roomType } = await context(deps, input.hotelId, input.roomTypeId);
  if (hotel.pms) throw new PmsManagedError(vendorName(hotel.pms.vendor), ['ratePlans'], 'hotel');
  const { basePrice, currency = hotel.currency, ...fields } = input.fields;
  checkCurrency(hotel, currency);
  const now = deps.clock().toISOString();
  const ratePlan: RatePlan = {
    hotelId: hotel.hotelId,
    roomTypeId: roomType.roomTypeId,
    ratePlanId: input.ratePlanId ?? newCatalogId('rp'),
    ...fields,
    basePriceMinor: toMinorUnits(basePrice, currency),
    currency,
    isActive: true,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  checkStay(ratePlan);
  const audit = auditEntry({
    hotelId: hotel.hotelId,
    entity: auditEntity.ratePlan(hotel.hotelId, roomType.roomTypeId, ratePlan.ratePlanId),
    action: 'create',
    actor,
    at: now,
    after: ratePlan,
    fields: STORED_FIELDS,
  });
  if ((await deps.admin.write({ kind: 'ratePlan', value: ratePlan }, { kind: 'new' }, audit)) === 'exists') {
    throw new AlreadyExistsError('Rate plan', `${hotel.hotelId}/${roomType.roomTypeId}/${ratePlan.ratePlanId}`);
  }
  return { hotel, roomType, ratePlan };
}

export async function getAdminRatePlan(
  deps: Pick<CatalogAdminDeps, 'catalog'>,
  input: { hotelId: string; roomTypeId: string; ratePlanId: string },
): Promise<{ hotel: Hotel; ratePlan: RatePlan }> {
  const { hotel, ratePlans } = await context(deps, input.hotelId, input.roomTypeId);
  const ratePlan = ratePlans.find((p) => p.ratePlanId === input.ratePlanId);
  if (!ratePlan) throw new NotFoundError('Rate plan', `${input.hotelId}/${input.roomTypeId}/${input.ratePlanId}`);
  return { hotel, ratePlan };
}

/** `PATCH .../rate-plans/{ratePlanId}` (and the soft `DELETE`): price and currency are the PMS's where it has one. */
export async function updateRatePlan(
  deps: CatalogAdminDeps,
  input: { hotelId: string; roomTypeId: string; ratePlanId: string; patch: RatePlanPatch; expected?: Precondition },
  actor: Actor,
): Promise<{ hotel: Hotel; ratePlan: RatePlan }> {
  for (let attempt = 0; ; attempt++) {
    const { hotel, ratePlan } = await getAdminRatePlan(deps, input);
    const entity = `Rate plan '${input.hotelId}/${input.roomTypeId}/${input.ratePlanId}'`;
    checkPrecondition(entity, ratePlan, input.expected);
    const { basePrice, ...rest } = input.patch;
    if (basePrice === null) throw new ValidationError('body.basePrice: a rate plan needs a price.', [{ field: 'body.basePrice', message: 'cannot be removed' }]);
    const currency = rest.currency ?? ratePlan.currency;
    if (rest.currency === null) throw new ValidationError('body.currency: a rate plan needs a currency.', [{ field: 'body.currency', message: 'cannot be removed' }]);
    const patched = applyPatch(ratePlan, { ...rest, ...(basePrice === undefined ? {} : { basePriceMinor: toMinorUnits(basePrice, currency) }) });
    const changedStored = changedFields(ratePlan, patched, STORED_FIELDS);
    const changed = changedStored.map((f) => (f === 'basePriceMinor' ? 'basePrice' : f));
    if (changed.length === 0) return { hotel, ratePlan };
    refusePmsOwned(hotel, 'ratePlan', changed);
    if (changed.includes('currency')) checkCurrency(hotel, currency);
    checkStay(patched);
    const now = deps.clock().toISOString();
    const next = withAdminEdits({ ...patched, version: (ratePlan.version ?? 0) + 1, updatedAt: now }, hotel, changed, pmsOwnedFields(hotel, 'ratePlan'));
    const audit = auditEntry({
      hotelId: hotel.hotelId,
      entity: auditEntity.ratePlan(hotel.hotelId, ratePlan.roomTypeId, ratePlan.ratePlanId),
      action: ratePlan.isActive && !next.isActive ? 'deactivate' : 'update',
      actor,
      at: now,
      before: ratePlan,
      after: next,
      fields: STORED_FIELDS,
    });
    const outcome = await deps.admin.write({ kind: 'ratePlan', value: next }, { kind: 'version', version: ratePlan.version ?? 0 }, audit);
    if (outcome === 'conflict') {
      if (input.expected || attempt + 1 >= WRITE_ATTEMPTS) throw new PreconditionFailedError(entity, { version: (ratePlan.version ?? 0) + 1 });
      continue;
    }
    return { hotel, ratePlan: next };
  }
}

/** `DELETE .../rate-plans/{ratePlanId}`: a soft delete (`isActive: false`). */
export function deactivateRatePlan(
  deps: CatalogAdminDeps,
  input: { hotelId: string; roomTypeId: string; ratePlanId: string; expected?: Precondition },
  actor: Actor,
): Promise<{ hotel: Hotel; ratePlan: RatePlan }> {
  return updateRatePlan(deps, { ...input, patch: { isActive: false } }, actor);
}
