import { DomainError } from './errors.ts';

/**
 * The hotel is deactivated (a soft delete, seed 001 edge case 5): it takes no new bookings (422);
 * bookings made before stay as they are.
 */
export class HotelInactiveError extends DomainError {
  override readonly name = 'HotelInactiveError';
  readonly code = 'HOTEL_INACTIVE';
  constructor(hotelId: string) {
    super(`Hotel '${hotelId}' is not taking bookings any more.`, { details: { hotelId } });
  }
}

/**
 * A write touched a field the hotel's PMS owns (room counts, prices, and what its import maps):
 * 409, naming each field and the vendor, because the next sync would undo the change anyway. The
 * admin changes it in the PMS.
 */
export class PmsManagedError extends DomainError {
  override readonly name = 'PmsManagedError';
  readonly code = 'PMS_MANAGED';
  constructor(
    readonly vendor: string,
    readonly fields: readonly string[],
    location = 'body',
  ) {
    const list = fields.map((f) => `'${f}'`).join(', ');
    super(`${list} ${fields.length === 1 ? 'is' : 'are'} managed in ${vendor} for this hotel: change ${fields.length === 1 ? 'it' : 'them'} there.`, {
      details: fields.map((field) => ({ field: `${location}.${field}`, message: `managed in ${vendor}`, vendor })),
    });
  }
}

/**
 * `If-Match` named a version the resource no longer has (412): someone changed it since the
 * caller read it. Nothing was written; the caller reads again and reapplies its change.
 */
export class PreconditionFailedError extends DomainError {
  override readonly name = 'PreconditionFailedError';
  readonly code = 'PRECONDITION_FAILED';
  constructor(entity: string, current: { version: number; updatedAt?: string | undefined }) {
    super(`${entity} changed since you read it (it is at version ${current.version} now): read it again and reapply your change.`, {
      details: { version: current.version, ...(current.updatedAt ? { updatedAt: current.updatedAt } : {}) },
    });
  }
}

/** A create named an id that is taken (409). */
export class AlreadyExistsError extends DomainError {
  override readonly name = 'AlreadyExistsError';
  readonly code = 'ALREADY_EXISTS';
  constructor(entity: string, id: string) {
    super(`${entity} '${id}' exists already: choose another id, or PATCH the existing one.`);
  }
}

/** A room type whose rooms are booked or held for tonight or later cannot be removed for good (409). */
export class HasFutureBookingsError extends DomainError {
  override readonly name = 'HasFutureBookingsError';
  readonly code = 'HAS_FUTURE_BOOKINGS';
  constructor(what: string, firstNight: string) {
    super(`${what} has rooms booked or held from ${firstNight} on: deactivate it instead (DELETE without hard=true).`, {
      details: { firstNight },
    });
  }
}
