import { addDays, type IsoDate } from '#domain/dates.ts';
import { toMinorUnits } from '#domain/money.ts';
import type { PmsHotel, PmsNight, PmsReservation, PmsReservationRequest, PmsReservationStatus, PmsRoomType } from '#domain/pms.ts';
import { PmsRejectedError, type PmsError } from '#domain/pms-errors.ts';
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
  sendPmsRequest,
  toHhMm,
  type Json,
  type PmsAdapterOptions,
  type PmsHttpContext,
  type PmsHttpResponse,
  type QueryValue,
} from './http.ts';
import { sharedRateLimiter, type RateLimiter } from './rate-limiter.ts';

/**
 * Cloudbeds API v1.3 (`{baseUrl}/{method}`): API key in `x-api-key`, query strings on GET,
 * form-encoded bodies on POST/PUT, `{success, data, message}` envelopes, errors often as HTTP 400
 * with `success:false`. Cloudbeds has no idempotency key and no hold call, so a create first looks
 * the booking up by `thirdPartyIdentifier`, and holds stay on our side (`capabilities.holds` false).
 * Inventory and rates have no webhooks either: the sync polls `getRatePlans`.
 */
export interface CloudbedsAdapterOptions extends PmsAdapterOptions {
  /** Requests per second per property; Cloudbeds' limit is 5 (10 for partners). */
  requestsPerSecond?: number;
  /** Replaces the process-wide per-property limiter (tests). */
  limiter?: RateLimiter;
  /** Cloudbeds requires `guestCountry`; used when the guest has none. Default `KR`. */
  defaultGuestCountry?: string;
  /** Cloudbeds requires a `paymentMethod`; the guest pays us, so this only labels the booking. Default `cash`. */
  paymentMethod?: string;
  /** Used when `getHotels` gives no `propertyTimezone`. Default `UTC`. */
  defaultTimeZone?: string;
}

type CloudbedsConnection = Extract<PmsConnection, { vendor: 'cloudbeds' }>;

const PAGE_SIZE = 100;
const inFlightCreates = new InFlight<PmsReservation>();

export class CloudbedsPmsClient implements PmsClient {
  readonly vendor = 'cloudbeds' as const;
  readonly capabilities: PmsCapabilities = { holds: false, webhooks: true };
  readonly pmsHotelId: string;
  private readonly ctx: PmsHttpContext;
  private readonly limiter: RateLimiter;
  private readonly baseUrl: string;
  private currency: Promise<string> | undefined;

  constructor(
    private readonly conn: CloudbedsConnection,
    private readonly options: CloudbedsAdapterOptions = {},
  ) {
    this.pmsHotelId = conn.pmsHotelId;
    this.ctx = httpContext('cloudbeds', options);
    this.baseUrl = conn.baseUrl.replace(/\/+$/, '');
    const perSecond = options.requestsPerSecond ?? 5;
    this.limiter =
      options.limiter ?? sharedRateLimiter(`cloudbeds|${new URL(this.baseUrl).host}|${conn.pmsHotelId}`, { limit: perSecond, windowMs: 1000 });
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
   * `roomTypeUnits`, and closures show in `available` (`roomsAvailable`).
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
        const closedToArrival = asBoolean(day.closedToArrival);
        nights.push({
          pmsRoomTypeId: roomTypeId,
          date,
          total: units.get(roomTypeId) ?? available ?? 0,
          ...(available !== undefined ? { available } : {}),
          priceMinor: toMinorUnits(amount, currency),
          currency,
          ...(ratePlanId ? { ratePlanId } : {}),
          ...(closedToArrival !== undefined ? { closedToArrival } : {}),
          ...(minStay ? { minStay } : {}),
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
      return { reservationId, confirmationNumber: reservationId, externalId: req.externalId, status: mapStatus(asString(body.status)) };
    });
  }

  findReservationByExternalId(externalId: string): Promise<PmsReservation | undefined> {
    return this.find(externalId, 'findReservationByExternalId');
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

  /**
   * `getReservations` filtered by `thirdPartyIdentifier`; the rows are checked again here, so an
   * account that ignores the filter still cannot hand us someone else's reservation.
   */
  private async find(externalId: string, operation: string): Promise<PmsReservation | undefined> {
    const rows = asArray(
      await this.get(operation, 'getReservations', { propertyID: this.pmsHotelId, thirdPartyIdentifier: externalId, pageSize: PAGE_SIZE }, 'look up reservation'),
    )
      .map(asObject)
      .filter((r): r is Json => !!r && asString(r.thirdPartyIdentifier) === externalId && !!asString(r.reservationID));
    if (rows.length === 0) return undefined;
    const chosen = rows.find((r) => asString(r.status) !== 'canceled') ?? rows[0]!;
    const reservationId = asString(chosen.reservationID)!;
    return { reservationId, confirmationNumber: reservationId, externalId, status: mapStatus(asString(chosen.status)) };
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

  /** One rate-limited call, unwrapped from `{success, data, message}` or turned into a domain error. */
  private async request(operation: string, verb: 'GET' | 'POST' | 'PUT', method: string, params: Record<string, QueryValue>, what: string): Promise<Json> {
    await this.limiter.acquire();
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

/** Cloudbeds statuses: confirmed, not_confirmed, canceled, checked_in, checked_out, no_show. */
function mapStatus(status: string | undefined): PmsReservationStatus {
  if (status === 'canceled' || status === 'cancelled') return 'cancelled';
  if (status === 'not_confirmed') return 'not_confirmed';
  return 'confirmed';
}
