import type { IsoDate } from '#domain/dates.ts';
import { toMajorUnits, toMinorUnits } from '#domain/money.ts';
import type {
  PmsHold,
  PmsHoldRequest,
  PmsHotel,
  PmsNight,
  PmsReservation,
  PmsReservationChange,
  PmsReservationRequest,
  PmsReservationStatus,
  PmsRoomType,
} from '#domain/pms.ts';
import { PmsNotFoundError, type PmsRejectionReason } from '#domain/pms-errors.ts';
import type { PmsCapabilities, PmsClient, PmsConnection } from '#ports/pms.port.ts';
import {
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
  type QueryValue,
} from './http.ts';
import { hasNightIn, MAX_LISTING_PAGES, preferLive } from './reservation-listing.ts';

/**
 * The generic PMS protocol (docs/generic-pms-protocol.md): our own small REST surface that any
 * PMS can implement, with holds, server-side idempotency by `externalId`, and signed webhooks for
 * inventory, rate and reservation changes. `Authorization: Bearer <apiKey>`, JSON both ways,
 * prices as decimal major units, errors as `{error: {code, message}}`. Nights carry `available`
 * as the PMS reports it (negative when it sold more than it offers) and every restriction;
 * reservations of every channel are listed by stay, paged with `nextCursor`. A `429` is waited
 * out and retried on GETs only.
 */
export type GenericAdapterOptions = PmsAdapterOptions;

type GenericConnection = Extract<PmsConnection, { vendor: 'generic' }>;

const REJECTION_BY_CODE: Record<string, PmsRejectionReason> = {
  sold_out: 'sold_out',
  hold_expired: 'hold_expired',
  validation_failed: 'invalid_request',
  not_modifiable: 'invalid_request',
};

export class GenericPmsClient implements PmsClient {
  readonly vendor = 'generic' as const;
  readonly capabilities: PmsCapabilities = { holds: true, webhooks: true };
  readonly pmsHotelId: string;
  private readonly ctx: PmsHttpContext;
  private readonly hotelUrl: string;

  constructor(
    private readonly conn: GenericConnection,
    options: GenericAdapterOptions = {},
  ) {
    this.pmsHotelId = conn.pmsHotelId;
    const baseUrl = conn.baseUrl.replace(/\/+$/, '');
    // The protocol states no limit: none unless `requestsPerSecond` sets one (PMS_GENERIC_REQUESTS_PER_SECOND).
    this.ctx = httpContext('generic', options, { key: `generic|${new URL(baseUrl).host}|${conn.pmsHotelId}`, ratePerSecond: 0 });
    this.hotelUrl = `${baseUrl}/v1/hotels/${encodeURIComponent(conn.pmsHotelId)}`;
  }

  async getHotel(): Promise<PmsHotel> {
    const h = asObject((await this.call('getHotel', 'GET', '', 'read hotel')).hotel);
    if (!h) throw malformed(this.ctx, 'hotel');
    const latitude = asNumber(h.latitude);
    const longitude = asNumber(h.longitude);
    const description = asString(h.description);
    const address = asString(h.address);
    const starRating = asNumber(h.starRating);
    const checkInTime = toHhMm(h.checkInTime);
    const checkOutTime = toHhMm(h.checkOutTime);
    return {
      pmsHotelId: asString(h.id) ?? this.pmsHotelId,
      name: asString(h.name) ?? '',
      ...(description ? { description } : {}),
      ...(address ? { address } : {}),
      city: asString(h.city) ?? '',
      country: asString(h.country) ?? '',
      ...(latitude !== undefined && longitude !== undefined ? { location: { latitude, longitude } } : {}),
      timeZone: asString(h.timeZone) ?? 'UTC',
      currency: asString(h.currency) ?? '',
      ...(starRating !== undefined ? { starRating } : {}),
      amenities: strings(h.amenities),
      images: strings(h.images),
      ...(checkInTime ? { checkInTime } : {}),
      ...(checkOutTime ? { checkOutTime } : {}),
    };
  }

  async listRoomTypes(): Promise<PmsRoomType[]> {
    const body = await this.call('listRoomTypes', 'GET', '/room-types', 'read room types');
    return asArray(body.roomTypes)
      .map(asObject)
      .filter((r): r is Json => !!r && !!asString(r.id))
      .map((r) => {
        const description = asString(r.description);
        const bedType = asString(r.bedType);
        const bedCount = asNumber(r.bedCount);
        const sizeSqm = asNumber(r.sizeSqm);
        const viewType = asString(r.viewType);
        return {
          pmsRoomTypeId: asString(r.id)!,
          name: asString(r.name) ?? '',
          ...(description ? { description } : {}),
          maxOccupancy: asNumber(r.maxOccupancy) ?? 1,
          ...(bedType ? { bedType } : {}),
          ...(bedCount !== undefined ? { bedCount } : {}),
          ...(sizeSqm !== undefined ? { sizeSqm } : {}),
          ...(viewType ? { viewType } : {}),
          amenities: strings(r.amenities),
          photos: asArray(r.photos)
            .map(asObject)
            .filter((p): p is Json => !!asString(p?.url))
            .map((p) => {
              const caption = asString(p.caption);
              return { url: asString(p.url)!, ...(caption ? { caption } : {}) };
            }),
        };
      });
  }

  async getNights(startDate: IsoDate, endDate: IsoDate): Promise<PmsNight[]> {
    if (endDate < startDate) return [];
    const body = await this.call('getNights', 'GET', '/nights', 'read nights', { query: { from: startDate, to: endDate } });
    const nights: PmsNight[] = [];
    for (const n of asArray(body.nights).map(asObject)) {
      const roomTypeId = asString(n?.roomTypeId);
      const date = asString(n?.date);
      const total = asNumber(n?.total);
      const price = asNumber(n?.price);
      const currency = asString(n?.currency);
      if (!n || !roomTypeId || !date || total === undefined || price === undefined || !currency) continue;
      const available = asNumber(n.available);
      const ratePlanId = asString(n.ratePlanId);
      const minStay = asNumber(n.minStay);
      const maxStay = asNumber(n.maxStay);
      const closedToArrival = asBoolean(n.closedToArrival);
      const closedToDeparture = asBoolean(n.closedToDeparture);
      const stopSell = asBoolean(n.stopSell);
      nights.push({
        pmsRoomTypeId: roomTypeId,
        date,
        total,
        ...(available !== undefined ? { available } : {}),
        priceMinor: toMinorUnits(price, currency),
        currency,
        ...(ratePlanId ? { ratePlanId } : {}),
        ...(minStay ? { minStay } : {}),
        ...(maxStay ? { maxStay } : {}),
        ...(closedToArrival !== undefined ? { closedToArrival } : {}),
        ...(closedToDeparture !== undefined ? { closedToDeparture } : {}),
        ...(stopSell !== undefined ? { stopSell } : {}),
      });
    }
    return nights;
  }

  /** The protocol is idempotent by `externalId` on the server; we still look first, so a retry costs a read, not a write. */
  async createReservation(req: PmsReservationRequest): Promise<PmsReservation> {
    const existing = await this.find(req.externalId, 'createReservation');
    if (existing) return existing;
    const body = await this.call('createReservation', 'POST', '/reservations', 'create reservation', {
      json: {
        externalId: req.externalId,
        roomTypeId: req.pmsRoomTypeId,
        checkIn: req.checkIn,
        checkOut: req.checkOut,
        rooms: req.rooms,
        guests: req.guests,
        guest: req.guest,
        total: { amount: toMajorUnits(req.totalMinor, req.currency), currency: req.currency },
        ...(req.holdId ? { holdId: req.holdId } : {}),
        ...(req.specialRequests ? { specialRequests: req.specialRequests } : {}),
      },
    });
    const reservation = mapReservation(asObject(body.reservation));
    if (!reservation) throw malformed(this.ctx, 'reservation');
    return reservation;
  }

  findReservationByExternalId(externalId: string): Promise<PmsReservation | undefined> {
    return this.find(externalId, 'findReservationByExternalId');
  }

  findReservationsByExternalId(externalId: string): Promise<PmsReservation[]> {
    return this.findAll(externalId, 'findReservationsByExternalId');
  }

  /** `GET .../reservations/{id}`; `undefined` on 404. */
  async getReservation(reservationId: string): Promise<PmsReservation | undefined> {
    try {
      const body = await this.call('getReservation', 'GET', `/reservations/${encodeURIComponent(reservationId)}`, 'read reservation');
      return mapReservation(asObject(body.reservation));
    } catch (error) {
      if (error instanceof PmsNotFoundError) return undefined;
      throw error;
    }
  }

  /** `GET .../reservations?from=&to=`: every channel and status with a night in the range, every page. */
  async listReservations(from: IsoDate, to: IsoDate): Promise<PmsReservation[]> {
    if (to < from) return [];
    return (await this.reservationPages('listReservations', { from, to }, 'list reservations')).filter((r) => hasNightIn(r, from, to));
  }

  /** `PUT .../reservations/{id}` (protocol 1.2): the whole new stay; `409 sold_out` leaves the old one. */
  async modifyReservation(reservationId: string, change: PmsReservationChange): Promise<PmsReservation> {
    const body = await this.call('modifyReservation', 'PUT', `/reservations/${encodeURIComponent(reservationId)}`, 'modify reservation', {
      json: {
        roomTypeId: change.pmsRoomTypeId,
        checkIn: change.checkIn,
        checkOut: change.checkOut,
        rooms: change.rooms,
        guests: change.guests,
        total: { amount: toMajorUnits(change.totalMinor, change.currency), currency: change.currency },
      },
    });
    const reservation = mapReservation(asObject(body.reservation));
    if (!reservation) throw malformed(this.ctx, 'reservation');
    return reservation;
  }

  async cancelReservation(reservationId: string): Promise<void> {
    await this.call('cancelReservation', 'POST', `/reservations/${encodeURIComponent(reservationId)}/cancel`, 'cancel reservation', { json: {} });
  }

  async hold(req: PmsHoldRequest): Promise<PmsHold> {
    const body = await this.call('hold', 'POST', '/holds', 'hold rooms', {
      json: {
        externalId: req.externalId,
        roomTypeId: req.pmsRoomTypeId,
        checkIn: req.checkIn,
        checkOut: req.checkOut,
        rooms: req.rooms,
        ...(req.ttlSeconds !== undefined ? { ttlSeconds: req.ttlSeconds } : {}),
      },
    });
    const hold = asObject(body.hold);
    const holdId = asString(hold?.id);
    const expiresAt = asString(hold?.expiresAt);
    if (!holdId || !expiresAt) throw malformed(this.ctx, 'hold');
    return { holdId, expiresAt };
  }

  async release(holdId: string): Promise<void> {
    await this.call('release', 'DELETE', `/holds/${encodeURIComponent(holdId)}`, 'release hold');
  }

  private async find(externalId: string, operation: string): Promise<PmsReservation | undefined> {
    return preferLive(await this.findAll(externalId, operation));
  }

  private async findAll(externalId: string, operation: string): Promise<PmsReservation[]> {
    return (await this.reservationPages(operation, { externalId }, 'look up reservation')).filter((r) => r.externalId === externalId);
  }

  /** Every page of `GET .../reservations` with `query`, following `nextCursor`. */
  private async reservationPages(operation: string, query: Record<string, QueryValue>, what: string): Promise<PmsReservation[]> {
    const found: PmsReservation[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_LISTING_PAGES; page += 1) {
      const body = await this.call(operation, 'GET', '/reservations', what, { query: { ...query, ...(cursor ? { cursor } : {}) } });
      found.push(...asArray(body.reservations).map((r) => mapReservation(asObject(r))).filter((r): r is PmsReservation => !!r));
      const next = asString(body.nextCursor);
      if (!next || next === cursor) break;
      cursor = next;
    }
    return found;
  }

  /** One call; a GET waits out a 429. */
  private call(
    operation: string,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    what: string,
    extra: { query?: Record<string, QueryValue>; json?: unknown } = {},
  ): Promise<Json> {
    const once = () => this.callOnce(operation, method, path, what, extra);
    return method === 'GET' ? retryRateLimitedRead(this.ctx, once) : once();
  }

  private async callOnce(
    operation: string,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    what: string,
    extra: { query?: Record<string, QueryValue>; json?: unknown },
  ): Promise<Json> {
    const res = await sendPmsRequest(this.ctx, {
      operation,
      endpoint: `${method} /v1/hotels/{hotelId}${path.replace(/\/(reservations|holds)\/[^/]+/, '/$1/{id}')}`,
      method,
      url: `${this.hotelUrl}${path}`,
      headers: { authorization: `Bearer ${this.conn.credentials.apiKey}` },
      ...(extra.query ? { query: extra.query } : {}),
      ...(extra.json !== undefined ? { json: extra.json } : {}),
    });
    const problem = asObject(asObject(res.body)?.error);
    const code = asString(problem?.code);
    const message = asString(problem?.message);
    const rejection = code ? REJECTION_BY_CODE[code] : undefined;
    const error = errorForStatus(this.ctx, res, {
      what,
      ...(message || code ? { vendorMessage: [code, message].filter((s) => s).join(': ') } : {}),
      ...(rejection ? { rejection } : {}),
    });
    if (error) throw error;
    return asObject(res.body) ?? {};
  }
}

function strings(value: unknown): string[] {
  return asArray(value).map(asString).filter((s): s is string => !!s);
}

/** A protocol reservation; `externalId` empty, absent or null means another channel's. */
function mapReservation(r: Json | undefined): PmsReservation | undefined {
  const reservationId = asString(r?.id);
  if (!r || !reservationId) return undefined;
  const pmsRoomTypeId = asString(r.roomTypeId);
  const checkIn = asString(r.checkIn);
  const checkOut = asString(r.checkOut);
  const rooms = asNumber(r.rooms);
  const channel = asString(r.channel);
  // Protocol 1.2: the physical rooms the PMS assigned, by door number (optional).
  const roomNumbers = strings(r.roomNumbers);
  return {
    reservationId,
    confirmationNumber: asString(r.confirmationNumber) ?? reservationId,
    externalId: asString(r.externalId) ?? '',
    status: mapStatus(asString(r.status)),
    ...(pmsRoomTypeId ? { pmsRoomTypeId } : {}),
    ...(checkIn ? { checkIn } : {}),
    ...(checkOut ? { checkOut } : {}),
    ...(rooms !== undefined ? { rooms } : {}),
    ...(channel ? { channel } : {}),
    ...(roomNumbers.length > 0 ? { roomNumbers } : {}),
  };
}

/** Protocol statuses (§4.5); one we do not know is read as `confirmed`, which keeps its rooms. */
function mapStatus(status: string | undefined): PmsReservationStatus {
  switch (status) {
    case 'cancelled':
    case 'checked_in':
    case 'checked_out':
    case 'no_show':
      return status;
    case 'pending':
      return 'not_confirmed';
    default:
      return 'confirmed';
  }
}
