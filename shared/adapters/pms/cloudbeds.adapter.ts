import { addDays, type IsoDate } from '#domain/dates.ts';
import { toMinorUnits } from '#domain/money.ts';
import type {
  PmsHotel,
  PmsNight,
  PmsReservation,
  PmsReservationChange,
  PmsReservationRequest,
  PmsReservationStatus,
  PmsRoomType,
} from '#domain/pms.ts';
import { PmsNotFoundError, PmsRejectedError, type PmsError } from '#domain/pms-errors.ts';
import type { PmsCapabilities, PmsClient, PmsConnection } from '#ports/pms.port.ts';
import {
  InFlight,
  asArray,
  asBoolean,
  asNumber,
  asObject,
  asString,
  errorForStatus,
  httpContext,
  malformed,
  retryRateLimitedRead,
  sendPmsRequest,
  toHhMm,
  type Json,
  type PmsAdapterOptions,
  type PmsHttpContext,
  type PmsHttpResponse,
  type QueryValue,
} from './http.ts';
import { hasNightIn, MAX_LISTING_PAGES, preferLive } from './reservation-listing.ts';

/**
 * Cloudbeds API v1.3 (`{baseUrl}/{method}`): API key in `x-api-key`, query strings on GET,
 * form-encoded bodies on POST/PUT, `{success, data, message}` envelopes, errors often as HTTP 400
 * with `success:false`. Cloudbeds has no idempotency key and no hold call, so a create first looks
 * the booking up by `thirdPartyIdentifier`, and holds stay on our side (`capabilities.holds` false).
 * Inventory and rates have no webhooks either: the sync polls `getRatePlans`.
 *
 * Reservations: `getReservations` (paged by 100, `includeAllRooms=true` for the room types) lists
 * them by stay (`checkInTo`, `checkOutFrom`) and finds ours by `thirdPartyIdentifier`. The vendor
 * facts name that filter; the published v1.3 specification does not list it, so every row is
 * checked again here and every page is read: an account that ignores the filter costs more pages,
 * never a wrong answer. `getReservation` reads one with its rooms (`assigned` + `unassigned`).
 * A reservation holding several room types is listed once per room type (same `reservationId`);
 * a look-up by id or by our booking id reports its first room type.
 *
 * A `429` is waited out and retried on reads only (`retryRateLimitedRead`); writes surface it.
 * Every request takes a slot of the property's limit first (`requestsPerSecond`, default 5, the
 * vendor's per-property limit; partner accounts may be allowed 10), keyed by API host and property.
 */
export interface CloudbedsAdapterOptions extends PmsAdapterOptions {
  /** Cloudbeds requires `guestCountry`; used when the guest has none. Default `KR`. */
  defaultGuestCountry?: string;
  /** Cloudbeds requires a `paymentMethod`; the guest pays us, so this only labels the booking. Default `cash`. */
  paymentMethod?: string;
  /** Used when `getHotels` gives no `propertyTimezone`. Default `UTC`. */
  defaultTimeZone?: string;
}

type CloudbedsConnection = Extract<PmsConnection, { vendor: 'cloudbeds' }>;

/** Cloudbeds' published limit: 5 requests per second per property. */
export const CLOUDBEDS_REQUESTS_PER_SECOND = 5;
const PAGE_SIZE = 100;
const inFlightCreates = new InFlight<PmsReservation>();

export class CloudbedsPmsClient implements PmsClient {
  readonly vendor = 'cloudbeds' as const;
  readonly capabilities: PmsCapabilities = { holds: false, webhooks: true };
  readonly pmsHotelId: string;
  private readonly ctx: PmsHttpContext;
  private readonly baseUrl: string;
  private currency: Promise<string> | undefined;

  constructor(
    private readonly conn: CloudbedsConnection,
    private readonly options: CloudbedsAdapterOptions = {},
  ) {
    this.pmsHotelId = conn.pmsHotelId;
    this.baseUrl = conn.baseUrl.replace(/\/+$/, '');
    this.ctx = httpContext('cloudbeds', options, { key: `cloudbeds|${new URL(this.baseUrl).host}|${conn.pmsHotelId}`, ratePerSecond: CLOUDBEDS_REQUESTS_PER_SECOND });
  }

  async getHotel(): Promise<PmsHotel> {
    const details = asObject(await this.get('getHotel', 'getHotelDetails', { propertyID: this.pmsHotelId }, 'read hotel details'));
    if (!details) throw malformed(this.ctx, 'getHotelDetails');
    const listed = asArray(await this.get('getHotel', 'getHotels', { propertyIDs: this.pmsHotelId }, 'read hotel time zone'))
      .map(asObject)
      .find((h) => asString(h?.propertyID) === this.pmsHotelId);
    const address = asObject(details.propertyAddress) ?? {};
    const policy = asObject(details.propertyPolicy) ?? {};
    const latitude = asNumber(address.propertyLatitude);
    const longitude = asNumber(address.propertyLongitude);
    const street = [asString(address.propertyAddress1), asString(address.propertyAddress2)].filter((s) => s).join(', ');
    const images = [...asArray(details.propertyImage), ...asArray(details.propertyAdditionalPhotos)]
      .map((p) => asString(asObject(p)?.image) ?? asString(p))
      .filter((u): u is string => !!u);
    const checkInTime = toHhMm(policy.propertyCheckInTime);
    const checkOutTime = toHhMm(policy.propertyCheckOutTime);
    const description = asString(details.propertyDescription);
    const currency = asString(asObject(details.propertyCurrency)?.currencyCode);
    // The same answer getNights needs for its currency: one request fewer of the 5 a second allows.
    if (currency) this.currency ??= Promise.resolve(currency);
    return {
      pmsHotelId: asString(details.propertyID) ?? this.pmsHotelId,
      name: asString(details.propertyName) ?? '',
      ...(description ? { description } : {}),
      ...(street ? { address: street } : {}),
      city: asString(address.propertyCity) ?? '',
      country: asString(address.propertyCountry) ?? '',
      ...(latitude !== undefined && longitude !== undefined ? { location: { latitude, longitude } } : {}),
      timeZone: asString(listed?.propertyTimezone) ?? this.options.defaultTimeZone ?? 'UTC',
      currency: currency ?? '',
      amenities: asArray(details.propertyAmenities).map(asString).filter((s): s is string => !!s),
      images,
      ...(checkInTime ? { checkInTime } : {}),
      ...(checkOutTime ? { checkOutTime } : {}),
    };
  }

  async listRoomTypes(): Promise<PmsRoomType[]> {
    return (await this.roomTypeRows('listRoomTypes')).map((row) => {
      const description = asString(row.roomTypeDescription);
      return {
        pmsRoomTypeId: asString(row.roomTypeID) ?? '',
        name: asString(row.roomTypeName) ?? '',
        ...(description ? { description } : {}),
        maxOccupancy: asNumber(row.maxGuests) ?? 1,
        amenities: featureList(row.roomTypeFeatures),
        photos: asArray(row.roomTypePhotos)
          .map((p) => asString(asObject(p)?.image) ?? asString(p))
          .filter((u): u is string => !!u)
          .map((url) => ({ url })),
      };
    });
  }

  /**
   * `getRatePlans` with `detailedRates=true`: one entry per rate and room type, with a
   * `roomRateDetailed` row per night. Its `endDate` is the departure day, so the last night we
   * want is `endDate - 1`. Cloudbeds has no per-night capacity: `total` is the room type's
   * `roomTypeUnits`, and closures show in `available` (`roomsAvailable`, never below 0).
   * Restrictions per night: `minLos` and `maxLos` (0 means none), `closedToArrival`,
   * `closedToDeparture`, and `blocked` ("the accommodation is blocked", the operator's stop-sell
   * set through `patchRate`) as `stopSell`. They are read from the base rate, the one we sell.
   */
  async getNights(startDate: IsoDate, endDate: IsoDate): Promise<PmsNight[]> {
    if (endDate < startDate) return [];
    const units = new Map<string, number>();
    for (const row of await this.roomTypeRows('getNights')) {
      units.set(asString(row.roomTypeID) ?? '', asNumber(row.roomTypeUnits) ?? 0);
    }
    const [currency, rates] = await Promise.all([
      this.propertyCurrency('getNights'),
      this.get('getNights', 'getRatePlans', { propertyIDs: this.pmsHotelId, startDate, endDate: addDays(endDate, 1), detailedRates: 'true' }, 'read rates'),
    ]);
    const base = new Map<string, Json>();
    for (const rate of asArray(rates).map(asObject)) {
      const roomTypeId = asString(rate?.roomTypeID);
      if (!rate || !roomTypeId) continue;
      // The base rate (no rate plan, not derived) is the public price; derived plans are ignored.
      const current = base.get(roomTypeId);
      if (!current || (isBaseRate(rate) && !isBaseRate(current))) base.set(roomTypeId, rate);
    }
    const nights: PmsNight[] = [];
    for (const [roomTypeId, rate] of base) {
      const ratePlanId = asString(rate.ratePlanID) ?? asString(rate.rateID);
      for (const day of asArray(rate.roomRateDetailed).map(asObject)) {
        const date = asString(day?.date);
        const amount = asNumber(day?.rate) ?? asNumber(day?.rateBase) ?? asNumber(rate.roomRate);
        if (!day || !date || date < startDate || date > endDate || amount === undefined) continue;
        const available = asNumber(day.roomsAvailable);
        const minStay = asNumber(day.minLos);
        const maxStay = asNumber(day.maxLos);
        const closedToArrival = asBoolean(day.closedToArrival);
        const closedToDeparture = asBoolean(day.closedToDeparture);
        const stopSell = asBoolean(day.blocked);
        nights.push({
          pmsRoomTypeId: roomTypeId,
          date,
          total: units.get(roomTypeId) ?? available ?? 0,
          ...(available !== undefined ? { available } : {}),
          priceMinor: toMinorUnits(amount, currency),
          currency,
          ...(ratePlanId ? { ratePlanId } : {}),
          ...(minStay ? { minStay } : {}),
          ...(maxStay ? { maxStay } : {}),
          ...(closedToArrival !== undefined ? { closedToArrival } : {}),
          ...(closedToDeparture !== undefined ? { closedToDeparture } : {}),
          ...(stopSell !== undefined ? { stopSell } : {}),
        });
      }
    }
    return nights.sort((a, b) => (a.date === b.date ? a.pmsRoomTypeId.localeCompare(b.pmsRoomTypeId) : a.date < b.date ? -1 : 1));
  }

  createReservation(req: PmsReservationRequest): Promise<PmsReservation> {
    return inFlightCreates.run(`${this.baseUrl}|${this.pmsHotelId}|${req.externalId}`, async () => {
      const existing = await this.find(req.externalId, 'createReservation');
      if (existing) return existing;
      const fields: Record<string, QueryValue> = {
        propertyID: this.pmsHotelId,
        startDate: req.checkIn,
        endDate: req.checkOut,
        guestFirstName: req.guest.firstName,
        guestLastName: req.guest.lastName,
        guestEmail: req.guest.email,
        guestPhone: req.guest.phone,
        guestCountry: req.guest.country ?? this.options.defaultGuestCountry ?? 'KR',
        thirdPartyIdentifier: req.externalId,
        paymentMethod: this.options.paymentMethod ?? 'cash',
        'rooms[0][roomTypeID]': req.pmsRoomTypeId,
        'rooms[0][quantity]': req.rooms,
        'adults[0][roomTypeID]': req.pmsRoomTypeId,
        'adults[0][quantity]': req.guests,
        'children[0][roomTypeID]': req.pmsRoomTypeId,
        'children[0][quantity]': 0,
      };
      const body = await this.write('createReservation', 'POST', 'postReservation', fields, 'create reservation');
      const reservationId = asString(body.reservationID);
      if (!reservationId) throw malformed(this.ctx, 'postReservation');
      // The answer carries no stay; it is the one asked for, which Cloudbeds booked as asked.
      return {
        reservationId,
        confirmationNumber: reservationId,
        externalId: req.externalId,
        status: mapStatus(asString(body.status)),
        pmsRoomTypeId: req.pmsRoomTypeId,
        checkIn: req.checkIn,
        checkOut: req.checkOut,
        rooms: req.rooms,
      };
    });
  }

  async findReservationByExternalId(externalId: string): Promise<PmsReservation | undefined> {
    return preferLive(await this.findAll(externalId, 'findReservationByExternalId'));
  }

  findReservationsByExternalId(externalId: string): Promise<PmsReservation[]> {
    return this.findAll(externalId, 'findReservationsByExternalId');
  }

  /** `getReservation`; `undefined` when Cloudbeds does not know the id (404, or `success:false` "not found"). */
  async getReservation(reservationId: string): Promise<PmsReservation | undefined> {
    try {
      const detail = asObject(await this.get('getReservation', 'getReservation', { propertyID: this.pmsHotelId, reservationID: reservationId }, 'read reservation'));
      return detail ? fromDetail(detail) : undefined;
    } catch (error) {
      if (error instanceof PmsNotFoundError) return undefined;
      throw error;
    }
  }

  /**
   * Every reservation with a night in `[from, to]`: `checkInTo = to` and `checkOutFrom = from + 1`
   * narrow the listing, every status included; rows are checked again here.
   */
  async listReservations(from: IsoDate, to: IsoDate): Promise<PmsReservation[]> {
    if (to < from) return [];
    const rows = await this.reservationRows('listReservations', { checkInTo: to, checkOutFrom: addDays(from, 1) }, 'list reservations');
    return rows.flatMap((row) => fromListRow(row, 'per_room_type')).filter((r) => hasNightIn(r, from, to));
  }

  /**
   * `putReservation` with a room configuration: one `rooms[i]` entry per room, each with the room
   * type and the new dates, the guests spread over the rooms. The specification lists the fields
   * ("room configuration") without saying whether the rooms sent replace the reservation's rooms;
   * we assume they do (docs/pms-vendors.md). The answer carries no stay: the one asked for is
   * what Cloudbeds booked, as with a create.
   */
  async modifyReservation(reservationId: string, change: PmsReservationChange): Promise<PmsReservation> {
    const fields: Record<string, QueryValue> = { propertyID: this.pmsHotelId, reservationID: reservationId };
    const base = Math.floor(change.guests / change.rooms);
    for (let i = 0; i < change.rooms; i += 1) {
      fields[`rooms[${i}][roomTypeID]`] = change.pmsRoomTypeId;
      fields[`rooms[${i}][checkinDate]`] = change.checkIn;
      fields[`rooms[${i}][checkoutDate]`] = change.checkOut;
      fields[`rooms[${i}][adults]`] = Math.max(1, base + (i < change.guests % change.rooms ? 1 : 0));
      fields[`rooms[${i}][children]`] = 0;
    }
    await this.write('modifyReservation', 'PUT', 'putReservation', fields, 'modify reservation');
    return {
      reservationId,
      confirmationNumber: reservationId,
      externalId: '',
      status: 'confirmed',
      pmsRoomTypeId: change.pmsRoomTypeId,
      checkIn: change.checkIn,
      checkOut: change.checkOut,
      rooms: change.rooms,
    };
  }

  async cancelReservation(reservationId: string): Promise<void> {
    try {
      await this.write('cancelReservation', 'PUT', 'putReservation', { propertyID: this.pmsHotelId, reservationID: reservationId, status: 'canceled' }, 'cancel reservation');
    } catch (error) {
      // Some accounts answer a second cancel with success:false; a reservation already canceled is the goal reached.
      if (!(error instanceof PmsRejectedError)) throw error;
      const current = asObject(await this.get('cancelReservation', 'getReservation', { propertyID: this.pmsHotelId, reservationID: reservationId }, 'read reservation'));
      if (asString(current?.status) !== 'canceled') throw error;
    }
  }

  private async find(externalId: string, operation: string): Promise<PmsReservation | undefined> {
    return preferLive(await this.findAll(externalId, operation));
  }

  /** Every reservation with our booking id, cancelled ones included, each once. */
  private async findAll(externalId: string, operation: string): Promise<PmsReservation[]> {
    const rows = await this.reservationRows(operation, { thirdPartyIdentifier: externalId }, 'look up reservation');
    return rows.filter((r) => asString(r.thirdPartyIdentifier) === externalId).flatMap((row) => fromListRow(row, 'first_room_type'));
  }

  /** Every page of `getReservations` with `filter`; stops at a short page, the reported total, or a page with nothing new. */
  private async reservationRows(operation: string, filter: Record<string, QueryValue>, what: string): Promise<Json[]> {
    const rows: Json[] = [];
    const seen = new Set<string>();
    for (let page = 1; page <= MAX_LISTING_PAGES; page += 1) {
      const res = await this.request(operation, 'GET', 'getReservations', { propertyID: this.pmsHotelId, ...filter, includeAllRooms: 'true', pageNumber: page, pageSize: PAGE_SIZE }, what);
      const data = asArray(res.data).map(asObject).filter((r): r is Json => !!r && !!asString(r.reservationID));
      const fresh = data.filter((r) => !seen.has(asString(r.reservationID)!));
      for (const r of fresh) seen.add(asString(r.reservationID)!);
      rows.push(...fresh);
      const total = asNumber(res.total);
      if (data.length < PAGE_SIZE || fresh.length === 0 || (total !== undefined && rows.length >= total)) break;
    }
    return rows;
  }

  private async roomTypeRows(operation: string): Promise<Json[]> {
    const rows: Json[] = [];
    for (let page = 1; ; page += 1) {
      const res = await this.request(operation, 'GET', 'getRoomTypes', { propertyIDs: this.pmsHotelId, pageNumber: page, pageSize: PAGE_SIZE }, 'read room types');
      const data = asArray(res.data).map(asObject).filter((r): r is Json => !!r);
      rows.push(...data);
      const total = asNumber(res.total);
      if (data.length < PAGE_SIZE || (total !== undefined && rows.length >= total)) return rows;
    }
  }

  /** Rates carry no currency; the property's is read once per client. */
  private propertyCurrency(operation: string): Promise<string> {
    this.currency ??= this.readCurrency(operation).catch((error: unknown) => {
      this.currency = undefined;
      throw error;
    });
    return this.currency;
  }

  private async readCurrency(operation: string): Promise<string> {
    const details = asObject(await this.get(operation, 'getHotelDetails', { propertyID: this.pmsHotelId }, 'read hotel currency'));
    const currency = asString(asObject(details?.propertyCurrency)?.currencyCode);
    if (!currency) throw malformed(this.ctx, 'getHotelDetails');
    return currency;
  }

  private async get(operation: string, method: string, query: Record<string, QueryValue>, what: string): Promise<unknown> {
    return (await this.request(operation, 'GET', method, query, what)).data;
  }

  private write(operation: string, verb: 'POST' | 'PUT', method: string, form: Record<string, QueryValue>, what: string): Promise<Json> {
    return this.request(operation, verb, method, form, what);
  }

  /** One call (its slot taken in `sendPmsRequest`), unwrapped from `{success, data, message}` or turned into a domain error; reads wait out a 429. */
  private request(operation: string, verb: 'GET' | 'POST' | 'PUT', method: string, params: Record<string, QueryValue>, what: string): Promise<Json> {
    const once = () => this.requestOnce(operation, verb, method, params, what);
    return verb === 'GET' ? retryRateLimitedRead(this.ctx, once) : once();
  }

  private async requestOnce(operation: string, verb: 'GET' | 'POST' | 'PUT', method: string, params: Record<string, QueryValue>, what: string): Promise<Json> {
    const res = await sendPmsRequest(this.ctx, {
      operation,
      endpoint: method,
      method: verb,
      url: `${this.baseUrl}/${method}`,
      headers: { 'x-api-key': this.conn.credentials.apiKey },
      ...(verb === 'GET' ? { query: params } : { form: params }),
    });
    const body = asObject(res.body);
    const error = this.errorOf(res, body, what);
    if (error) throw error;
    if (!body) throw malformed(this.ctx, method);
    return body;
  }

  private errorOf(res: PmsHttpResponse, body: Json | undefined, what: string): PmsError | undefined {
    const vendorMessage = asString(body?.message);
    // Cloudbeds answers an unknown reservation with `success:false` "... not found", as HTTP 200, 400 or 404.
    if (body?.success === false && vendorMessage !== undefined && /not found/i.test(vendorMessage) && [200, 400, 404].includes(res.status)) {
      return new PmsNotFoundError(`cloudbeds has no such resource (${what})`, { vendor: 'cloudbeds', cause: new Error(vendorMessage) });
    }
    const soldOut = vendorMessage !== undefined && /availab|sold out|no rooms/i.test(vendorMessage);
    const byStatus = errorForStatus(this.ctx, res, { what, ...(vendorMessage ? { vendorMessage } : {}), ...(soldOut ? { rejection: 'sold_out' as const } : {}) });
    if (byStatus) return byStatus;
    if (body && body.success === false) {
      return new PmsRejectedError(`cloudbeds rejected the request (${what})`, {
        vendor: 'cloudbeds',
        reason: soldOut ? 'sold_out' : 'invalid_request',
        ...(vendorMessage ? { cause: new Error(vendorMessage) } : {}),
      });
    }
    return undefined;
  }
}

function isBaseRate(rate: Json): boolean {
  return !asString(rate.ratePlanID) && asBoolean(rate.isDerived) !== true;
}

/** `roomTypeFeatures` comes as a list or as an id -> name map depending on the account. */
function featureList(value: unknown): string[] {
  const list = Array.isArray(value) ? value : Object.values(asObject(value) ?? {});
  return list.map(asString).filter((s): s is string => !!s);
}

/**
 * Cloudbeds statuses: confirmed, not_confirmed, canceled, checked_in, checked_out, no_show. One we
 * do not know is read as `confirmed`: it keeps its rooms, the safe side for inventory.
 */
function mapStatus(status: string | undefined): PmsReservationStatus {
  switch (status) {
    case 'canceled':
    case 'cancelled':
      return 'cancelled';
    case 'not_confirmed':
    case 'checked_in':
    case 'checked_out':
    case 'no_show':
      return status;
    default:
      return 'confirmed';
  }
}

interface StayPart {
  pmsRoomTypeId: string;
  checkIn?: string | undefined;
  checkOut?: string | undefined;
  rooms: number;
}

/**
 * A reservation's rooms by room type, in first-seen order. Rooms cancelled on their own (a
 * reservation that shrank) do not count, unless every room is cancelled (the reservation is).
 */
function stayParts(rooms: Json[], dateFields: { from: string; to: string }): StayPart[] {
  const live = rooms.filter((r) => asString(r.roomStatus) !== 'cancelled');
  const counted = live.length > 0 ? live : rooms;
  const parts = new Map<string, StayPart>();
  for (const room of counted) {
    const roomTypeId = asString(room.roomTypeID);
    if (!roomTypeId) continue;
    const from = asString(room[dateFields.from]);
    const to = asString(room[dateFields.to]);
    const part = parts.get(roomTypeId) ?? { pmsRoomTypeId: roomTypeId, rooms: 0 };
    part.rooms += 1;
    if (from && (!part.checkIn || from < part.checkIn)) part.checkIn = from;
    if (to && (!part.checkOut || to > part.checkOut)) part.checkOut = to;
    parts.set(roomTypeId, part);
  }
  return [...parts.values()];
}

function reservationOf(row: Json, channel: string | undefined, part: StayPart | undefined): PmsReservation {
  const reservationId = asString(row.reservationID)!;
  // The rooms' own dates win: a reservation's dates span all of its rooms.
  const checkIn = part?.checkIn ?? asString(row.startDate);
  const checkOut = part?.checkOut ?? asString(row.endDate);
  return {
    reservationId,
    confirmationNumber: reservationId,
    externalId: asString(row.thirdPartyIdentifier) ?? '',
    status: mapStatus(asString(row.status)),
    ...(part ? { pmsRoomTypeId: part.pmsRoomTypeId, rooms: part.rooms } : {}),
    ...(checkIn ? { checkIn } : {}),
    ...(checkOut ? { checkOut } : {}),
    ...(channel ? { channel } : {}),
  };
}

/** A `getReservations` row (with `includeAllRooms=true`): one reservation per room type, or the first room type only. */
function fromListRow(row: Json, split: 'per_room_type' | 'first_room_type'): PmsReservation[] {
  const parts = stayParts(asArray(row.rooms).map(asObject).filter((r): r is Json => !!r), { from: 'roomCheckIn', to: 'roomCheckOut' });
  const channel = asString(row.sourceName);
  if (parts.length === 0) return [reservationOf(row, channel, undefined)];
  return (split === 'per_room_type' ? parts : parts.slice(0, 1)).map((part) => reservationOf(row, channel, part));
}

/** A `getReservation` body: rooms are `assigned` (to a physical room) or `unassigned`; the first room type is reported. */
function fromDetail(detail: Json): PmsReservation | undefined {
  if (!asString(detail.reservationID)) return undefined;
  const rooms = [...asArray(detail.assigned), ...asArray(detail.unassigned)].map(asObject).filter((r): r is Json => !!r);
  const [first] = stayParts(rooms, { from: 'startDate', to: 'endDate' });
  // `assigned` rooms are on a physical room; `roomName` is assumed to be its door number (unverified).
  const roomNumbers = asArray(detail.assigned)
    .map(asObject)
    .map((room) => asString(room?.roomName))
    .filter((name): name is string => !!name);
  const reservation = reservationOf(detail, asString(detail.source) ?? asString(detail.sourceName), first);
  return roomNumbers.length > 0 ? { ...reservation, roomNumbers } : reservation;
}
