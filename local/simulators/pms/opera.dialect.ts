import { randomBytes } from 'node:crypto';
import { addDays, datesInclusive, daysBetween } from '../../../shared/domain/dates.ts';
import type { SimHotel } from './sim-hotels.ts';
import { SIM_API_CHANNEL, type SimNight, type SimReservation } from './sim-state.ts';
import {
  INVALID_JSON,
  bearerToken,
  header,
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
 * OPERA Cloud through OHIP, under `/opera`: `POST /oauth/v1/tokens` (Basic client credentials,
 * `x-app-key`, `grant_type=client_credentials`, 60-minute tokens), then Bearer + `x-app-key` +
 * `x-hotelid` on every call. Errors are problem JSON (`{type, title, status, detail, o:errorCode}`).
 * Availability answers at most 90 days per call. Reservations are not deduplicated by external
 * reference (as in OPERA), and cancelling twice is an error, as in OPERA.
 *
 * Where the published OHIP specification is silent the simulator assumes, as the adapter does:
 * availability `roomRates[].inventory.{physicalRooms, availableRooms}` per room type and night
 * (the spec has no per-night counts in `/par/v1/.../availability`), `availableRooms` never below
 * 0 even when the hotel accepts overbooking, and a create beyond availability refused with
 * `400 RSV-ROOM-NOT-AVAILABLE`. Restrictions come from `GET /par/v1/hotels/{hotelId}/restrictions`
 * in the spec's shape (`restrictionSets[]{restrictionControl, restrictionStatus{code, unit}, start, end}`).
 */
export const OPERA_SIM_MAX_WINDOW_DAYS = 90;
export const OPERA_SIM_DEFAULT_EXTERNAL_CONTEXT = 'HOTELBOOKING';

/** OHIP `reservationStatus` of a simulated reservation. */
function operaStatus(r: SimReservation): string {
  switch (r.status) {
    case 'cancelled':
      return 'Cancelled';
    case 'checked_in':
      return 'InHouse';
    case 'checked_out':
      return 'CheckedOut';
    case 'no_show':
      return 'NoShow';
    default:
      return 'Reserved';
  }
}

/** The restriction sets of one night, one per restriction in force, in OHIP's `restrictionSetType` shape. */
function restrictionSets(roomType: string, date: string, night: SimNight): Record<string, unknown>[] {
  const sets: { code: string; unit?: number }[] = [];
  if (night.stopSell) sets.push({ code: 'Closed' });
  if (night.closedToArrival) sets.push({ code: 'ClosedForArrival' });
  if (night.closedToDeparture) sets.push({ code: 'ClosedForDeparture' });
  if (night.minStay) sets.push({ code: 'MinimumLengthOfStay', unit: night.minStay });
  if (night.maxStay) sets.push({ code: 'MaximumLengthOfStay', unit: night.maxStay });
  return sets.map((status) => ({ restrictionControl: { roomType }, restrictionStatus: status, start: date, end: date }));
}

function problem(status: number, title: string, detail: string, code: string): SimResponse {
  return { status, body: { type: `https://www.rfc-editor.org/rfc/rfc9110.html#status.${status}`, title, status, detail, 'o:errorCode': code } };
}

function operaHotel(ctx: DialectContext, id: string | undefined): SimHotel | undefined {
  const h = id ? ctx.state.hotel(id) : undefined;
  return h?.vendor === 'opera' ? h : undefined;
}

function reservationBody(r: SimReservation): Record<string, unknown> {
  return {
    reservationIdList: [
      { id: r.reservationId, type: 'Reservation' },
      { id: r.confirmationNumber, type: 'Confirmation' },
    ],
    hotelId: r.pmsHotelId,
    reservationStatus: operaStatus(r),
    externalReferences: r.externalId ? [{ id: r.externalId, idContext: r.externalIdContext ?? OPERA_SIM_DEFAULT_EXTERNAL_CONTEXT }] : [],
    roomStay: {
      arrivalDate: r.checkIn,
      departureDate: r.checkOut,
      roomType: r.pmsRoomTypeId,
      numberOfRooms: r.rooms,
      adultCount: r.guests,
      childCount: 0,
      sourceCode: r.channel,
    },
    sourceOfSale: { sourceType: 'PMS', sourceCode: r.channel },
    createDateTime: r.createdAt,
    lastModifyDateTime: r.updatedAt,
  };
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const first = (v: unknown): Obj => obj(Array.isArray(v) ? v[0] : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

const routes: SimRoute[] = [
  {
    method: 'POST',
    pattern: '/oauth/v1/tokens',
    auth: false,
    handle(req, ctx) {
      const basic = /^Basic\s+(.+)$/i.exec(header(req, 'authorization') ?? '')?.[1];
      const decoded = basic ? Buffer.from(basic, 'base64').toString('utf8') : '';
      const colon = decoded.indexOf(':');
      const clientId = colon > 0 ? decoded.slice(0, colon) : '';
      const clientSecret = colon > 0 ? decoded.slice(colon + 1) : '';
      const appKey = header(req, 'x-app-key');
      if (req.form.get('grant_type') !== 'client_credentials') {
        return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'grant_type must be client_credentials' } };
      }
      const owner = [...ctx.state.hotels.values()].find(
        (h) => h.vendor === 'opera' && h.credentials.kind === 'oauth_client' && h.credentials.clientId === clientId && h.credentials.clientSecret === clientSecret && h.credentials.appKey === appKey,
      );
      if (!owner) return { status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed' } };
      const token = `sim-ohip-${randomBytes(18).toString('base64url')}`;
      ctx.state.operaTokens.set(token, { token, clientId, appKey: appKey!, expiresAtMs: ctx.state.clock().getTime() + ctx.operaTokenTtlSeconds * 1000 });
      return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: ctx.operaTokenTtlSeconds } };
    },
  },
  {
    method: 'GET',
    pattern: '/ent/config/v1/hotels/{hotelId}',
    point: 'pms.details',
    handle(req, ctx, hotelId) {
      const h = operaHotel(ctx, hotelId)!;
      return {
        status: 200,
        body: {
          hotelConfigInfo: {
            hotelId: h.pmsHotelId,
            hotelName: h.name,
            chainCode: 'SIMCHAIN',
            longDescription: h.description,
            address: { addressLine: h.address ? [h.address] : [], cityName: h.city, country: { code: h.country } },
            geoLocation: { latitude: h.latitude, longitude: h.longitude },
            timeZoneRegion: h.timeZone,
            currencyCode: h.currency,
            rating: h.starRating,
            checkInTime: h.checkInTime,
            checkOutTime: h.checkOutTime,
            hotelAmenities: h.amenities.map((a, i) => ({ code: `AM${i + 1}`, description: a })),
            images: h.images.map((url) => ({ imageUrl: url })),
          },
          links: [],
        },
      };
    },
  },
  {
    method: 'GET',
    pattern: '/rm/config/v1/hotels/{hotelId}/roomTypes',
    point: 'pms.details',
    handle(req, ctx, hotelId) {
      const h = operaHotel(ctx, hotelId)!;
      return {
        status: 200,
        body: {
          roomTypes: h.roomTypes.map((rt) => ({
            hotelId: h.pmsHotelId,
            roomType: rt.pmsRoomTypeId,
            roomClass: 'ALL',
            description: rt.name,
            longDescription: rt.description,
            maxOccupancy: rt.maxOccupancy,
            bedType: rt.bedType,
            numberOfBeds: rt.bedCount,
            roomSize: rt.sizeSqm,
            viewType: rt.viewType,
            physical: true,
            features: rt.amenities.map((a, i) => ({ code: `F${i + 1}`, description: a })),
            images: rt.photos.map((p) => ({ imageUrl: p.url, ...(p.caption ? { description: p.caption } : {}) })),
          })),
          links: [],
        },
      };
    },
  },
  {
    method: 'GET',
    pattern: '/par/v1/hotels/{hotelId}/availability',
    point: 'pms.inventory',
    handle(req, ctx, hotelId) {
      const h = operaHotel(ctx, hotelId)!;
      const from = req.query.get('roomStayStartDate');
      const departure = req.query.get('roomStayEndDate');
      if (!isIsoDateString(from) || !isIsoDateString(departure) || departure <= from) {
        return problem(400, 'Bad Request', 'roomStayStartDate and roomStayEndDate are required, end after start', 'PAR-INVALID-DATES');
      }
      if (daysBetween(from, departure) > OPERA_SIM_MAX_WINDOW_DAYS) {
        return problem(400, 'Bad Request', `The availability window cannot exceed ${OPERA_SIM_MAX_WINDOW_DAYS} days`, 'PAR-WINDOW-TOO-LONG');
      }
      const onlyPlans = req.query.getAll('ratePlanCode');
      const nights = datesInclusive(from, addDays(departure, -1));
      const roomRates = h.roomTypes
        .filter((rt) => onlyPlans.length === 0 || onlyPlans.includes(rt.ratePlanId))
        .flatMap((rt) =>
          nights.flatMap((date) => {
            const night = ctx.state.night(h.pmsHotelId, rt.pmsRoomTypeId, date);
            if (!night) return [];
            const amount = { amountBeforeTax: majorUnits(night.priceMinor, h.currency), currencyCode: h.currency };
            return [{
              roomType: rt.pmsRoomTypeId,
              ratePlanCode: rt.ratePlanId,
              start: date,
              end: date,
              inventory: { physicalRooms: night.total, availableRooms: Math.max(0, ctx.state.available(h.pmsHotelId, rt.pmsRoomTypeId, date)) },
              rates: { rate: [{ base: amount, start: date, end: date }] },
              total: amount,
            }];
          }),
        );
      return {
        status: 200,
        body: {
          hotelAvailability: [
            {
              hotelId: h.pmsHotelId,
              roomStays: [{ roomRates, guestCounts: { adults: Number(req.query.get('adults') ?? 1), children: 0 }, timeSpan: { startDate: from, endDate: departure } }],
              masterInfo: {
                roomTypes: h.roomTypes.map((rt) => ({ roomType: rt.pmsRoomTypeId, description: rt.name })),
                ratePlans: [...new Map(h.roomTypes.map((rt) => [rt.ratePlanId, { ratePlanCode: rt.ratePlanId, description: rt.ratePlanName }])).values()],
              },
            },
          ],
          links: [],
        },
      };
    },
  },
  {
    method: 'GET',
    pattern: '/par/v1/hotels/{hotelId}/restrictions',
    point: 'pms.inventory',
    handle(req, ctx, hotelId) {
      const h = operaHotel(ctx, hotelId)!;
      const from = req.query.get('restrictionSearchCriteriaStartDate');
      const end = req.query.get('end');
      if (!isIsoDateString(from) || !isIsoDateString(end) || end < from) {
        return problem(400, 'Bad Request', 'restrictionSearchCriteriaStartDate and end are required, end not before start', 'PAR-INVALID-DATES');
      }
      if (daysBetween(from, end) + 1 > OPERA_SIM_MAX_WINDOW_DAYS) {
        return problem(400, 'Bad Request', `The restriction window cannot exceed ${OPERA_SIM_MAX_WINDOW_DAYS} days`, 'PAR-WINDOW-TOO-LONG');
      }
      const onlyRoomType = req.query.get('roomType');
      const sets = h.roomTypes
        .filter((rt) => !onlyRoomType || rt.pmsRoomTypeId === onlyRoomType)
        .flatMap((rt) =>
          datesInclusive(from, end).flatMap((date) => {
            const night = ctx.state.night(h.pmsHotelId, rt.pmsRoomTypeId, date);
            return night ? restrictionSets(rt.pmsRoomTypeId, date, night) : [];
          }),
        );
      return {
        status: 200,
        body: {
          restrictionsByDateRange: { restrictionsByDateRange: { restrictionSets: sets, hotelId: h.pmsHotelId, hasMore: false, totalResults: sets.length, count: sets.length } },
          links: [],
        },
      };
    },
  },
  {
    method: 'GET',
    pattern: '/par/v1/hotels/{hotelId}/rates/{ratePlanCode}',
    point: 'pms.inventory',
    handle(req, ctx, hotelId) {
      const h = operaHotel(ctx, hotelId)!;
      const code = req.params.ratePlanCode!;
      const types = h.roomTypes.filter((rt) => rt.ratePlanId === code);
      if (types.length === 0) return problem(404, 'Not Found', `Rate plan ${code} does not exist`, 'RATE-NOT-FOUND');
      return {
        status: 200,
        body: {
          ratePlan: {
            hotelId: h.pmsHotelId,
            ratePlanCode: code,
            description: types[0]!.ratePlanName,
            currencyCode: h.currency,
            roomTypes: types.map((rt) => rt.pmsRoomTypeId),
            baseAmounts: types.map((rt) => ({ roomType: rt.pmsRoomTypeId, amountBeforeTax: majorUnits(rt.priceMinor, h.currency) })),
          },
          links: [],
        },
      };
    },
  },
  {
    method: 'POST',
    pattern: '/rsv/v1/hotels/{hotelId}/reservations',
    point: 'pms.confirm',
    handle(req, ctx, hotelId) {
      const h = operaHotel(ctx, hotelId)!;
      if (req.json === INVALID_JSON) return problem(400, 'Bad Request', 'The body is not valid JSON', 'INVALID-JSON');
      const r = first(obj(obj(req.json).reservations).reservation);
      const stay = obj(r.roomStay);
      const rate = first(stay.roomRates);
      const checkIn = str(stay.arrivalDate) ?? str(rate.start);
      const checkOut = str(stay.departureDate);
      const roomTypeId = str(rate.roomType) ?? '';
      const rooms = positiveInt(rate.numberOfUnits) ?? 1;
      const adults = positiveInt(obj(stay.guestCounts).adults) ?? positiveInt(obj(rate.guestCounts).adults) ?? 1;
      const profile = obj(obj(first(r.reservationGuests).profileInfo).profile);
      const name = first(obj(profile.customer).personName);
      const reference = first(r.externalReferences);
      const externalId = str(reference.id);
      const rt = ctx.state.roomType(h.pmsHotelId, roomTypeId);
      if (!isIsoDateString(checkIn) || !isIsoDateString(checkOut) || checkOut <= checkIn || !rt || !str(name.surname) || !externalId) {
        return problem(400, 'Bad Request', 'roomStay dates, roomRates[0].roomType, a guest surname and externalReferences are required', 'RSV-INVALID-REQUEST');
      }
      if (!ctx.state.canSell(h.pmsHotelId, roomTypeId, checkIn, checkOut, rooms)) {
        return problem(400, 'Room type not available', `Room type ${roomTypeId} is not available for the requested dates`, 'RSV-ROOM-NOT-AVAILABLE');
      }
      const total = obj(stay.total);
      const totalMajor = typeof total.amountBeforeTax === 'number' ? total.amountBeforeTax : undefined;
      const reservation = ctx.state.addReservation({
        vendor: 'opera',
        pmsHotelId: h.pmsHotelId,
        ...ctx.state.newReservationIds('opera', h.pmsHotelId, externalId),
        channel: SIM_API_CHANNEL,
        externalId,
        externalIdContext: str(reference.idContext) ?? OPERA_SIM_DEFAULT_EXTERNAL_CONTEXT,
        pmsRoomTypeId: roomTypeId,
        checkIn,
        checkOut,
        rooms,
        guests: adults,
        guest: {
          firstName: str(name.givenName) ?? '',
          lastName: str(name.surname)!,
          email: str(obj(first(obj(profile.emails).emailInfo).email).emailAddress) ?? '',
          phone: str(obj(first(obj(profile.telephones).telephoneInfo).telephone).phoneNumber) ?? '',
        },
        totalMinor: totalMajor !== undefined ? minorUnits(totalMajor, h.currency) : (ctx.state.stayPriceMinor(h.pmsHotelId, roomTypeId, checkIn, checkOut, rooms) ?? 0),
        currency: h.currency,
      });
      ctx.notifyReservation(reservation, 'created');
      const location = `/rsv/v1/hotels/${h.pmsHotelId}/reservations/${reservation.reservationId}`;
      return {
        status: 201,
        headers: { location },
        body: { reservations: { reservation: [reservationBody(reservation)] }, links: [{ href: location, rel: 'self', method: 'GET' }] },
      };
    },
  },
  {
    method: 'GET',
    pattern: '/rsv/v1/hotels/{hotelId}/reservations',
    point: 'pms.lookup',
    handle(req, ctx, hotelId) {
      const q = req.query;
      const ids = q.getAll('externalReferenceIds').flatMap((v) => v.split(','));
      const dateFilters = ['arrivalStartDate', 'arrivalEndDate', 'departureStartDate', 'departureEndDate'] as const;
      const bounds = Object.fromEntries(dateFilters.map((k) => [k, q.get(k)])) as Record<(typeof dateFilters)[number], string | null>;
      if (dateFilters.some((k) => bounds[k] !== null && !isIsoDateString(bounds[k]))) return problem(400, 'Bad Request', 'Dates must be YYYY-MM-DD', 'RSV-INVALID-DATES');
      const limit = Math.min(200, positiveInt(q.get('limit')) ?? 20);
      const offset = q.get('offset') === null ? 0 : Number(q.get('offset'));
      if (!Number.isInteger(offset) || offset < 0) return problem(400, 'Bad Request', 'offset must be a non-negative integer', 'RSV-INVALID-OFFSET');
      const all = ctx.state
        .reservationsOf(hotelId!)
        .filter(
          (r) =>
            (ids.length === 0 || ids.includes(r.externalId)) &&
            (bounds.arrivalStartDate === null || r.checkIn >= bounds.arrivalStartDate) &&
            (bounds.arrivalEndDate === null || r.checkIn <= bounds.arrivalEndDate) &&
            (bounds.departureStartDate === null || r.checkOut >= bounds.departureStartDate) &&
            (bounds.departureEndDate === null || r.checkOut <= bounds.departureEndDate),
        );
      const page = all.slice(offset, offset + limit).map(reservationBody);
      return {
        status: 200,
        body: { reservations: { reservationInfo: page, offset, limit, hasMore: offset + page.length < all.length, totalResults: all.length, count: page.length }, links: [] },
      };
    },
  },
  {
    method: 'GET',
    pattern: '/rsv/v1/hotels/{hotelId}/externalSystems/{externalSystemCode}/reservations/{reservationExternalId}',
    point: 'pms.lookup',
    handle(req, ctx, hotelId) {
      // Every reservation carrying the reference, cancelled ones included: OPERA does not deduplicate.
      const { externalSystemCode, reservationExternalId } = req.params;
      const found = ctx.state
        .reservationsOf(hotelId!, { externalId: reservationExternalId! })
        .filter((r) => reservationExternalId !== '' && (r.externalIdContext ?? OPERA_SIM_DEFAULT_EXTERNAL_CONTEXT) === externalSystemCode);
      if (found.length === 0) return problem(404, 'Not Found', 'Reservation not found', 'RSV-NOT-FOUND');
      return { status: 200, body: { reservations: { reservation: found.map(reservationBody), hasMore: false, totalResults: found.length, count: found.length }, links: [] } };
    },
  },
  {
    method: 'GET',
    pattern: '/rsv/v1/hotels/{hotelId}/reservations/{reservationId}',
    point: 'pms.lookup',
    handle(req, ctx, hotelId) {
      const r = ctx.state.reservation(hotelId!, req.params.reservationId!);
      if (!r) return problem(404, 'Not Found', 'Reservation not found', 'RSV-NOT-FOUND');
      return { status: 200, body: { reservations: { reservation: [reservationBody(r)] }, links: [] } };
    },
  },
  {
    method: 'PUT',
    pattern: '/rsv/v1/hotels/{hotelId}/reservations/{reservationId}',
    point: 'pms.modify',
    handle(req, ctx, hotelId) {
      const h = operaHotel(ctx, hotelId)!;
      const r = ctx.state.reservation(hotelId!, req.params.reservationId!);
      if (!r) return problem(404, 'Not Found', 'Reservation not found', 'RSV-NOT-FOUND');
      if (req.json === INVALID_JSON) return problem(400, 'Bad Request', 'The body is not valid JSON', 'INVALID-JSON');
      const body = first(obj(obj(req.json).reservations).reservation);
      const stay = obj(body.roomStay);
      const rate = first(stay.roomRates);
      const checkIn = str(stay.arrivalDate) ?? str(rate.start);
      const checkOut = str(stay.departureDate);
      const roomTypeId = str(rate.roomType);
      const rooms = positiveInt(rate.numberOfUnits);
      const adults = positiveInt(obj(stay.guestCounts).adults) ?? positiveInt(obj(rate.guestCounts).adults);
      if (!isIsoDateString(checkIn) || !isIsoDateString(checkOut) || !roomTypeId || !rooms) {
        return problem(400, 'Bad Request', 'roomStay arrivalDate, departureDate and roomRates[0] roomType and numberOfUnits are required', 'RSV-INVALID-REQUEST');
      }
      const total = obj(stay.total);
      const totalMajor = typeof total.amountBeforeTax === 'number' ? total.amountBeforeTax : undefined;
      const outcome = ctx.state.modifyReservation(r, {
        pmsRoomTypeId: roomTypeId,
        checkIn,
        checkOut,
        rooms,
        ...(adults !== undefined ? { guests: adults } : {}),
        ...(totalMajor !== undefined ? { totalMinor: minorUnits(totalMajor, h.currency) } : {}),
      });
      if (!outcome.ok) {
        if (outcome.refusal === 'sold_out') return problem(400, 'Room type not available', outcome.message, 'RSV-ROOM-NOT-AVAILABLE');
        return problem(400, 'Bad Request', outcome.message, outcome.refusal === 'not_modifiable' ? 'RSV-NOT-MODIFIABLE' : 'RSV-INVALID-REQUEST');
      }
      if (outcome.changed) ctx.notifyReservation(r, 'modified');
      return { status: 200, body: { reservations: { reservation: [reservationBody(r)] }, links: [] } };
    },
  },
  {
    method: 'POST',
    pattern: '/rsv/v1/hotels/{hotelId}/reservations/{reservationId}/cancellations',
    point: 'pms.cancel',
    handle(req, ctx, hotelId) {
      const r = ctx.state.reservation(hotelId!, req.params.reservationId!);
      if (!r) return problem(404, 'Not Found', 'Reservation not found', 'RSV-NOT-FOUND');
      if (r.status === 'cancelled') return problem(400, 'Bad Request', 'Reservation is already cancelled', 'RSV-ALREADY-CANCELLED');
      ctx.state.cancel(r);
      ctx.notifyReservation(r, 'cancelled');
      return {
        status: 200,
        body: {
          reservations: [{ reservationIdList: [{ id: r.reservationId, type: 'Reservation' }], cancellationIdList: [{ id: `CXL${r.reservationId}`, type: 'Cancellation' }] }],
          links: [],
        },
      };
    },
  },
];

function hotelInPath(req: SimRequest): string | undefined {
  const m = /\/hotels\/([^/]+)/.exec(req.path);
  return m ? decodeURIComponent(m[1]!) : undefined;
}

export const operaDialect: Dialect = {
  vendor: 'opera',
  prefix: '/opera',
  routes,
  hotelOf: hotelInPath,
  authenticate(req, ctx) {
    const token = bearerToken(req);
    const session = token ? ctx.state.operaTokens.get(token) : undefined;
    if (!session || ctx.state.clock().getTime() >= session.expiresAtMs) {
      return { ok: false, response: problem(401, 'Unauthorized', 'The access token is missing, invalid or expired', 'OAUTH-INVALID-TOKEN') };
    }
    if (header(req, 'x-app-key') !== session.appKey) {
      return { ok: false, response: problem(401, 'Unauthorized', 'x-app-key does not match the token', 'OAUTH-INVALID-APP-KEY') };
    }
    const hotelId = hotelInPath(req);
    const h = operaHotel(ctx, hotelId);
    const owns = h?.credentials.kind === 'oauth_client' && h.credentials.clientId === session.clientId;
    if (!h || !owns || header(req, 'x-hotelid') !== hotelId) {
      return { ok: false, response: problem(403, 'Forbidden', `Access to hotel ${hotelId ?? ''} is not allowed`, 'OAUTH-HOTEL-FORBIDDEN') };
    }
    return { ok: true, hotelId: h.pmsHotelId };
  },
  unavailable: () => problem(503, 'Service Unavailable', 'The service is temporarily unavailable', 'GATEWAY-503'),
  rateLimited: () => problem(429, 'Too Many Requests', 'Rate limit exceeded', 'GATEWAY-429'),
  notFound: () => problem(404, 'Not Found', 'No such resource', 'GATEWAY-404'),
};
