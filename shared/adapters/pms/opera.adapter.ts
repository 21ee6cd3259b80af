import { createHash } from 'node:crypto';
import { addDays, daysBetween, type IsoDate } from '#domain/dates.ts';
import { toMajorUnits, toMinorUnits } from '#domain/money.ts';
import type { PmsHotel, PmsNight, PmsReservation, PmsReservationChange, PmsReservationRequest, PmsReservationStatus, PmsRoomType } from '#domain/pms.ts';
import { PmsAuthError, PmsNotFoundError, PmsRejectedError } from '#domain/pms-errors.ts';
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
 * Oracle OPERA Cloud through OHIP. Every call carries `Authorization: Bearer <token>`, `x-app-key`
 * and `x-hotelid`; the token comes from `POST /oauth/v1/tokens` (client credentials, Basic auth)
 * and lasts 60 minutes without a refresh token, so it is cached until shortly before it expires
 * and fetched again once when a call answers 401. OPERA pushes events only over its GraphQL
 * streaming API, so `capabilities.webhooks` is false and inventory is polled; it has no hold call.
 *
 * Paths: `/oauth/v1/tokens`; `/ent/config/v1/hotels/{hotelId}` (hotel), `/rm/config/v1/hotels/
 * {hotelId}/roomTypes` (room types), `/par/v1/hotels/{hotelId}/availability` and `.../restrictions`
 * (at most 90 days per call, so longer ranges are split), `/rsv/v1/hotels/{hotelId}/reservations`
 * (create 201; search by stay with `arrivalEndDate`/`departureStartDate`, paged by
 * `limit`/`offset`), `.../reservations/{id}` (one), `.../reservations/{id}/cancellations`,
 * `/rsv/v1/hotels/{hotelId}/externalSystems/{code}/reservations/{externalId}` (ours, by the
 * external reference we create them with). Errors are OHIP problem JSON
 * (`{title, status, detail, o:errorCode}`). A `429` is waited out and retried on GETs only.
 * Every request, the token's included, takes a slot of the environment's limit first (50 per
 * second, keyed by the gateway host, shared by every hotel on it).
 *
 * What is assumed where the published specification is silent (docs/pms-vendors.md): per-night
 * `inventory.{physicalRooms, availableRooms}` on availability `roomRates` (the spec has counts
 * only per hotel, or per room type through
 * `/inv/v1/.../hotelInventory`); `availableRooms` never below 0; a create beyond availability
 * refused as a 4xx whose title or detail says "available"/"sold"; the external-system look-up
 * listing every reservation with the reference, cancelled ones included; the search listing every
 * status when none is asked for.
 */
export interface OperaAdapterOptions extends PmsAdapterOptions {
  /** Replaces the process-wide token cache (tests). */
  tokenCache?: OperaTokenCache;
  /** How long before expiry a token is renewed; capped at half its lifetime. Default 60 s. */
  tokenRefreshSkewMs?: number;
  /** `idContext` of the external reference that carries our booking id. Default `HOTELBOOKING`. */
  externalReferenceContext?: string;
  /** Rate plan booked and priced. Default: the first plan the availability call returns per room type. */
  ratePlanCode?: string;
  /** Read `/par/v1/.../restrictions` with the nights (one more call per 90 days). Default true. */
  readRestrictions?: boolean;
}

type OperaConnection = Extract<PmsConnection, { vendor: 'opera' }>;

/** OHIP's published limit: 50 requests per second per environment (the 51st waits about a second). */
export const OPERA_REQUESTS_PER_SECOND = 50;

/** OHIP answers availability for at most 90 days per call. */
export const OPERA_MAX_WINDOW_DAYS = 90;

const OAUTH_SCOPE = 'urn:opc:hgbu:ws:__myscopes__';

interface CachedToken {
  token: string;
  refreshAtMs: number;
}

/**
 * Access tokens by OAuth client (hashed, so no secret is a map key), shared by every client in the
 * process: Lambda containers reuse it across invocations instead of asking for a token per call.
 */
export class OperaTokenCache {
  private readonly tokens = new Map<string, CachedToken>();
  private readonly fetching = new InFlight<CachedToken>();

  async get(key: string, nowMs: number, fetchToken: () => Promise<CachedToken>): Promise<string> {
    const cached = this.tokens.get(key);
    if (cached && nowMs < cached.refreshAtMs) return cached.token;
    const fresh = await this.fetching.run(key, fetchToken);
    this.tokens.set(key, fresh);
    return fresh.token;
  }

  /** Forgets `token` if it is still the cached one (a 401 proved it dead). */
  invalidate(key: string, token: string): void {
    if (this.tokens.get(key)?.token === token) this.tokens.delete(key);
  }
}

const sharedTokenCache = new OperaTokenCache();
const inFlightCreates = new InFlight<PmsReservation>();

export class OperaPmsClient implements PmsClient {
  readonly vendor = 'opera' as const;
  readonly capabilities: PmsCapabilities = { holds: false, webhooks: false };
  readonly pmsHotelId: string;
  private readonly ctx: PmsHttpContext;
  private readonly baseUrl: string;
  private readonly tokens: OperaTokenCache;
  private readonly tokenKey: string;

  constructor(
    private readonly conn: OperaConnection,
    private readonly options: OperaAdapterOptions = {},
  ) {
    this.pmsHotelId = conn.pmsHotelId;
    this.baseUrl = conn.baseUrl.replace(/\/+$/, '');
    // OHIP counts requests per environment (gateway), whatever the hotel: one key per API host.
    this.ctx = httpContext('opera', options, { key: `opera|${new URL(this.baseUrl).host}`, ratePerSecond: OPERA_REQUESTS_PER_SECOND });
    this.tokens = options.tokenCache ?? sharedTokenCache;
    const { clientId, clientSecret, appKey } = conn.credentials;
    this.tokenKey = createHash('sha256').update(`${this.baseUrl}\n${clientId}\n${clientSecret}\n${appKey}`).digest('hex');
  }

  async getHotel(): Promise<PmsHotel> {
    const body = await this.call('getHotel', 'GET', `/ent/config/v1/hotels/${this.hotelPath}`, 'read hotel details');
    const info = asObject(body.hotelConfigInfo);
    if (!info) throw malformed(this.ctx, 'hotel details');
    const address = asObject(info.address) ?? {};
    const geo = asObject(info.geoLocation);
    const latitude = asNumber(geo?.latitude);
    const longitude = asNumber(geo?.longitude);
    const street = asArray(address.addressLine).map(asString).filter((s) => s).join(', ');
    const description = asString(info.longDescription) ?? asString(info.description);
    const starRating = asNumber(info.rating);
    const checkInTime = toHhMm(info.checkInTime);
    const checkOutTime = toHhMm(info.checkOutTime);
    return {
      pmsHotelId: asString(info.hotelId) ?? this.pmsHotelId,
      name: asString(info.hotelName) ?? '',
      ...(description ? { description } : {}),
      ...(street ? { address: street } : {}),
      city: asString(address.cityName) ?? '',
      country: asString(asObject(address.country)?.code) ?? '',
      ...(latitude !== undefined && longitude !== undefined ? { location: { latitude, longitude } } : {}),
      timeZone: asString(info.timeZoneRegion) ?? 'UTC',
      currency: asString(info.currencyCode) ?? '',
      ...(starRating !== undefined ? { starRating } : {}),
      amenities: asArray(info.hotelAmenities).map((a) => asString(asObject(a)?.description) ?? asString(a)).filter((s): s is string => !!s),
      images: asArray(info.images).map((i) => asString(asObject(i)?.imageUrl)).filter((s): s is string => !!s),
      ...(checkInTime ? { checkInTime } : {}),
      ...(checkOutTime ? { checkOutTime } : {}),
    };
  }

  async listRoomTypes(): Promise<PmsRoomType[]> {
    const body = await this.call('listRoomTypes', 'GET', `/rm/config/v1/hotels/${this.hotelPath}/roomTypes`, 'read room types');
    return asArray(body.roomTypes)
      .map(asObject)
      .filter((r): r is Json => !!r && !!asString(r.roomType))
      .map((r) => {
        const description = asString(r.longDescription);
        const bedType = asString(r.bedType);
        const bedCount = asNumber(r.numberOfBeds);
        const sizeSqm = asNumber(r.roomSize);
        const viewType = asString(r.viewType);
        return {
          pmsRoomTypeId: asString(r.roomType)!,
          name: asString(r.description) ?? asString(r.roomType)!,
          ...(description ? { description } : {}),
          maxOccupancy: asNumber(r.maxOccupancy) ?? 1,
          ...(bedType ? { bedType } : {}),
          ...(bedCount !== undefined ? { bedCount } : {}),
          ...(sizeSqm !== undefined ? { sizeSqm } : {}),
          ...(viewType ? { viewType } : {}),
          amenities: asArray(r.features).map((f) => asString(asObject(f)?.description) ?? asString(f)).filter((s): s is string => !!s),
          photos: asArray(r.images)
            .map(asObject)
            .filter((i): i is Json => !!asString(i?.imageUrl))
            .map((i) => {
              const caption = asString(i.description);
              return { url: asString(i.imageUrl)!, ...(caption ? { caption } : {}) };
            }),
        };
      });
  }

  /**
   * Availability windows of at most 90 nights, fetched one after the other. Each `roomRates`
   * entry is one room type on one night: `inventory.physicalRooms` is the night's total,
   * `inventory.availableRooms` what OPERA has left, `rates.rate[].base` the price before tax.
   * Restrictions come from `/par/v1/.../restrictions` for the same window (`operaRestrictions`).
   */
  async getNights(startDate: IsoDate, endDate: IsoDate): Promise<PmsNight[]> {
    const nights: PmsNight[] = [];
    for (let from = startDate; from <= endDate; from = addDays(from, OPERA_MAX_WINDOW_DAYS)) {
      const lastNight = addDays(from, OPERA_MAX_WINDOW_DAYS - 1) < endDate ? addDays(from, OPERA_MAX_WINDOW_DAYS - 1) : endDate;
      nights.push(...(await this.availabilityWindow(from, lastNight)));
    }
    return nights;
  }

  private async availabilityWindow(from: IsoDate, lastNight: IsoDate): Promise<PmsNight[]> {
    const nights = await this.availabilityNights(from, lastNight);
    if (this.options.readRestrictions === false || nights.length === 0) return nights;
    const plans = new Map(nights.map((n) => [n.pmsRoomTypeId, n.ratePlanId]));
    const restrictions = await this.restrictionWindow(from, lastNight, plans);
    // Read, so known: a closure that is not there is false, not unknown.
    const open = { closedToArrival: false, closedToDeparture: false, stopSell: false };
    return nights.map((n) => ({ ...n, ...open, ...mergeRestrictions(restrictions.get(`${n.pmsRoomTypeId}|${n.date}`), restrictions.get(`*|${n.date}`)) }));
  }

  /** `GET /par/v1/hotels/{hotelId}/restrictions` for one window, by `roomType|date` (`*|date` for the whole house). */
  private async restrictionWindow(from: IsoDate, lastNight: IsoDate, plans: Map<string, string | undefined>): Promise<Map<string, NightRestrictionFields>> {
    const body = await this.call('getNights', 'GET', `/par/v1/hotels/${this.hotelPath}/restrictions`, 'read restrictions', {
      query: { restrictionSearchCriteriaStartDate: from, end: lastNight, restrictionInfo: 'Detail', limit: 4000 },
    });
    const outer = asObject(body.restrictionsByDateRange);
    const sets = asArray(asObject(outer?.restrictionsByDateRange)?.restrictionSets ?? outer?.restrictionSets).map(asObject);
    return operaRestrictions(sets.filter((x): x is Json => !!x), from, lastNight, plans);
  }

  private async availabilityNights(from: IsoDate, lastNight: IsoDate): Promise<PmsNight[]> {
    const departure = addDays(lastNight, 1);
    const body = await this.call('getNights', 'GET', `/par/v1/hotels/${this.hotelPath}/availability`, 'read availability', {
      query: { roomStayStartDate: from, roomStayEndDate: departure, roomStayQuantity: 1, adults: 1, ratePlanCode: this.options.ratePlanCode },
    });
    const chosenPlan = new Map<string, string>();
    const nights = new Map<string, PmsNight>();
    for (const hotel of asArray(body.hotelAvailability).map(asObject)) {
      for (const stay of asArray(hotel?.roomStays).map(asObject)) {
        for (const rr of asArray(stay?.roomRates).map(asObject)) {
          const roomType = asString(rr?.roomType);
          const ratePlanCode = asString(rr?.ratePlanCode);
          if (!rr || !roomType) continue;
          // One rate plan per room type: the configured one, or the first OPERA lists.
          const plan = chosenPlan.get(roomType) ?? ratePlanCode ?? '';
          chosenPlan.set(roomType, plan);
          if ((ratePlanCode ?? '') !== plan) continue;
          const inventory = asObject(rr.inventory) ?? {};
          const total = asNumber(inventory.physicalRooms);
          const available = asNumber(inventory.availableRooms) ?? asNumber(rr.numberOfUnits);
          for (const rate of asArray(asObject(rr.rates)?.rate).map(asObject)) {
            const baseAmount = asObject(rate?.base);
            const amount = asNumber(baseAmount?.amountBeforeTax);
            const currency = asString(baseAmount?.currencyCode);
            const start = asString(rate?.start) ?? asString(rr.start);
            const end = asString(rate?.end) ?? asString(rr.end) ?? start;
            if (amount === undefined || !currency || !start || !end) continue;
            for (let date = start; date <= end && date <= lastNight; date = addDays(date, 1)) {
              if (date < from) continue;
              nights.set(`${roomType}|${date}`, {
                pmsRoomTypeId: roomType,
                date,
                total: total ?? available ?? 0,
                ...(available !== undefined ? { available } : {}),
                priceMinor: toMinorUnits(amount, currency),
                currency,
                ...(plan ? { ratePlanId: plan } : {}),
              });
            }
          }
        }
      }
    }
    return [...nights.values()].sort((a, b) => (a.date === b.date ? a.pmsRoomTypeId.localeCompare(b.pmsRoomTypeId) : a.date < b.date ? -1 : 1));
  }

  createReservation(req: PmsReservationRequest): Promise<PmsReservation> {
    return inFlightCreates.run(`${this.baseUrl}|${this.pmsHotelId}|${req.externalId}`, async () => {
      const existing = await this.find(req.externalId, 'createReservation');
      if (existing) return existing;
      const nights = Math.max(1, daysBetween(req.checkIn, req.checkOut));
      const perNight = Math.round(req.totalMinor / nights / req.rooms);
      const body = await this.call('createReservation', 'POST', `/rsv/v1/hotels/${this.hotelPath}/reservations`, 'create reservation', {
        json: {
          reservations: {
            reservation: [
              {
                hotelId: this.pmsHotelId,
                roomStay: {
                  arrivalDate: req.checkIn,
                  departureDate: req.checkOut,
                  guarantee: { guaranteeCode: 'GCC' },
                  roomRates: [
                    {
                      roomType: req.pmsRoomTypeId,
                      ...(this.options.ratePlanCode ? { ratePlanCode: this.options.ratePlanCode } : {}),
                      start: req.checkIn,
                      end: addDays(req.checkOut, -1),
                      numberOfUnits: req.rooms,
                      guestCounts: { adults: req.guests, children: 0 },
                      rates: { rate: [{ base: { amountBeforeTax: toMajorUnits(perNight, req.currency), currencyCode: req.currency }, start: req.checkIn, end: addDays(req.checkOut, -1) }] },
                    },
                  ],
                  guestCounts: { adults: req.guests, children: 0 },
                  total: { amountBeforeTax: toMajorUnits(req.totalMinor, req.currency), currencyCode: req.currency },
                },
                reservationGuests: [
                  {
                    profileInfo: {
                      profile: {
                        customer: { personName: [{ givenName: req.guest.firstName, surname: req.guest.lastName, nameType: 'Primary' }] },
                        emails: { emailInfo: [{ email: { emailAddress: req.guest.email, primaryInd: true } }] },
                        telephones: { telephoneInfo: [{ telephone: { phoneNumber: req.guest.phone, primaryInd: true } }] },
                      },
                    },
                    primary: true,
                  },
                ],
                externalReferences: [{ id: req.externalId, idContext: this.referenceContext }],
                ...(req.specialRequests ? { comments: [{ comment: { text: { value: req.specialRequests }, commentTitle: 'Guest request' } }] } : {}),
              },
            ],
          },
        },
        soldOutPattern: true,
      });
      const created = asObject(asArray(asObject(body.reservations)?.reservation)[0]);
      const mapped = created ? this.mapReservation(created) : undefined;
      if (!mapped) throw malformed(this.ctx, 'create reservation');
      // What was asked fills what the answer leaves out.
      return {
        ...mapped,
        externalId: req.externalId,
        pmsRoomTypeId: mapped.pmsRoomTypeId ?? req.pmsRoomTypeId,
        checkIn: mapped.checkIn ?? req.checkIn,
        checkOut: mapped.checkOut ?? req.checkOut,
        rooms: mapped.rooms ?? req.rooms,
      };
    });
  }

  async findReservationByExternalId(externalId: string): Promise<PmsReservation | undefined> {
    return preferLive(await this.findAll(externalId, 'findReservationByExternalId'));
  }

  findReservationsByExternalId(externalId: string): Promise<PmsReservation[]> {
    return this.findAll(externalId, 'findReservationsByExternalId');
  }

  /** `GET .../reservations/{id}`; `undefined` for an id OPERA does not know (404). */
  async getReservation(reservationId: string): Promise<PmsReservation | undefined> {
    try {
      const body = await this.call('getReservation', 'GET', `/rsv/v1/hotels/${this.hotelPath}/reservations/${encodeURIComponent(reservationId)}`, 'read reservation');
      const row = asObject(asArray(asObject(body.reservations)?.reservation)[0]);
      return row ? this.mapReservation(row) : undefined;
    } catch (error) {
      if (error instanceof PmsNotFoundError) return undefined;
      throw error;
    }
  }

  /**
   * The reservation search by stay: arriving by `to` and leaving after `from`, every channel; the
   * search has no status filter set, so cancelled ones are listed too (unverified, see above).
   */
  async listReservations(from: IsoDate, to: IsoDate): Promise<PmsReservation[]> {
    if (to < from) return [];
    const found: PmsReservation[] = [];
    const seen = new Set<string>();
    for (let page = 0, offset = 0; page < MAX_LISTING_PAGES; page += 1) {
      const body = await this.call('listReservations', 'GET', `/rsv/v1/hotels/${this.hotelPath}/reservations`, 'list reservations', {
        query: { arrivalEndDate: to, departureStartDate: addDays(from, 1), limit: SEARCH_PAGE_SIZE, offset },
      });
      const list = asObject(body.reservations);
      const rows = asArray(list?.reservationInfo).map(asObject).filter((r): r is Json => !!r);
      let fresh = 0;
      for (const row of rows) {
        const r = this.mapReservation(row);
        if (!r || seen.has(r.reservationId)) continue;
        seen.add(r.reservationId);
        fresh += 1;
        if (hasNightIn(r, from, to)) found.push(r);
      }
      offset += rows.length;
      if (list?.hasMore !== true || rows.length === 0 || fresh === 0) break;
    }
    return found;
  }

  /**
   * `PUT /rsv/v1/hotels/{hotelId}/reservations/{reservationId}` ("Update Reservation by ID") with
   * the new `roomStay`: dates, one `roomRates` entry for the room type and its units, guests and
   * total. A refusal for availability is `sold_out`, as on a create.
   */
  async modifyReservation(reservationId: string, change: PmsReservationChange): Promise<PmsReservation> {
    const nights = Math.max(1, daysBetween(change.checkIn, change.checkOut));
    const perNight = Math.round(change.totalMinor / nights / change.rooms);
    const body = await this.call('modifyReservation', 'PUT', `/rsv/v1/hotels/${this.hotelPath}/reservations/${encodeURIComponent(reservationId)}`, 'modify reservation', {
      json: {
        reservations: {
          reservation: [
            {
              hotelId: this.pmsHotelId,
              reservationIdList: [{ id: reservationId, type: 'Reservation' }],
              roomStay: {
                arrivalDate: change.checkIn,
                departureDate: change.checkOut,
                roomRates: [
                  {
                    roomType: change.pmsRoomTypeId,
                    ...(this.options.ratePlanCode ? { ratePlanCode: this.options.ratePlanCode } : {}),
                    start: change.checkIn,
                    end: addDays(change.checkOut, -1),
                    numberOfUnits: change.rooms,
                    guestCounts: { adults: change.guests, children: 0 },
                    rates: { rate: [{ base: { amountBeforeTax: toMajorUnits(perNight, change.currency), currencyCode: change.currency }, start: change.checkIn, end: addDays(change.checkOut, -1) }] },
                  },
                ],
                guestCounts: { adults: change.guests, children: 0 },
                total: { amountBeforeTax: toMajorUnits(change.totalMinor, change.currency), currencyCode: change.currency },
              },
            },
          ],
        },
      },
      soldOutPattern: true,
    });
    const row = asObject(asArray(asObject(body.reservations)?.reservation)[0]);
    const mapped = row ? this.mapReservation(row) : undefined;
    return {
      reservationId,
      confirmationNumber: mapped?.confirmationNumber ?? reservationId,
      externalId: mapped?.externalId ?? '',
      status: mapped?.status ?? 'confirmed',
      pmsRoomTypeId: mapped?.pmsRoomTypeId ?? change.pmsRoomTypeId,
      checkIn: mapped?.checkIn ?? change.checkIn,
      checkOut: mapped?.checkOut ?? change.checkOut,
      rooms: mapped?.rooms ?? change.rooms,
      ...(mapped?.channel ? { channel: mapped.channel } : {}),
    };
  }

  async cancelReservation(reservationId: string): Promise<void> {
    const path = `/rsv/v1/hotels/${this.hotelPath}/reservations/${encodeURIComponent(reservationId)}`;
    try {
      await this.call('cancelReservation', 'POST', `${path}/cancellations`, 'cancel reservation', {
        json: {
          reason: { code: 'CANCEL', description: 'Cancelled by the booking platform' },
          reservations: [{ reservationIdList: [{ id: reservationId, type: 'Reservation' }], hotelId: this.pmsHotelId }],
        },
      });
    } catch (error) {
      // OPERA refuses to cancel twice; a reservation already cancelled is the goal reached.
      if (!(error instanceof PmsRejectedError)) throw error;
      const body = await this.call('cancelReservation', 'GET', path, 'read reservation');
      const current = asObject(asArray(asObject(body.reservations)?.reservation)[0]);
      if (asString(current?.reservationStatus) !== 'Cancelled') throw error;
    }
  }

  private async find(externalId: string, operation: string): Promise<PmsReservation | undefined> {
    return preferLive(await this.findAll(externalId, operation));
  }

  /**
   * `GET .../externalSystems/{code}/reservations/{externalId}`, where `code` is the external
   * reference's context we create reservations with: every reservation carrying our booking id,
   * cancelled ones included (OPERA does not deduplicate). 404 means none.
   */
  private async findAll(externalId: string, operation: string): Promise<PmsReservation[]> {
    let body: Json;
    try {
      body = await this.call(
        operation,
        'GET',
        `/rsv/v1/hotels/${this.hotelPath}/externalSystems/${encodeURIComponent(this.referenceContext)}/reservations/${encodeURIComponent(externalId)}`,
        'look up reservation',
      );
    } catch (error) {
      if (error instanceof PmsNotFoundError) return [];
      throw error;
    }
    return asArray(asObject(body.reservations)?.reservation)
      .map(asObject)
      .filter((r): r is Json => !!r && asArray(r.externalReferences).some((ref) => asString(asObject(ref)?.id) === externalId))
      .map((r) => this.mapReservation(r))
      .filter((r): r is PmsReservation => !!r)
      .map((r) => ({ ...r, externalId }));
  }

  /**
   * One OHIP reservation (`reservationInfoType` from the search, `reservation` from a read). Our
   * booking id is the external reference in our context; other channels' references (an OTA's)
   * are not ours. The stay is `roomStay` (`roomType`/`numberOfRooms`, or its first `roomRates`),
   * the channel `sourceOfSale.sourceCode` or `roomStay.sourceCode`.
   */
  private mapReservation(row: Json): PmsReservation | undefined {
    const ids = asArray(row.reservationIdList).map(asObject);
    const reservationId = asString(ids.find((i) => asString(i?.type) === 'Reservation')?.id);
    if (!reservationId) return undefined;
    const confirmation = asString(ids.find((i) => asString(i?.type) === 'Confirmation')?.id) ?? reservationId;
    const ours = asArray(row.externalReferences)
      .map(asObject)
      .find((ref) => (asString(ref?.idContext) ?? this.referenceContext) === this.referenceContext);
    const stay = asObject(row.roomStay) ?? {};
    const firstRate = asObject(asArray(stay.roomRates)[0]) ?? {};
    const pmsRoomTypeId = asString(stay.roomType) ?? asString(firstRate.roomType);
    const checkIn = asString(stay.arrivalDate) ?? asString(firstRate.start);
    const checkOut = asString(stay.departureDate);
    const rooms = asNumber(stay.numberOfRooms) ?? asNumber(firstRate.numberOfUnits);
    const channel = asString(asObject(row.sourceOfSale)?.sourceCode) ?? asString(stay.sourceCode);
    return {
      reservationId,
      confirmationNumber: confirmation,
      externalId: asString(ours?.id) ?? '',
      status: mapStatus(asString(row.reservationStatus)),
      ...(pmsRoomTypeId ? { pmsRoomTypeId } : {}),
      ...(checkIn ? { checkIn } : {}),
      ...(checkOut ? { checkOut } : {}),
      ...(rooms !== undefined ? { rooms } : {}),
      ...(channel ? { channel } : {}),
    };
  }

  private get hotelPath(): string {
    return encodeURIComponent(this.pmsHotelId);
  }

  private get referenceContext(): string {
    return this.options.externalReferenceContext ?? 'HOTELBOOKING';
  }

  /** One authorized call (a GET waits out a 429); a 401 drops the cached token and retries once with a fresh one. */
  private call(
    operation: string,
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    what: string,
    extra: { query?: Record<string, QueryValue>; json?: unknown; soldOutPattern?: boolean } = {},
  ): Promise<Json> {
    const once = () => this.callOnce(operation, method, path, what, extra);
    return method === 'GET' ? retryRateLimitedRead(this.ctx, once) : once();
  }

  private async callOnce(
    operation: string,
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    what: string,
    extra: { query?: Record<string, QueryValue>; json?: unknown; soldOutPattern?: boolean },
  ): Promise<Json> {
    let token = await this.token(operation);
    let res = await this.send(operation, method, path, token, extra);
    if (res.status === 401) {
      this.tokens.invalidate(this.tokenKey, token);
      token = await this.token(operation);
      res = await this.send(operation, method, path, token, extra);
    }
    const problem = asObject(res.body);
    const vendorMessage = [asString(problem?.title), asString(problem?.detail), asString(problem?.['o:errorCode'])].filter((s) => s).join(' | ');
    const soldOut = extra.soldOutPattern === true && /avail|sold/i.test(vendorMessage);
    const error = errorForStatus(this.ctx, res, { what, ...(vendorMessage ? { vendorMessage } : {}), ...(soldOut ? { rejection: 'sold_out' as const } : {}) });
    if (error) throw error;
    return asObject(res.body) ?? {};
  }

  private send(
    operation: string,
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    token: string,
    extra: { query?: Record<string, QueryValue>; json?: unknown },
  ): Promise<PmsHttpResponse> {
    return sendPmsRequest(this.ctx, {
      operation,
      endpoint: `${method} ${path
        .replace(/\/hotels\/[^/]+/, '/hotels/{hotelId}')
        .replace(/\/externalSystems\/[^/]+\/reservations\/[^/]+/, '/externalSystems/{code}/reservations/{externalId}')
        .replace(/\/reservations\/(?!\{)[^/]+/, '/reservations/{id}')}`,
      method,
      url: `${this.baseUrl}${path}`,
      headers: { authorization: `Bearer ${token}`, 'x-app-key': this.conn.credentials.appKey, 'x-hotelid': this.pmsHotelId },
      ...(extra.query ? { query: extra.query } : {}),
      ...(extra.json !== undefined ? { json: extra.json } : {}),
    });
  }

  private token(operation: string): Promise<string> {
    return this.tokens.get(this.tokenKey, this.ctx.now(), () => this.fetchToken(operation));
  }

  private async fetchToken(operation: string): Promise<CachedToken> {
    const { clientId, clientSecret, appKey } = this.conn.credentials;
    const res = await sendPmsRequest(this.ctx, {
      operation,
      endpoint: 'POST /oauth/v1/tokens',
      method: 'POST',
      url: `${this.baseUrl}/oauth/v1/tokens`,
      headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`, 'x-app-key': appKey },
      form: { grant_type: 'client_credentials', scope: OAUTH_SCOPE },
    });
    if (res.status === 400 || res.status === 401 || res.status === 403) {
      throw new PmsAuthError('opera refused our OAuth client or app key', { vendor: 'opera' });
    }
    const error = errorForStatus(this.ctx, res, { what: 'obtain access token' });
    if (error) throw error;
    const body = asObject(res.body);
    const token = asString(body?.access_token);
    const lifetimeMs = (asNumber(body?.expires_in) ?? 3600) * 1000;
    if (!token) throw malformed(this.ctx, 'token');
    const skew = Math.min(this.options.tokenRefreshSkewMs ?? 60_000, lifetimeMs / 2);
    return { token, refreshAtMs: this.ctx.now() + lifetimeMs - skew };
  }
}

const SEARCH_PAGE_SIZE = 100;

/**
 * OHIP `reservationStatus` (`pMS_ResStatusType`): Reserved, Requested, NoShow, Cancelled, InHouse,
 * CheckedOut, Waitlisted, DueIn, DueOut, Walkin, PendingCheckout. One we do not know is read as
 * `confirmed`: it keeps its rooms, the safe side for inventory.
 */
function mapStatus(status: string | undefined): PmsReservationStatus {
  switch (status) {
    case 'Cancelled':
      return 'cancelled';
    case 'Requested':
    case 'Waitlisted':
    case 'Pending':
      return 'not_confirmed';
    case 'InHouse':
    case 'DueOut':
    case 'Walkin':
    case 'PendingCheckout':
      return 'checked_in';
    case 'CheckedOut':
      return 'checked_out';
    case 'NoShow':
      return 'no_show';
    default:
      return 'confirmed';
  }
}

type NightRestrictionFields = Pick<PmsNight, 'minStay' | 'maxStay' | 'closedToArrival' | 'closedToDeparture' | 'stopSell'>;

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

/** Two restriction sets on one night: the stricter wins (longest minimum, shortest maximum, any closure). */
function mergeRestrictions(a: NightRestrictionFields | undefined, b: NightRestrictionFields | undefined): NightRestrictionFields {
  if (!a) return { ...b };
  if (!b) return { ...a };
  const min = Math.max(a.minStay ?? 0, b.minStay ?? 0);
  const maxes = [a.maxStay, b.maxStay].filter((n): n is number => n !== undefined);
  return {
    ...(min > 0 ? { minStay: min } : {}),
    ...(maxes.length > 0 ? { maxStay: Math.min(...maxes) } : {}),
    ...(a.closedToArrival || b.closedToArrival ? { closedToArrival: true } : {}),
    ...(a.closedToDeparture || b.closedToDeparture ? { closedToDeparture: true } : {}),
    ...(a.stopSell || b.stopSell ? { stopSell: true } : {}),
  };
}

/**
 * OHIP restriction sets (`restrictionSetType`) as per-night fields, keyed `roomType|date` or
 * `*|date` for house-level ones: `Closed` -> stopSell, `ClosedForArrival`, `ClosedForDeparture`,
 * `MinimumLengthOfStay`/`MaximumLengthOfStay` (`unit` nights) -> minStay/maxStay. A set limited to
 * a rate plan counts only for the room types we sell under that plan. Not mapped (documented): sets
 * limited to a booking channel, a rate category or a room class, the "...Through" variants, and
 * advance-booking rules. Day-of-week flags, when present, limit a set to the days flagged true.
 */
export function operaRestrictions(sets: Json[], from: IsoDate, lastNight: IsoDate, plans: Map<string, string | undefined>): Map<string, NightRestrictionFields> {
  const byNight = new Map<string, NightRestrictionFields>();
  for (const set of sets) {
    const control = asObject(set.restrictionControl) ?? {};
    if (asString(control.bookingChannelCode) || asString(control.ratePlanCategory) || asString(control.roomClass)) continue;
    const roomType = asString(control.roomType);
    const plan = asString(control.ratePlanCode);
    // Whom it binds: one room type (if we sell the plan named), the room types we sell under the plan named, or the house.
    const targets = roomType ? (plan && plans.get(roomType) !== plan ? [] : [roomType]) : plan ? [...plans].filter(([, p]) => p === plan).map(([rt]) => rt) : ['*'];
    if (targets.length === 0) continue;
    const status = asObject(set.restrictionStatus) ?? {};
    const unit = asNumber(status.unit);
    let fields: NightRestrictionFields;
    switch (asString(status.code)) {
      case 'Closed':
        fields = { stopSell: true };
        break;
      case 'ClosedForArrival':
        fields = { closedToArrival: true };
        break;
      case 'ClosedForDeparture':
        fields = { closedToDeparture: true };
        break;
      case 'MinimumLengthOfStay':
        if (!unit) continue;
        fields = { minStay: unit };
        break;
      case 'MaximumLengthOfStay':
        if (!unit) continue;
        fields = { maxStay: unit };
        break;
      default:
        continue;
    }
    const span = asObject(set.actualTimeSpan);
    const start = asString(set.start) ?? asString(span?.startDate) ?? from;
    const end = asString(set.end) ?? asString(span?.endDate) ?? lastNight;
    const flagged = WEEKDAYS.some((d) => asBoolean(set[d]) !== undefined);
    for (let date = start < from ? from : start; date <= end && date <= lastNight; date = addDays(date, 1)) {
      if (flagged && asBoolean(set[WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]!]) !== true) continue;
      for (const target of targets) {
        const key = `${target}|${date}`;
        byNight.set(key, mergeRestrictions(byNight.get(key), fields));
      }
    }
  }
  return byNight;
}
