import { addDays, datesInclusive } from '../../../shared/domain/dates.ts';
import type { SimHotel } from './sim-hotels.ts';
import { SIM_API_CHANNEL, type SimReservation } from './sim-state.ts';
import { header, isIsoDateString, majorUnits, positiveInt, type Dialect, type DialectContext, type SimRequest, type SimResponse, type SimRoute } from './sim-http.ts';

/**
 * Cloudbeds API v1.3 as the simulator speaks it: `/{method}` under `/cloudbeds/api/v1.3`,
 * `x-api-key`, query strings on GET, form bodies on POST/PUT, `{success, data, message}`, errors
 * as HTTP 400 `success:false` (401/403 for keys, 404 for unknown reservations, 429 over the limit).
 * Like the real API it has no idempotency: two `postReservation`s with one `thirdPartyIdentifier`
 * make two reservations; it is the adapter's lookup that prevents that.
 *
 * Availability: `roomsAvailable` never goes below 0, even when the hotel accepts overbooking and
 * more was sold than offered (assumed: the published spec says only "number of rooms available").
 * A `postReservation` beyond availability is refused with HTTP 400 `success:false` and a message
 * naming the unavailable room type (the wording is ours), unless the hotel accepts overbooking.
 * `getReservations` honours `thirdPartyIdentifier` as a filter, as the vendor facts say; the
 * published v1.3 specification does not list it, which the adapter allows for.
 */
const PAGE_SIZE_DEFAULT = 20;

function fail(status: number, message: string): SimResponse {
  return { status, body: { success: false, message } };
}

function ok(body: Record<string, unknown>): SimResponse {
  return { status: 200, body: { success: true, ...body } };
}

function params(req: SimRequest): URLSearchParams {
  return req.method === 'GET' || req.method === 'DELETE' ? req.query : req.form;
}

function propertyOf(req: SimRequest): string | undefined {
  const p = params(req);
  return p.get('propertyID') ?? p.get('propertyIDs')?.split(',')[0] ?? undefined;
}

function cloudbedsHotel(ctx: DialectContext, id: string | undefined): SimHotel | undefined {
  const h = id ? ctx.state.hotel(id) : undefined;
  return h?.vendor === 'cloudbeds' ? h : undefined;
}

function hotelDetails(h: SimHotel): Record<string, unknown> {
  return {
    propertyID: h.pmsHotelId,
    propertyName: h.name,
    propertyType: 'Hotel',
    propertyImage: h.images.slice(0, 1).map((url) => ({ thumb: url, image: url })),
    propertyDescription: h.description,
    propertyCurrency: { currencyCode: h.currency, currencySymbol: h.currency === 'KRW' ? '₩' : h.currency, currencyPosition: 'before' },
    propertyPrimaryLanguage: 'en',
    propertyAdditionalPhotos: h.images.slice(1).map((url) => ({ thumb: url, image: url })),
    propertyPhone: '',
    propertyEmail: '',
    propertyAddress: {
      propertyAddress1: h.address ?? '',
      propertyAddress2: '',
      propertyCity: h.city,
      propertyState: '',
      propertyZip: '',
      propertyCountry: h.country,
      propertyLatitude: String(h.latitude),
      propertyLongitude: String(h.longitude),
    },
    propertyPolicy: { propertyCheckInTime: h.checkInTime, propertyCheckOutTime: h.checkOutTime, propertyLateCheckOutAllowed: false },
    propertyAmenities: h.amenities,
  };
}

/** Cloudbeds spells the statuses `confirmed`, `canceled`, `checked_in`, `checked_out`, `no_show`. */
function cloudbedsStatus(r: SimReservation): string {
  return r.status === 'cancelled' ? 'canceled' : r.status;
}

/** A room's status follows its reservation's. */
function roomStatusOf(r: SimReservation): string {
  if (r.status === 'cancelled') return 'cancelled';
  if (r.status === 'checked_in' || r.status === 'checked_out') return r.status;
  return 'not_checked_in';
}

/** One entry per room, as `includeAllRooms=true` lists them. */
function roomsOf(r: SimReservation, typeName: string): Record<string, unknown>[] {
  return Array.from({ length: r.rooms }, (_, i) => ({
    roomTypeID: r.pmsRoomTypeId,
    roomTypeName: typeName,
    roomTypeIsVirtual: false,
    subReservationID: `${r.reservationId}-${i + 1}`,
    reservationRoomID: `${r.reservationId}${i + 1}`,
    roomID: null,
    roomName: null,
    roomCheckIn: r.checkIn,
    roomCheckOut: r.checkOut,
    roomStatus: roomStatusOf(r),
    adults: String(Math.max(1, Math.ceil(r.guests / r.rooms))),
    children: '0',
  }));
}

/** A `getReservations` row. */
function reservationRow(r: SimReservation, typeName: string, includeAllRooms: boolean): Record<string, unknown> {
  return {
    propertyID: r.pmsHotelId,
    reservationID: r.reservationId,
    dateCreated: r.createdAt,
    dateModified: r.updatedAt,
    status: cloudbedsStatus(r),
    guestName: `${r.guest.firstName} ${r.guest.lastName}`,
    startDate: r.checkIn,
    endDate: r.checkOut,
    adults: String(r.guests),
    children: '0',
    balance: 0,
    sourceName: r.channel,
    sourceID: `s-${r.channel}`,
    thirdPartyIdentifier: r.externalId,
    ...(includeAllRooms ? { rooms: roomsOf(r, typeName) } : {}),
  };
}

function roomPart(r: SimReservation, typeName: string, i: number): Record<string, unknown> {
  return {
    reservationRoomID: `${r.reservationId}${i + 1}`,
    roomTypeName: typeName,
    roomTypeID: r.pmsRoomTypeId,
    subReservationID: `${r.reservationId}-${i + 1}`,
    startDate: r.checkIn,
    endDate: r.checkOut,
    adults: String(Math.max(1, Math.ceil(r.guests / r.rooms))),
    children: '0',
  };
}

/** The `getReservation` body: rooms not yet assigned to a physical room are `unassigned`. */
function reservationDetail(r: SimReservation, typeName: string): Record<string, unknown> {
  return {
    propertyID: r.pmsHotelId,
    reservationID: r.reservationId,
    dateCreated: r.createdAt,
    dateModified: r.updatedAt,
    guestName: `${r.guest.firstName} ${r.guest.lastName}`,
    guestEmail: r.guest.email,
    guestList: {},
    source: r.channel,
    sourceID: `s-${r.channel}`,
    thirdPartyIdentifier: r.externalId,
    status: cloudbedsStatus(r),
    total: majorUnits(r.totalMinor, r.currency),
    balance: 0,
    // Rooms the hotel assigned carry the physical room (`roomID`, `roomName`: assumed the door number).
    assigned: (r.roomNumbers ?? []).map((number, i) => ({ ...roomPart(r, typeName, i), roomID: `${r.pmsRoomTypeId}-${number}`, roomName: number })),
    unassigned: Array.from({ length: r.rooms - (r.roomNumbers?.length ?? 0) }, (_, i) => roomPart(r, typeName, i + (r.roomNumbers?.length ?? 0))),
    startDate: r.checkIn,
    endDate: r.checkOut,
  };
}

function roomTypeName(ctx: DialectContext, r: SimReservation): string {
  return ctx.state.roomType(r.pmsHotelId, r.pmsRoomTypeId)?.name ?? '';
}

const routes: SimRoute[] = [
  {
    method: 'GET',
    pattern: '/getHotelDetails',
    point: 'pms.details',
    handle(req, ctx, hotelId) {
      const h = cloudbedsHotel(ctx, hotelId);
      return h ? ok({ data: hotelDetails(h) }) : fail(400, 'propertyID is required');
    },
  },
  {
    method: 'GET',
    pattern: '/getHotels',
    point: 'pms.details',
    handle(req, ctx, hotelId) {
      const h = cloudbedsHotel(ctx, hotelId);
      const data = h
        ? [{ propertyID: h.pmsHotelId, organizationID: '1', propertyName: h.name, propertyImage: h.images[0] ?? '', propertyDescription: h.description, propertyTimezone: h.timeZone, propertyCurrency: [{ currencyCode: h.currency }] }]
        : [];
      return ok({ data, count: data.length, total: data.length });
    },
  },
  {
    method: 'GET',
    pattern: '/getRoomTypes',
    point: 'pms.details',
    handle(req, ctx, hotelId) {
      const h = cloudbedsHotel(ctx, hotelId);
      if (!h) return fail(400, 'propertyIDs is required');
      const pageSize = Math.min(100, positiveInt(req.query.get('pageSize')) ?? PAGE_SIZE_DEFAULT);
      const page = positiveInt(req.query.get('pageNumber')) ?? 1;
      const all = h.roomTypes.map((rt) => ({
        roomTypeID: rt.pmsRoomTypeId,
        propertyID: h.pmsHotelId,
        roomTypeName: rt.name,
        roomTypeNameShort: rt.name.split(' ').map((w) => w[0]).join('').toUpperCase(),
        roomTypeDescription: rt.description,
        isPrivate: true,
        maxGuests: rt.maxOccupancy,
        adultsIncluded: Math.min(2, rt.maxOccupancy),
        childrenIncluded: 0,
        roomTypePhotos: rt.photos.map((p) => ({ thumb: p.url, image: p.url })),
        roomTypeFeatures: rt.amenities,
        roomTypeUnits: rt.total,
      }));
      const data = all.slice((page - 1) * pageSize, page * pageSize);
      return ok({ data, count: data.length, total: all.length });
    },
  },
  {
    method: 'GET',
    pattern: '/getRatePlans',
    point: 'pms.inventory',
    handle(req, ctx, hotelId) {
      const h = cloudbedsHotel(ctx, hotelId);
      if (!h) return fail(400, 'propertyIDs is required');
      const startDate = req.query.get('startDate');
      const endDate = req.query.get('endDate');
      if (!isIsoDateString(startDate) || !isIsoDateString(endDate)) return fail(400, 'startDate and endDate are required (YYYY-MM-DD)');
      if (endDate <= startDate) return fail(400, 'endDate must be after startDate');
      const detailed = req.query.get('detailedRates') === 'true';
      const nights = datesInclusive(startDate, addDays(endDate, -1));
      const data = h.roomTypes.map((rt) => {
        const rows = nights.flatMap((date) => {
          const night = ctx.state.night(h.pmsHotelId, rt.pmsRoomTypeId, date);
          if (!night) return [];
          const rate = majorUnits(night.priceMinor, h.currency);
          return [{
            date,
            rate,
            rateBase: rate,
            totalRate: rate,
            roomsAvailable: Math.max(0, ctx.state.available(h.pmsHotelId, rt.pmsRoomTypeId, date)),
            closedToArrival: night.closedToArrival ?? false,
            closedToDeparture: night.closedToDeparture ?? false,
            blocked: night.stopSell ?? false,
            minLos: night.minStay ?? 0,
            maxLos: night.maxStay ?? 0,
          }];
        });
        const total = rows.reduce((sum, r) => sum + r.rate, 0);
        return {
          rateID: `${rt.pmsRoomTypeId}01`,
          isDerived: false,
          roomTypeID: rt.pmsRoomTypeId,
          roomTypeName: rt.name,
          roomRate: rows[0]?.rate ?? 0,
          totalRate: total,
          roomsAvailable: rows.length > 0 ? Math.min(...rows.map((r) => r.roomsAvailable)) : 0,
          ...(detailed ? { roomRateDetailed: rows } : {}),
        };
      });
      return ok({ data });
    },
  },
  {
    method: 'GET',
    pattern: '/getAvailableRoomTypes',
    point: 'pms.inventory',
    handle(req, ctx, hotelId) {
      const h = cloudbedsHotel(ctx, hotelId);
      if (!h) return fail(400, 'propertyIDs is required');
      const startDate = req.query.get('startDate');
      const endDate = req.query.get('endDate');
      if (!isIsoDateString(startDate) || !isIsoDateString(endDate) || endDate <= startDate) return fail(400, 'startDate and endDate are required (YYYY-MM-DD)');
      const rooms = positiveInt(req.query.get('rooms')) ?? 1;
      const propertyRooms = h.roomTypes.flatMap((rt) => {
        const nights = datesInclusive(startDate, addDays(endDate, -1));
        const available = Math.max(0, Math.min(...nights.map((d) => ctx.state.available(h.pmsHotelId, rt.pmsRoomTypeId, d))));
        const price = ctx.state.stayPriceMinor(h.pmsHotelId, rt.pmsRoomTypeId, startDate, endDate, 1);
        if (available < rooms || price === undefined) return [];
        return [{ roomTypeID: rt.pmsRoomTypeId, roomTypeName: rt.name, roomRate: majorUnits(price, h.currency), roomRateID: `${rt.pmsRoomTypeId}01`, roomsAvailable: available, maxGuests: rt.maxOccupancy }];
      });
      return ok({ data: [{ propertyID: h.pmsHotelId, propertyCurrency: [{ currencyCode: h.currency }], propertyRooms }], roomCount: propertyRooms.length, count: 1, total: 1 });
    },
  },
  {
    method: 'GET',
    pattern: '/getReservations',
    point: 'pms.lookup',
    handle(req, ctx, hotelId) {
      const h = cloudbedsHotel(ctx, hotelId);
      if (!h) return fail(400, 'propertyID is required');
      const q = req.query;
      const third = q.get('thirdPartyIdentifier');
      const status = q.get('status');
      const roomTypeID = q.get('roomTypeID');
      const dateFilters = ['checkInFrom', 'checkInTo', 'checkOutFrom', 'checkOutTo'] as const;
      const bounds = Object.fromEntries(dateFilters.map((k) => [k, q.get(k)])) as Record<(typeof dateFilters)[number], string | null>;
      if (dateFilters.some((k) => bounds[k] !== null && !isIsoDateString(bounds[k]))) return fail(400, 'Invalid date filter (YYYY-MM-DD)');
      const pageSize = Math.min(100, positiveInt(q.get('pageSize')) ?? 100);
      const page = positiveInt(q.get('pageNumber')) ?? 1;
      const includeAllRooms = q.get('includeAllRooms') === 'true';
      const all = ctx.state
        .reservationsOf(h.pmsHotelId)
        .filter(
          (r) =>
            (!third || r.externalId === third) &&
            (!status || cloudbedsStatus(r) === status) &&
            (!roomTypeID || r.pmsRoomTypeId === roomTypeID) &&
            (bounds.checkInFrom === null || r.checkIn >= bounds.checkInFrom) &&
            (bounds.checkInTo === null || r.checkIn <= bounds.checkInTo) &&
            (bounds.checkOutFrom === null || r.checkOut >= bounds.checkOutFrom) &&
            (bounds.checkOutTo === null || r.checkOut <= bounds.checkOutTo),
        );
      const data = all.slice((page - 1) * pageSize, page * pageSize).map((r) => reservationRow(r, roomTypeName(ctx, r), includeAllRooms));
      return ok({ data, count: data.length, total: all.length });
    },
  },
  {
    method: 'GET',
    pattern: '/getReservation',
    point: 'pms.lookup',
    handle(req, ctx, hotelId) {
      const h = cloudbedsHotel(ctx, hotelId);
      const r = h ? ctx.state.reservation(h.pmsHotelId, req.query.get('reservationID') ?? '') : undefined;
      if (!r) return fail(404, 'Reservation not found');
      return ok({ data: reservationDetail(r, roomTypeName(ctx, r)) });
    },
  },
  {
    method: 'POST',
    pattern: '/postReservation',
    point: 'pms.confirm',
    handle(req, ctx, hotelId) {
      const h = cloudbedsHotel(ctx, hotelId);
      if (!h) return fail(400, 'propertyID is required');
      const f = req.form;
      const startDate = f.get('startDate');
      const endDate = f.get('endDate');
      const required = ['guestFirstName', 'guestLastName', 'guestEmail', 'guestCountry', 'paymentMethod'].filter((k) => !f.get(k));
      if (!isIsoDateString(startDate) || !isIsoDateString(endDate) || endDate <= startDate) return fail(400, 'Invalid startDate/endDate');
      if (required.length > 0) return fail(400, `Missing parameter(s): ${required.join(', ')}`);
      const roomTypeId = f.get('rooms[0][roomTypeID]') ?? '';
      const quantity = positiveInt(f.get('rooms[0][quantity]'));
      const adults = positiveInt(f.get('adults[0][quantity]')) ?? 1;
      const rt = ctx.state.roomType(h.pmsHotelId, roomTypeId);
      if (!rt || !quantity) return fail(400, 'Invalid rooms parameter');
      if (adults > rt.maxOccupancy * quantity) return fail(400, 'Too many guests for the selected rooms');
      if (!ctx.state.canSell(h.pmsHotelId, roomTypeId, startDate, endDate, quantity)) {
        return fail(400, `Room type ${roomTypeId} is not available for the selected dates`);
      }
      const price = ctx.state.stayPriceMinor(h.pmsHotelId, roomTypeId, startDate, endDate, quantity) ?? 0;
      const externalId = f.get('thirdPartyIdentifier') ?? '';
      const ids = ctx.state.newReservationIds('cloudbeds', h.pmsHotelId, externalId);
      const reservationId = ids.reservationId;
      const reservation = ctx.state.addReservation({
        vendor: 'cloudbeds',
        pmsHotelId: h.pmsHotelId,
        ...ids,
        channel: SIM_API_CHANNEL,
        externalId,
        pmsRoomTypeId: roomTypeId,
        checkIn: startDate,
        checkOut: endDate,
        rooms: quantity,
        guests: adults,
        guest: { firstName: f.get('guestFirstName')!, lastName: f.get('guestLastName')!, email: f.get('guestEmail')!, phone: f.get('guestPhone') ?? '', country: f.get('guestCountry')! },
        totalMinor: price,
        currency: h.currency,
      });
      ctx.notifyReservation(reservation, 'created');
      return ok({
        reservationID: reservationId,
        status: 'confirmed',
        guestID: String(7_000_000 + Number(reservationId.slice(-6))),
        guestFirstName: reservation.guest.firstName,
        guestLastName: reservation.guest.lastName,
        guestEmail: reservation.guest.email,
        startDate,
        endDate,
        dateCreated: reservation.createdAt,
        grandTotal: majorUnits(price, h.currency),
        unassigned: [
          {
            subReservationID: `${reservationId}-1`,
            roomTypeName: rt.name,
            roomTypeID: rt.pmsRoomTypeId,
            adults,
            children: 0,
            dailyRates: datesInclusive(startDate, addDays(endDate, -1)).map((date) => ({ date, rate: majorUnits(ctx.state.night(h.pmsHotelId, rt.pmsRoomTypeId, date)?.priceMinor ?? 0, h.currency) })),
            roomTotal: majorUnits(price, h.currency),
          },
        ],
      });
    },
  },
  {
    method: 'PUT',
    pattern: '/putReservation',
    // One endpoint for both: `status=canceled` cancels, a `rooms[]` configuration modifies.
    point: (req) => (req.form.get('status') === 'canceled' ? 'pms.cancel' : 'pms.modify'),
    points: ['pms.cancel', 'pms.modify'],
    handle(req, ctx, hotelId) {
      const h = cloudbedsHotel(ctx, hotelId);
      const r = h ? ctx.state.reservation(h.pmsHotelId, req.form.get('reservationID') ?? '') : undefined;
      if (!h || !r) return fail(404, 'Reservation not found');
      const status = req.form.get('status');
      if (status === 'canceled') {
        if (r.status !== 'cancelled') {
          ctx.state.cancel(r);
          ctx.notifyReservation(r, 'cancelled');
        }
        return ok({ message: 'Reservation updated' });
      }
      if (status !== null) return fail(400, 'The simulator changes a status only to canceled; check-in and check-out are the hotel\'s');
      // Room configuration (assumed semantics, docs/pms-vendors.md): the rooms[] sent replace the
      // reservation's rooms; every room of one type with the same dates, one entry per room.
      const rooms = roomsConfiguration(req.form);
      if (!rooms) return fail(400, 'rooms[i][roomTypeID], rooms[i][checkinDate] and rooms[i][checkoutDate] are required, the same for every room');
      const outcome = ctx.state.modifyReservation(r, { ...rooms, ...(rooms.adults !== undefined ? { guests: rooms.adults } : {}) });
      if (!outcome.ok) return fail(400, outcome.message);
      if (outcome.changed) ctx.notifyReservation(r, 'modified');
      return ok({ message: 'Reservation updated' });
    },
  },
  {
    method: 'POST',
    pattern: '/postWebhook',
    handle(req, ctx, hotelId) {
      const h = cloudbedsHotel(ctx, hotelId);
      const f = req.form;
      const object = f.get('object');
      const action = f.get('action');
      const endpointUrl = f.get('endpointUrl');
      if (!h || !object || !action || !endpointUrl) return fail(400, 'propertyID, object, action and endpointUrl are required');
      const subscriptionID = String(ctx.state.nextNumber());
      ctx.state.cloudbedsSubscriptions.push({ subscriptionID, propertyID: h.pmsHotelId, object, action, endpointUrl });
      return ok({ data: { subscriptionID } });
    },
  },
  {
    method: 'GET',
    pattern: '/getWebhooks',
    handle(req, ctx, hotelId) {
      const data = ctx.state.cloudbedsSubscriptions
        .filter((s) => s.propertyID === hotelId)
        .map((s) => ({ id: s.subscriptionID, key: s.object + '/' + s.action, event: { entity: s.object, action: s.action }, subscriptionType: 'webhook', subscriptionData: { endpoint: s.endpointUrl } }));
      return ok({ data });
    },
  },
];

export const cloudbedsDialect: Dialect = {
  vendor: 'cloudbeds',
  prefix: '/cloudbeds/api/v1.3',
  routes,
  hotelOf: propertyOf,
  authenticate(req, ctx) {
    const key = header(req, 'x-api-key');
    const owner = key ? [...ctx.state.hotels.values()].find((h) => h.vendor === 'cloudbeds' && h.credentials.kind === 'api_key' && h.credentials.apiKey === key) : undefined;
    if (!owner) return { ok: false, response: fail(401, 'Invalid or missing API key') };
    const asked = propertyOf(req);
    // A key belongs to one property; a call without a property acts on the key's own.
    if (asked && asked !== owner.pmsHotelId) return { ok: false, response: fail(403, `You do not have access to property ${asked}`) };
    return { ok: true, hotelId: owner.pmsHotelId };
  },
  unavailable: () => fail(503, 'Service Unavailable'),
  rateLimited: () => fail(429, 'API rate limit exceeded. Please reduce the number of requests per second.'),
  notFound: () => fail(404, 'Method not found'),
};

/**
 * `rooms[i][roomTypeID|checkinDate|checkoutDate|adults]` as `putReservation` takes them: the
 * simulator supports one room type and one set of dates per reservation (what we create).
 */
function roomsConfiguration(form: URLSearchParams): { pmsRoomTypeId: string; checkIn: string; checkOut: string; rooms: number; adults?: number } | undefined {
  const entries = new Map<string, Record<string, string>>();
  for (const [key, value] of form) {
    const m = /^rooms\[(\d+)\]\[(\w+)\]$/.exec(key);
    if (!m) continue;
    const entry = entries.get(m[1]!) ?? {};
    entry[m[2]!] = value;
    entries.set(m[1]!, entry);
  }
  const list = [...entries.values()];
  const first = list[0];
  if (!first?.roomTypeID || !isIsoDateString(first.checkinDate) || !isIsoDateString(first.checkoutDate)) return undefined;
  if (list.some((e) => e.roomTypeID !== first.roomTypeID || e.checkinDate !== first.checkinDate || e.checkoutDate !== first.checkoutDate)) return undefined;
  const adults = list.reduce((sum, e) => sum + (positiveInt(e.adults) ?? 0), 0);
  return { pmsRoomTypeId: first.roomTypeID, checkIn: first.checkinDate, checkOut: first.checkoutDate, rooms: list.length, ...(adults > 0 ? { adults } : {}) };
}
