import { createHash, randomUUID } from 'node:crypto';
import { addDays, datesInclusive, todayIn } from '../../../shared/domain/dates.ts';
import type { PmsVendor } from '../../../shared/domain/pms.ts';
import type { FaultMode } from '../../faults/fault-registry.ts';
import { SIM_DEFAULT_DAYS, simPriceFor, type SimHotel, type SimRoomType } from './sim-hotels.ts';

/**
 * The simulated PMS's memory: hotels and their settings, per-night totals, prices and
 * restrictions, reservations (ours and other channels') and holds. It is dialect-free; the
 * Cloudbeds, OPERA and generic handlers read and write it in their own shapes. Availability is
 * what a real PMS computes: a night's total minus the rooms of every live reservation and
 * unexpired hold that covers it. It is negative when more was sold than offered (the hotel accepts
 * overbooking, or lowered the total after selling); each dialect reports it as its vendor does
 * (the generic protocol as is, Cloudbeds and OPERA never below 0).
 *
 * Restrictions are stored and reported, never enforced on a create or a hold: whether a real PMS
 * refuses an API booking that breaks a minimum stay is unverified, and the platform must check
 * them itself before it books. Only availability is enforced, per `acceptsOverbooking`.
 */
export interface SimNight {
  total: number;
  priceMinor: number;
  /** Minimum nights of a stay arriving on this night. */
  minStay?: number;
  /** Maximum nights of a stay arriving on this night. */
  maxStay?: number;
  closedToArrival?: boolean;
  closedToDeparture?: boolean;
  /** The room type is not for sale on this night (Cloudbeds `blocked`, OPERA `Closed`). */
  stopSell?: boolean;
}

/** What the hotel set in its PMS, per hotel. */
export interface SimHotelSettings {
  /** Does the PMS take reservations (and generic holds) beyond its availability? Default false. */
  acceptsOverbooking: boolean;
}

/** A stay in progress or over is set by the hotel (`setReservationStatus`), never through a vendor API. */
export type SimReservationStatus = 'confirmed' | 'cancelled' | 'checked_in' | 'checked_out' | 'no_show';

/** Statuses whose rooms are no longer taken: cancelled, and a guest who never came. */
export function takesRooms(status: SimReservationStatus): boolean {
  return status !== 'cancelled' && status !== 'no_show';
}

/** What a modification through a vendor API asks a reservation to become. */
export interface SimStayChange {
  pmsRoomTypeId: string;
  checkIn: string;
  checkOut: string;
  rooms: number;
  guests?: number;
  totalMinor?: number;
}

export type SimModifyOutcome = { ok: true; changed: boolean } | { ok: false; refusal: 'sold_out' | 'not_modifiable' | 'invalid'; message: string };

/** The channel the simulator records for reservations made through a vendor API (ours). */
export const SIM_API_CHANNEL = 'api';

export interface SimReservation {
  vendor: PmsVendor;
  pmsHotelId: string;
  reservationId: string;
  confirmationNumber: string;
  /** Our booking id as the vendor stores it (thirdPartyIdentifier, external reference, externalId); empty for other channels. */
  externalId: string;
  /** OPERA: the external reference's `idContext` (the external system code) our id was sent with. */
  externalIdContext?: string;
  pmsRoomTypeId: string;
  checkIn: string;
  checkOut: string;
  rooms: number;
  guests: number;
  guest: { firstName: string; lastName: string; email: string; phone: string; country?: string };
  totalMinor: number;
  currency: string;
  status: SimReservationStatus;
  createdAt: string;
  updatedAt: string;
  holdId?: string;
  specialRequests?: string;
  /** Where the reservation came from: `api` (made through the vendor API), `front-desk`, `ota`, ... */
  channel: string;
  /** The physical rooms the hotel assigned in its PMS (`PUT /_sim/hotels/{id}/reservations/{id}/rooms`). */
  roomNumbers?: string[];
}

export type SimHoldStatus = 'active' | 'released' | 'converted' | 'expired';

export interface SimHold {
  holdId: string;
  pmsHotelId: string;
  externalId: string;
  pmsRoomTypeId: string;
  checkIn: string;
  checkOut: string;
  rooms: number;
  expiresAtMs: number;
  status: Exclude<SimHoldStatus, 'expired'>;
  createdAt: string;
}

export interface SimRequestLog {
  /** Wall-clock milliseconds when the request arrived (real time, even with an injected clock). */
  receivedAtMs: number;
  vendor: PmsVendor | 'admin';
  method: string;
  path: string;
  /** Cloudbeds property, OPERA/generic hotel, when the request names one. */
  pmsHotelId?: string;
  contentType?: string;
  status?: number;
  /** The fault that met this request at its point, if one did. */
  fault?: FaultMode;
}

export interface OperaToken {
  token: string;
  clientId: string;
  appKey: string;
  expiresAtMs: number;
}

export interface CloudbedsSubscription {
  subscriptionID: string;
  propertyID: string;
  object: string;
  action: string;
  endpointUrl: string;
}

export class PmsSimState {
  readonly hotels = new Map<string, SimHotel>();
  readonly reservations: SimReservation[] = [];
  readonly holds: SimHold[] = [];
  readonly requests: SimRequestLog[] = [];
  readonly operaTokens = new Map<string, OperaToken>();
  readonly cloudbedsSubscriptions: CloudbedsSubscription[] = [];
  private readonly nights = new Map<string, SimNight>();
  private readonly hotelSettings = new Map<string, SimHotelSettings>();
  private sequence = 0;

  constructor(
    hotels: SimHotel[],
    readonly clock: () => Date,
  ) {
    for (const h of hotels) this.addHotel(h);
  }

  addHotel(h: SimHotel): void {
    if (this.hotels.has(h.pmsHotelId)) throw new Error(`Duplicate simulated hotel ${h.pmsHotelId}`);
    this.hotels.set(h.pmsHotelId, h);
    const today = todayIn(h.timeZone, this.clock());
    const days = h.days ?? SIM_DEFAULT_DAYS;
    for (const rt of h.roomTypes) {
      for (let i = 0; i < days; i += 1) {
        const date = addDays(today, i);
        this.nights.set(nightKey(h.pmsHotelId, rt.pmsRoomTypeId, date), { total: rt.total, priceMinor: simPriceFor(rt.priceMinor, date) });
      }
    }
  }

  hotel(pmsHotelId: string): SimHotel | undefined {
    return this.hotels.get(pmsHotelId);
  }

  roomType(pmsHotelId: string, pmsRoomTypeId: string): SimRoomType | undefined {
    return this.hotels.get(pmsHotelId)?.roomTypes.find((r) => r.pmsRoomTypeId === pmsRoomTypeId);
  }

  night(pmsHotelId: string, pmsRoomTypeId: string, date: string): SimNight | undefined {
    return this.nights.get(nightKey(pmsHotelId, pmsRoomTypeId, date));
  }

  /**
   * Changes (or creates) one night; returns the night as it now is. A restriction patched to
   * `undefined` is removed (`{ minStay: undefined }` lifts the minimum stay).
   */
  setNight(pmsHotelId: string, pmsRoomTypeId: string, date: string, patch: Partial<SimNight>): SimNight {
    const rt = this.roomType(pmsHotelId, pmsRoomTypeId);
    if (!rt) throw new Error(`Unknown simulated room type ${pmsHotelId}/${pmsRoomTypeId}`);
    const key = nightKey(pmsHotelId, pmsRoomTypeId, date);
    const next: SimNight = { ...(this.nights.get(key) ?? { total: 0, priceMinor: simPriceFor(rt.priceMinor, date) }) };
    for (const [field, value] of Object.entries(patch) as [keyof SimNight, SimNight[keyof SimNight]][]) {
      if (value === undefined) delete next[field];
      else (next as unknown as Record<string, unknown>)[field] = value;
    }
    this.nights.set(key, next);
    return next;
  }

  settings(pmsHotelId: string): SimHotelSettings {
    return { ...(this.hotelSettings.get(pmsHotelId) ?? { acceptsOverbooking: false }) };
  }

  setSettings(pmsHotelId: string, patch: Partial<SimHotelSettings>): SimHotelSettings {
    if (!this.hotels.has(pmsHotelId)) throw new Error(`Unknown simulated hotel ${pmsHotelId}`);
    const next = { ...this.settings(pmsHotelId), ...patch };
    this.hotelSettings.set(pmsHotelId, next);
    return { ...next };
  }

  holdStatus(hold: SimHold): SimHoldStatus {
    return hold.status === 'active' && this.clock().getTime() >= hold.expiresAtMs ? 'expired' : hold.status;
  }

  /** Rooms taken on a night by live reservations and unexpired holds (optionally ignoring one hold, or one reservation being modified). */
  taken(pmsHotelId: string, pmsRoomTypeId: string, date: string, ignoreHoldId?: string, ignoreReservationId?: string): number {
    let rooms = 0;
    for (const r of this.reservations) {
      if (r.reservationId === ignoreReservationId && r.pmsHotelId === pmsHotelId) continue;
      if (r.pmsHotelId === pmsHotelId && r.pmsRoomTypeId === pmsRoomTypeId && takesRooms(r.status) && r.checkIn <= date && date < r.checkOut) rooms += r.rooms;
    }
    for (const h of this.holds) {
      if (h.holdId === ignoreHoldId || h.pmsHotelId !== pmsHotelId || h.pmsRoomTypeId !== pmsRoomTypeId) continue;
      if (this.holdStatus(h) === 'active' && h.checkIn <= date && date < h.checkOut) rooms += h.rooms;
    }
    return rooms;
  }

  /**
   * Unsold rooms on a night: the total minus what every channel took. Negative when more was sold
   * than offered; 0 for a night the PMS does not sell. Dialects that never report a negative
   * figure clamp it themselves.
   */
  available(pmsHotelId: string, pmsRoomTypeId: string, date: string, ignoreHoldId?: string, ignoreReservationId?: string): number {
    const night = this.night(pmsHotelId, pmsRoomTypeId, date);
    if (!night) return 0;
    return night.total - this.taken(pmsHotelId, pmsRoomTypeId, date, ignoreHoldId, ignoreReservationId);
  }

  /**
   * True when the PMS takes `rooms` more rooms on every night of the stay: each night exists, and
   * has them unsold unless the hotel accepts overbooking.
   */
  canSell(pmsHotelId: string, pmsRoomTypeId: string, checkIn: string, checkOut: string, rooms: number, ignoreHoldId?: string, ignoreReservationId?: string): boolean {
    if (checkOut <= checkIn || rooms < 1) return false;
    const overbooking = this.settings(pmsHotelId).acceptsOverbooking;
    return datesInclusive(checkIn, addDays(checkOut, -1)).every(
      (d) =>
        this.night(pmsHotelId, pmsRoomTypeId, d) !== undefined &&
        (overbooking || this.available(pmsHotelId, pmsRoomTypeId, d, ignoreHoldId, ignoreReservationId) >= rooms),
    );
  }

  /**
   * Changes a reservation's stay as a vendor API modification does: all or nothing. The new stay
   * must fit the hotel's availability counting every other reservation (its own old rooms are
   * free for it), unless the hotel accepts overbooking; a cancelled or finished stay cannot change.
   * Asking for the stay it already has changes nothing and succeeds (a retried modification).
   */
  modifyReservation(reservation: SimReservation, change: SimStayChange): SimModifyOutcome {
    if (reservation.status !== 'confirmed') {
      return { ok: false, refusal: 'not_modifiable', message: `The reservation is ${reservation.status} and cannot be modified` };
    }
    if (!this.roomType(reservation.pmsHotelId, change.pmsRoomTypeId) || change.checkOut <= change.checkIn || change.rooms < 1) {
      return { ok: false, refusal: 'invalid', message: 'The room type, the dates or the room count are not valid' };
    }
    const same =
      reservation.pmsRoomTypeId === change.pmsRoomTypeId &&
      reservation.checkIn === change.checkIn &&
      reservation.checkOut === change.checkOut &&
      reservation.rooms === change.rooms &&
      (change.guests === undefined || reservation.guests === change.guests) &&
      (change.totalMinor === undefined || reservation.totalMinor === change.totalMinor);
    if (same) return { ok: true, changed: false };
    if (!this.canSell(reservation.pmsHotelId, change.pmsRoomTypeId, change.checkIn, change.checkOut, change.rooms, undefined, reservation.reservationId)) {
      return { ok: false, refusal: 'sold_out', message: `Room type ${change.pmsRoomTypeId} is not available for the selected dates` };
    }
    reservation.pmsRoomTypeId = change.pmsRoomTypeId;
    reservation.checkIn = change.checkIn;
    reservation.checkOut = change.checkOut;
    reservation.rooms = change.rooms;
    if (change.guests !== undefined) reservation.guests = change.guests;
    reservation.totalMinor =
      change.totalMinor ?? this.stayPriceMinor(reservation.pmsHotelId, change.pmsRoomTypeId, change.checkIn, change.checkOut, change.rooms) ?? reservation.totalMinor;
    reservation.updatedAt = this.clock().toISOString();
    return { ok: true, changed: true };
  }

  /** The hotel moves a stay along (checked in, checked out, no-show) or cancels it. */
  setStatus(reservation: SimReservation, status: SimReservationStatus): void {
    reservation.status = status;
    reservation.updatedAt = this.clock().toISOString();
  }

  /** Price of the whole stay for `rooms` rooms, or undefined when a night is missing. */
  stayPriceMinor(pmsHotelId: string, pmsRoomTypeId: string, checkIn: string, checkOut: string, rooms: number): number | undefined {
    let sum = 0;
    for (const d of datesInclusive(checkIn, addDays(checkOut, -1))) {
      const night = this.night(pmsHotelId, pmsRoomTypeId, d);
      if (!night) return undefined;
      sum += night.priceMinor * rooms;
    }
    return sum;
  }

  addReservation(input: Omit<SimReservation, 'reservationId' | 'confirmationNumber' | 'createdAt' | 'updatedAt' | 'status'> & { reservationId: string; confirmationNumber: string }): SimReservation {
    const stamp = this.clock().toISOString();
    const reservation: SimReservation = { ...input, status: 'confirmed', createdAt: stamp, updatedAt: stamp };
    this.reservations.push(reservation);
    return reservation;
  }

  reservation(pmsHotelId: string, reservationId: string): SimReservation | undefined {
    return this.reservations.find((r) => r.pmsHotelId === pmsHotelId && r.reservationId === reservationId);
  }

  /** A hotel's reservations, every channel and status, oldest first. */
  reservationsOf(pmsHotelId: string, filter: { externalId?: string; status?: SimReservationStatus; channel?: string } = {}): SimReservation[] {
    return this.reservations.filter(
      (r) =>
        r.pmsHotelId === pmsHotelId &&
        (filter.externalId === undefined || r.externalId === filter.externalId) &&
        (filter.status === undefined || r.status === filter.status) &&
        (filter.channel === undefined || r.channel === filter.channel),
    );
  }

  /**
   * A new reservation's ids in the vendor's own style: Cloudbeds numeric reservation ids, OPERA a
   * numeric id and a separate confirmation number, the generic protocol `rsv_...` and `CONF-...`
   * (derived from our booking id, when there is one, so it reads the same on every retry).
   */
  newReservationIds(vendor: PmsVendor, pmsHotelId: string, externalId: string): { reservationId: string; confirmationNumber: string } {
    const n = this.nextNumber();
    if (vendor === 'cloudbeds') return { reservationId: String(9_000_000_000 + n), confirmationNumber: String(9_000_000_000 + n) };
    if (vendor === 'opera') return { reservationId: String(400_000 + n), confirmationNumber: String(81_000_000 + n) };
    const reservationId = this.nextId('rsv');
    const seed = externalId ? externalId + pmsHotelId : reservationId;
    return { reservationId, confirmationNumber: `CONF-${createHash('sha256').update(seed).digest('hex').slice(0, 8).toUpperCase()}` };
  }

  cancel(reservation: SimReservation): void {
    reservation.status = 'cancelled';
    reservation.updatedAt = this.clock().toISOString();
  }

  hold(pmsHotelId: string, holdId: string): SimHold | undefined {
    return this.holds.find((h) => h.pmsHotelId === pmsHotelId && h.holdId === holdId);
  }

  /** Unique ids; numeric for vendors whose ids are numbers. */
  nextNumber(): number {
    this.sequence += 1;
    return this.sequence;
  }

  nextId(prefix: string): string {
    return `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  }

  logRequest(entry: SimRequestLog): SimRequestLog {
    this.requests.push(entry);
    if (this.requests.length > 50_000) this.requests.splice(0, this.requests.length - 50_000);
    return entry;
  }

  /** A JSON-safe view without credentials, for `/_sim/state` and debugging. */
  snapshot(): unknown {
    return {
      hotels: [...this.hotels.values()].map((h) => ({
        vendor: h.vendor,
        pmsHotelId: h.pmsHotelId,
        name: h.name,
        city: h.city,
        roomTypes: h.roomTypes.map((r) => ({ pmsRoomTypeId: r.pmsRoomTypeId, name: r.name, total: r.total, priceMinor: r.priceMinor })),
      })),
      settings: Object.fromEntries([...this.hotels.keys()].map((id) => [id, this.settings(id)])),
      reservations: this.reservations.map(reservationView),
      holds: this.holds.map((h) => ({ ...h, status: this.holdStatus(h), expiresAt: new Date(h.expiresAtMs).toISOString() })),
      requestCount: this.requests.length,
    };
  }
}

/** A reservation as the admin routes and the state dump show it: everything but the guest's personal data. */
export function reservationView(r: SimReservation): Omit<SimReservation, 'guest'> {
  const { guest: _guest, ...view } = r;
  return view;
}

function nightKey(pmsHotelId: string, pmsRoomTypeId: string, date: string): string {
  return `${pmsHotelId}|${pmsRoomTypeId}|${date}`;
}
