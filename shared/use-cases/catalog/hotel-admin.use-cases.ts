import { auditEntity } from '#domain/audit.ts';
import { AlreadyExistsError, PreconditionFailedError } from '#domain/catalog-errors.ts';
import { pmsOwnedFields, refusePmsOwned } from '#domain/catalog-ownership.ts';
import type { HotelAccess } from '#domain/access.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '#domain/errors.ts';
import { isHotelActive, type GeoLocation, type Hotel, type RatePlan, type RoomType } from '#domain/hotel.ts';
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

/** A hotel's fields as the admin API names them (the read side's names). */
export interface HotelFields {
  name: string;
  description?: string;
  address?: string;
  city: string;
  country: string;
  location?: GeoLocation;
  starRating?: number;
  amenities?: string[];
  images?: string[];
  timeZone: string;
  currency: string;
  bookingHorizonDays?: number;
}

/** A change to a hotel (`CatalogPatch`). */
export type HotelPatch = CatalogPatch<HotelFields>;

/** Every field an admin may write; the audit compares these. */
export const HOTEL_FIELDS = [
  'name',
  'description',
  'address',
  'city',
  'country',
  'location',
  'starRating',
  'amenities',
  'images',
  'timeZone',
  'currency',
  'bookingHorizonDays',
  'isActive',
] as const;

/** A hotel with everything under it, as the admin reads it. */
export interface AdminHotelView {
  hotel: Hotel;
  roomTypes: RoomType[];
  ratePlans: RatePlan[];
}

/** `POST /api/admin/hotels`: a hotel without a PMS (PMS hotels come from the import), active, version 1. */
export async function createHotel(deps: CatalogAdminDeps, input: { hotelId?: string; fields: HotelFields }, actor: Actor): Promise<Hotel> {
  const now = deps.clock().toISOString();
  const hotel: Hotel = {
    hotelId: input.hotelId ?? newCatalogId('htl'),
    ...input.fields,
    amenities: input.fields.amenities ?? [],
    images: input.fields.images ?? [],
    isActive: true,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  const audit = auditEntry({ hotelId: hotel.hotelId, entity: auditEntity.hotel(hotel.hotelId), action: 'create', actor, at: now, after: hotel, fields: HOTEL_FIELDS });
  const outcome = await deps.admin.write({ kind: 'hotel', value: hotel }, { kind: 'new' }, audit);
  if (outcome === 'exists') throw new AlreadyExistsError('Hotel', hotel.hotelId);
  return hotel;
}

/** `GET /api/admin/hotels/{hotelId}`: the hotel, active or not, with every room type and rate plan. */
export async function getAdminHotel(deps: Pick<CatalogAdminDeps, 'catalog'>, hotelId: string): Promise<AdminHotelView> {
  const { hotel, roomTypes, ratePlans } = await deps.catalog.getHotelWithRoomTypes(hotelId);
  if (!hotel) throw new NotFoundError('Hotel', hotelId);
  return { hotel, roomTypes, ratePlans };
}

/**
 * `PATCH /api/admin/hotels/{hotelId}` (and `DELETE`, which is `{isActive: false}`). Only fields
 * whose value changes count: a form sent back whole neither trips `PMS_MANAGED` on fields it did
 * not change nor writes anything when nothing changed. A changed field the PMS owns is refused
 * (409); a changed field it does not own is remembered in `adminEdited`, so a re-import keeps it.
 * The write is conditional on the version read (412 when `If-Match` named an older one); a
 * deactivation publishes `hotel.deactivated` (existing bookings stand; their guests are told by
 * its consumer), a reactivation `hotel.reactivated`. The search's copy of the facts is refreshed
 * after every call, even one that changed nothing, so a retried request repairs a refresh that
 * failed the first time.
 *
 * (De)activating a hotel is an admin's decision, as `DELETE` is admin-only: a hotel manager
 * (`access` naming hotels) whose patch changes `isActive` is refused with 403 and nothing is
 * written; the same value sent back (a whole form) is no change and passes.
 */
export async function updateHotel(
  deps: CatalogAdminDeps,
  input: { hotelId: string; patch: HotelPatch; expected?: Precondition; access?: HotelAccess },
  actor: Actor,
): Promise<Hotel> {
  for (let attempt = 0; ; attempt++) {
    const view = await getAdminHotel(deps, input.hotelId);
    // A hotel stored before the flag is active: comparing `undefined` with `true` is no change.
    const hotel: Hotel = { ...view.hotel, isActive: isHotelActive(view.hotel) };
    const roomTypes = view.roomTypes;
    checkPrecondition(`Hotel '${input.hotelId}'`, hotel, input.expected);
    const patched = applyPatch(hotel, input.patch);
    const changed = changedFields(hotel, patched, HOTEL_FIELDS);
    if (changed.length === 0) {
      await deps.search.refreshHotel(hotel.hotelId, deps.clock());
      return hotel;
    }
    if (changed.includes('isActive') && input.access?.kind === 'hotels') {
      throw new ForbiddenError(`Only an admin may ${isHotelActive(patched) ? 'reactivate' : 'deactivate'} a hotel.`);
    }
    refusePmsOwned(hotel, 'hotel', changed);
    if (changed.includes('currency') && roomTypes.length > 0) {
      throw new ValidationError('body.currency: the hotel has room types priced in its currency; it cannot change.', [
        { field: 'body.currency', message: 'cannot change once the hotel has room types' },
      ]);
    }
    const now = deps.clock().toISOString();
    const next = withAdminEdits({ ...patched, version: (hotel.version ?? 0) + 1, updatedAt: now }, hotel, changed, [
      ...pmsOwnedFields(hotel, 'hotel'),
    ]);
    const deactivated = isHotelActive(hotel) && !isHotelActive(next);
    const reactivated = !isHotelActive(hotel) && isHotelActive(next);
    const audit = auditEntry({
      hotelId: hotel.hotelId,
      entity: auditEntity.hotel(hotel.hotelId),
      action: deactivated ? 'deactivate' : 'update',
      actor,
      at: now,
      before: hotel,
      after: next,
      fields: HOTEL_FIELDS,
    });
    const outcome = await deps.admin.write({ kind: 'hotel', value: next }, { kind: 'version', version: hotel.version ?? 0 }, audit);
    if (outcome === 'conflict') {
      if (input.expected || attempt + 1 >= WRITE_ATTEMPTS) {
        throw new PreconditionFailedError(`Hotel '${hotel.hotelId}'`, { version: (hotel.version ?? 0) + 1 });
      }
      continue;
    }
    if (deactivated || reactivated) {
      await deps.events.publish([
        {
          type: deactivated ? 'hotel.deactivated' : 'hotel.reactivated',
          detail: { eventId: audit.auditId, hotelId: hotel.hotelId, name: next.name, at: now, by: actor.subject },
        },
      ]);
    }
    await deps.search.refreshHotel(hotel.hotelId, deps.clock());
    return next;
  }
}

/** `DELETE /api/admin/hotels/{hotelId}`: the soft delete of seed 001 (edge case 5). Idempotent. */
export function deactivateHotel(deps: CatalogAdminDeps, input: { hotelId: string; expected?: Precondition }, actor: Actor): Promise<Hotel> {
  return updateHotel(deps, { hotelId: input.hotelId, patch: { isActive: false }, ...(input.expected ? { expected: input.expected } : {}) }, actor);
}
