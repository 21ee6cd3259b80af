import { addDays, datesInclusive, daysBetween } from '../../../shared/domain/dates.ts';
import type { SimHotel } from './sim-hotels.ts';
import { SIM_API_CHANNEL, type SimHold, type SimReservation } from './sim-state.ts';
import {
  INVALID_JSON,
  bearerToken,
  isIsoDateString,
  majorUnits,
  minorUnits,
  positiveInt,
  type Dialect,
  type DialectContext,
  type SimRequest,
  type SimResponse,
  type SimRoute,
} from './sim-http.ts';

/**
 * The generic PMS protocol (docs/generic-pms-protocol.md) under `/generic/v1`. This is the
 * reference server of that spec: Bearer API key, JSON, `{error: {code, message}}`, holds with an
 * expiry, reservations idempotent by `externalId` on the server side, nights with `available`
 * (negative when more was sold than offered) and every restriction, reservations of every channel
 * listed by stay.
 */
export const GENERIC_MAX_NIGHTS_RANGE = 400;
export const GENERIC_DEFAULT_PAGE_SIZE = 200;
export const GENERIC_MAX_PAGE_SIZE = 500;
export const GENERIC_DEFAULT_HOLD_TTL_SECONDS = 180;
export const GENERIC_MAX_HOLD_TTL_SECONDS = 3600;

function error(status: number, code: string, message: string): SimResponse {
  return { status, body: { error: { code, message } } };
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

function genericHotel(ctx: DialectContext, id: string | undefined): SimHotel {
  return ctx.state.hotel(id!)!;
}

function reservationBody(r: SimReservation): Obj {
  return {
    id: r.reservationId,
    confirmationNumber: r.confirmationNumber,
    externalId: r.externalId,
    status: r.status,
    channel: r.channel,
    roomTypeId: r.pmsRoomTypeId,
    checkIn: r.checkIn,
    checkOut: r.checkOut,
    rooms: r.rooms,
    guests: r.guests,
    total: { amount: majorUnits(r.totalMinor, r.currency), currency: r.currency },
    ...(r.holdId ? { holdId: r.holdId } : {}),
    ...(r.roomNumbers ? { roomNumbers: r.roomNumbers } : {}),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

function holdBody(ctx: DialectContext, h: SimHold): Obj {
  return {
    id: h.holdId,
    externalId: h.externalId,
    roomTypeId: h.pmsRoomTypeId,
    checkIn: h.checkIn,
    checkOut: h.checkOut,
    rooms: h.rooms,
    status: ctx.state.holdStatus(h),
    expiresAt: new Date(h.expiresAtMs).toISOString(),
  };
}

/** Validates the stay fields shared by holds and reservations; returns an error response or the values. */
function stayOf(ctx: DialectContext, hotel: SimHotel, body: Obj): SimResponse | { roomTypeId: string; checkIn: string; checkOut: string; rooms: number; externalId: string } {
  const issues: string[] = [];
  const externalId = str(body.externalId);
  const roomTypeId = str(body.roomTypeId);
  const checkIn = body.checkIn;
  const checkOut = body.checkOut;
  const rooms = positiveInt(body.rooms);
  if (!externalId) issues.push('externalId is required');
  if (!roomTypeId || !ctx.state.roomType(hotel.pmsHotelId, roomTypeId)) issues.push('roomTypeId must name a room type of the hotel');
  if (!isIsoDateString(checkIn) || !isIsoDateString(checkOut) || checkOut <= checkIn) issues.push('checkIn and checkOut must be YYYY-MM-DD with checkOut after checkIn');
  if (!rooms) issues.push('rooms must be a positive integer');
  if (issues.length > 0) return error(422, 'validation_failed', issues.join('; '));
  return { roomTypeId: roomTypeId!, checkIn: checkIn as string, checkOut: checkOut as string, rooms: rooms!, externalId: externalId! };
}

/** Pages of a list as the protocol pages them: `limit` items from an opaque `cursor`. */
function page<T>(req: SimRequest, items: T[]): SimResponse | { items: T[]; nextCursor?: string } {
  const limit = req.query.get('limit') === null ? GENERIC_DEFAULT_PAGE_SIZE : positiveInt(req.query.get('limit'));
  if (!limit || limit > GENERIC_MAX_PAGE_SIZE) return error(422, 'validation_failed', `limit must be 1..${GENERIC_MAX_PAGE_SIZE}`);
  const cursor = req.query.get('cursor');
  const offset = cursor === null ? 0 : Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isInteger(offset) || offset < 0) return error(422, 'validation_failed', 'cursor is not one this server issued');
  const slice = items.slice(offset, offset + limit);
  const next = offset + slice.length;
  return { items: slice, ...(next < items.length ? { nextCursor: Buffer.from(String(next), 'utf8').toString('base64url') } : {}) };
}

const routes: SimRoute[] = [
  {
    method: 'GET',
    pattern: '/v1/hotels/{hotelId}',
    point: 'pms.details',
    handle(req, ctx, hotelId) {
      const h = genericHotel(ctx, hotelId);
      return {
        status: 200,
        body: {
          hotel: {
            id: h.pmsHotelId,
            name: h.name,
            description: h.description,
            ...(h.address ? { address: h.address } : {}),
            city: h.city,
            country: h.country,
            latitude: h.latitude,
            longitude: h.longitude,
            timeZone: h.timeZone,
            currency: h.currency,
            starRating: h.starRating,
            amenities: h.amenities,
            images: h.images,
            checkInTime: h.checkInTime,
            checkOutTime: h.checkOutTime,
          },
        },
      };
    },
  },
  {
    method: 'GET',
    pattern: '/v1/hotels/{hotelId}/room-types',
    point: 'pms.details',
    handle(req, ctx, hotelId) {
      const h = genericHotel(ctx, hotelId);
      return {
        status: 200,
        body: {
          roomTypes: h.roomTypes.map((rt) => ({
            id: rt.pmsRoomTypeId,
            name: rt.name,
            description: rt.description,
            maxOccupancy: rt.maxOccupancy,
            bedType: rt.bedType,
            bedCount: rt.bedCount,
            sizeSqm: rt.sizeSqm,
            viewType: rt.viewType,
            amenities: rt.amenities,
            photos: rt.photos,
          })),
        },
      };
    },
  },
  {
    method: 'GET',
    pattern: '/v1/hotels/{hotelId}/nights',
    point: 'pms.inventory',
    handle(req, ctx, hotelId) {
      const h = genericHotel(ctx, hotelId);
      const from = req.query.get('from');
      const to = req.query.get('to');
      if (!isIsoDateString(from) || !isIsoDateString(to) || to < from) return error(422, 'validation_failed', 'from and to are required (YYYY-MM-DD, to >= from)');
      if (daysBetween(from, to) + 1 > GENERIC_MAX_NIGHTS_RANGE) return error(422, 'validation_failed', `At most ${GENERIC_MAX_NIGHTS_RANGE} nights per request`);
      const filter = req.query.get('roomTypeId');
      const nights = h.roomTypes
        .filter((rt) => !filter || rt.pmsRoomTypeId === filter)
        .flatMap((rt) =>
          datesInclusive(from, to).flatMap((date) => {
            const night = ctx.state.night(h.pmsHotelId, rt.pmsRoomTypeId, date);
            if (!night) return [];
            return [{
              roomTypeId: rt.pmsRoomTypeId,
              date,
              total: night.total,
              // As is: negative when more was sold than offered (the protocol allows it).
              available: ctx.state.available(h.pmsHotelId, rt.pmsRoomTypeId, date),
              price: majorUnits(night.priceMinor, h.currency),
              currency: h.currency,
              ratePlanId: rt.ratePlanId,
              closedToArrival: night.closedToArrival ?? false,
              closedToDeparture: night.closedToDeparture ?? false,
              stopSell: night.stopSell ?? false,
              ...(night.minStay ? { minStay: night.minStay } : {}),
              ...(night.maxStay ? { maxStay: night.maxStay } : {}),
            }];
          }),
        )
        .sort((a, b) => (a.date === b.date ? a.roomTypeId.localeCompare(b.roomTypeId) : a.date < b.date ? -1 : 1));
      return { status: 200, body: { nights } };
    },
  },
  {
    method: 'POST',
    pattern: '/v1/hotels/{hotelId}/holds',
    point: 'pms.hold',
    handle(req, ctx, hotelId) {
      const h = genericHotel(ctx, hotelId);
      if (req.json === INVALID_JSON) return error(400, 'bad_request', 'The body is not valid JSON');
      const body = obj(req.json);
      const stay = stayOf(ctx, h, body);
      if ('status' in stay) return stay;
      const ttl = body.ttlSeconds === undefined ? GENERIC_DEFAULT_HOLD_TTL_SECONDS : positiveInt(body.ttlSeconds);
      if (!ttl || ttl > GENERIC_MAX_HOLD_TTL_SECONDS) return error(422, 'validation_failed', `ttlSeconds must be 1..${GENERIC_MAX_HOLD_TTL_SECONDS}`);
      const existing = ctx.state.holds.find((x) => x.pmsHotelId === h.pmsHotelId && x.externalId === stay.externalId && ctx.state.holdStatus(x) === 'active');
      if (existing) return { status: 200, body: { hold: holdBody(ctx, existing) } };
      if (!ctx.state.canSell(h.pmsHotelId, stay.roomTypeId, stay.checkIn, stay.checkOut, stay.rooms)) {
        return error(409, 'sold_out', 'Not enough rooms left for these dates');
      }
      const now = ctx.state.clock();
      const hold: SimHold = {
        holdId: ctx.state.nextId('hold'),
        pmsHotelId: h.pmsHotelId,
        externalId: stay.externalId,
        pmsRoomTypeId: stay.roomTypeId,
        checkIn: stay.checkIn,
        checkOut: stay.checkOut,
        rooms: stay.rooms,
        expiresAtMs: now.getTime() + ttl * 1000,
        status: 'active',
        createdAt: now.toISOString(),
      };
      ctx.state.holds.push(hold);
      return { status: 201, body: { hold: holdBody(ctx, hold) } };
    },
  },
  {
    method: 'DELETE',
    pattern: '/v1/hotels/{hotelId}/holds/{holdId}',
    point: 'pms.release',
    handle(req, ctx, hotelId) {
      const hold = ctx.state.hold(hotelId!, req.params.holdId!);
      if (!hold) return error(404, 'not_found', 'No such hold');
      if (hold.status === 'active') hold.status = 'released';
      return { status: 204 };
    },
  },
  {
    method: 'POST',
    pattern: '/v1/hotels/{hotelId}/reservations',
    point: 'pms.confirm',
    handle(req, ctx, hotelId) {
      const h = genericHotel(ctx, hotelId);
      if (req.json === INVALID_JSON) return error(400, 'bad_request', 'The body is not valid JSON');
      const body = obj(req.json);
      const stay = stayOf(ctx, h, body);
      if ('status' in stay) return stay;
      const existing = ctx.state.reservations.find((r) => r.pmsHotelId === h.pmsHotelId && r.externalId === stay.externalId);
      if (existing) return { status: 200, body: { reservation: reservationBody(existing) } };
      const guest = obj(body.guest);
      const total = obj(body.total);
      const guests = positiveInt(body.guests) ?? 1;
      if (!str(guest.firstName) || !str(guest.lastName) || !str(guest.email)) return error(422, 'validation_failed', 'guest.firstName, guest.lastName and guest.email are required');
      const holdId = str(body.holdId);
      let hold: SimHold | undefined;
      if (holdId) {
        hold = ctx.state.hold(h.pmsHotelId, holdId);
        if (!hold) return error(404, 'not_found', 'No such hold');
        const status = ctx.state.holdStatus(hold);
        if (status === 'expired' || status === 'released') return error(410, 'hold_expired', 'The hold has expired or was released');
        if (status === 'converted') return error(409, 'conflict', 'The hold was already turned into a reservation');
        if (hold.pmsRoomTypeId !== stay.roomTypeId || hold.checkIn !== stay.checkIn || hold.checkOut !== stay.checkOut || hold.rooms < stay.rooms) {
          return error(422, 'validation_failed', 'The reservation does not match its hold');
        }
      }
      if (!ctx.state.canSell(h.pmsHotelId, stay.roomTypeId, stay.checkIn, stay.checkOut, stay.rooms, hold?.holdId)) {
        return error(409, 'sold_out', 'Not enough rooms left for these dates');
      }
      if (hold) hold.status = 'converted';
      const amount = typeof total.amount === 'number' ? total.amount : undefined;
      const reservation = ctx.state.addReservation({
        vendor: 'generic',
        pmsHotelId: h.pmsHotelId,
        ...ctx.state.newReservationIds('generic', h.pmsHotelId, stay.externalId),
        channel: SIM_API_CHANNEL,
        externalId: stay.externalId,
        pmsRoomTypeId: stay.roomTypeId,
        checkIn: stay.checkIn,
        checkOut: stay.checkOut,
        rooms: stay.rooms,
        guests,
        guest: { firstName: str(guest.firstName)!, lastName: str(guest.lastName)!, email: str(guest.email)!, phone: str(guest.phone) ?? '', ...(str(guest.country) ? { country: str(guest.country)! } : {}) },
        totalMinor: amount !== undefined ? minorUnits(amount, h.currency) : (ctx.state.stayPriceMinor(h.pmsHotelId, stay.roomTypeId, stay.checkIn, stay.checkOut, stay.rooms) ?? 0),
        currency: h.currency,
        ...(hold ? { holdId: hold.holdId } : {}),
        ...(str(body.specialRequests) ? { specialRequests: str(body.specialRequests)! } : {}),
      });
      ctx.notifyReservation(reservation, 'created');
      return { status: 201, body: { reservation: reservationBody(reservation) } };
    },
  },
  {
    method: 'GET',
    pattern: '/v1/hotels/{hotelId}/reservations',
    point: 'pms.lookup',
    handle(req, ctx, hotelId) {
      const externalId = req.query.get('externalId');
      const from = req.query.get('from');
      const to = req.query.get('to');
      if (from !== null || to !== null) {
        if (!isIsoDateString(from) || !isIsoDateString(to) || to < from) return error(422, 'validation_failed', 'from and to go together (YYYY-MM-DD, to >= from)');
        if (daysBetween(from, to) + 1 > GENERIC_MAX_NIGHTS_RANGE) return error(422, 'validation_failed', `At most ${GENERIC_MAX_NIGHTS_RANGE} nights per request`);
      }
      // A stay matches when one of its nights (checkIn .. checkOut - 1) lies in [from, to].
      const matches = ctx.state
        .reservationsOf(hotelId!)
        .filter((r) => (externalId === null || r.externalId === externalId) && (from === null || to === null || (r.checkIn <= to && addDays(r.checkOut, -1) >= from)));
      const paged = page(req, matches);
      if ('status' in paged) return paged;
      return { status: 200, body: { reservations: paged.items.map(reservationBody), ...(paged.nextCursor ? { nextCursor: paged.nextCursor } : {}) } };
    },
  },
  {
    method: 'GET',
    pattern: '/v1/hotels/{hotelId}/reservations/{reservationId}',
    point: 'pms.lookup',
    handle(req, ctx, hotelId) {
      const r = ctx.state.reservation(hotelId!, req.params.reservationId!);
      return r ? { status: 200, body: { reservation: reservationBody(r) } } : error(404, 'not_found', 'No such reservation');
    },
  },
  {
    method: 'PUT',
    pattern: '/v1/hotels/{hotelId}/reservations/{reservationId}',
    point: 'pms.modify',
    handle(req, ctx, hotelId) {
      const h = genericHotel(ctx, hotelId);
      const r = ctx.state.reservation(hotelId!, req.params.reservationId!);
      if (!r) return error(404, 'not_found', 'No such reservation');
      if (req.json === INVALID_JSON) return error(400, 'bad_request', 'The body is not valid JSON');
      const body = obj(req.json);
      const rooms = positiveInt(body.rooms);
      const roomTypeId = str(body.roomTypeId);
      if (!roomTypeId || !ctx.state.roomType(h.pmsHotelId, roomTypeId) || !isIsoDateString(body.checkIn) || !isIsoDateString(body.checkOut) || body.checkOut <= body.checkIn || !rooms) {
        return error(422, 'validation_failed', 'roomTypeId, checkIn, checkOut (after checkIn) and rooms are required');
      }
      const total = obj(body.total);
      const amount = typeof total.amount === 'number' ? total.amount : undefined;
      const guests = positiveInt(body.guests);
      const outcome = ctx.state.modifyReservation(r, {
        pmsRoomTypeId: roomTypeId,
        checkIn: body.checkIn,
        checkOut: body.checkOut,
        rooms,
        ...(guests !== undefined ? { guests } : {}),
        ...(amount !== undefined ? { totalMinor: minorUnits(amount, h.currency) } : {}),
      });
      if (!outcome.ok) {
        if (outcome.refusal === 'sold_out') return error(409, 'sold_out', outcome.message);
        if (outcome.refusal === 'not_modifiable') return error(409, 'not_modifiable', outcome.message);
        return error(422, 'validation_failed', outcome.message);
      }
      if (outcome.changed) ctx.notifyReservation(r, 'modified');
      return { status: 200, body: { reservation: reservationBody(r) } };
    },
  },
  {
    method: 'POST',
    pattern: '/v1/hotels/{hotelId}/reservations/{reservationId}/cancel',
    point: 'pms.cancel',
    handle(req, ctx, hotelId) {
      const r = ctx.state.reservation(hotelId!, req.params.reservationId!);
      if (!r) return error(404, 'not_found', 'No such reservation');
      if (r.status !== 'cancelled') {
        ctx.state.cancel(r);
        ctx.notifyReservation(r, 'cancelled');
      }
      return { status: 200, body: { reservation: reservationBody(r) } };
    },
  },
];

function hotelInPath(req: SimRequest): string | undefined {
  const m = /^\/v1\/hotels\/([^/]+)/.exec(req.path);
  return m ? decodeURIComponent(m[1]!) : undefined;
}

export const genericDialect: Dialect = {
  vendor: 'generic',
  prefix: '/generic',
  routes,
  hotelOf: hotelInPath,
  authenticate(req, ctx) {
    const key = bearerToken(req);
    const owner = key ? [...ctx.state.hotels.values()].find((h) => h.vendor === 'generic' && h.credentials.kind === 'api_key' && h.credentials.apiKey === key) : undefined;
    if (!owner) return { ok: false, response: error(401, 'unauthorized', 'Missing or invalid API key') };
    const asked = hotelInPath(req);
    if (asked !== owner.pmsHotelId) {
      const exists = asked ? ctx.state.hotel(asked)?.vendor === 'generic' : false;
      return { ok: false, response: exists ? error(403, 'forbidden', 'The API key does not grant access to this hotel') : error(404, 'not_found', 'No such hotel') };
    }
    return { ok: true, hotelId: owner.pmsHotelId };
  },
  unavailable: () => error(503, 'unavailable', 'The PMS is temporarily unavailable'),
  rateLimited: () => error(429, 'rate_limited', 'Too many requests'),
  notFound: () => error(404, 'not_found', 'No such endpoint'),
};
