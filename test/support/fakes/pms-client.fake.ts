import type { IsoDate } from '../../../shared/domain/dates.ts';
import { PmsNotFoundError, PmsRejectedError } from '../../../shared/domain/pms-errors.ts';
import type {
  PmsHold,
  PmsHoldRequest,
  PmsHotel,
  PmsNight,
  PmsReservation,
  PmsReservationChange,
  PmsReservationRequest,
  PmsRoomType,
  PmsVendor,
} from '../../../shared/domain/pms.ts';
import type { PmsCapabilities, PmsClient } from '../../../shared/ports/pms.port.ts';
import { Failures } from './failures.ts';

export type PmsOperation =
  | 'getHotel'
  | 'listRoomTypes'
  | 'getNights'
  | 'createReservation'
  | 'findReservationByExternalId'
  | 'findReservationsByExternalId'
  | 'getReservation'
  | 'listReservations'
  | 'modifyReservation'
  | 'cancelReservation'
  | 'hold'
  | 'release';

export interface FakePmsHold extends PmsHold {
  externalId: string;
  request: PmsHoldRequest;
  status: 'active' | 'released';
}

export interface FakePmsReservation extends PmsReservation {
  request: PmsReservationRequest;
}

export interface FakePmsClientOptions {
  vendor?: PmsVendor;
  pmsHotelId?: string;
  /** Default: holds for OPERA and generic, not for Cloudbeds; webhooks for all but OPERA. */
  capabilities?: Partial<PmsCapabilities>;
  hotel?: Partial<PmsHotel>;
  roomTypes?: PmsRoomType[];
  nights?: PmsNight[];
  /** Stamps hold expiries; `() => new Date()` when absent. */
  clock?: () => Date;
  /**
   * Makes calls slow in virtual time: each call first waits `latencyMs` on this sleep (a
   * `FakeClock.sleep`), so a budget or timeout elsewhere can run out first.
   */
  sleep?: (ms: number) => Promise<void>;
  /**
   * Whether a create with an external id the PMS already has returns that reservation (the generic
   * protocol, and the port's promise for one adapter call) or makes another (what Cloudbeds and
   * OPERA do for a second request: neither deduplicates by external id). Default true.
   */
  deduplicatesCreates?: boolean;
}

/**
 * One hotel in a PMS, in memory, with the port's contract: `createReservation` is idempotent by
 * `externalId` (the existing reservation comes back, whatever its status), cancelling twice
 * succeeds, holds are idempotent by `externalId` and releasing a released hold succeeds; unknown
 * ids are `PmsNotFoundError`. `hold`/`release` exist only when `capabilities.holds`.
 *
 * With `deduplicatesCreates: false` a second create with the same external id makes a second
 * reservation (kept in `planted`), as Cloudbeds and OPERA do; `lookupsLag` hides new reservations
 * from the look-ups by our id until `catchUp()`.
 *
 * Programmable: `setNights`/`nights`, `roomTypes`, `hotel`; `failures` arms any `PmsError` per
 * operation, before the PMS acted or (`executed: true`) after (a timeout whose reservation was
 * made anyway); `latencyMs` with an injected `sleep` slows every call down. `calls` logs every
 * call in order.
 */
export class FakePmsClient implements PmsClient {
  readonly vendor: PmsVendor;
  readonly pmsHotelId: string;
  readonly capabilities: PmsCapabilities;
  readonly failures = new Failures<PmsOperation>();
  readonly calls: { operation: PmsOperation; args: unknown[] }[] = [];
  readonly reservations = new Map<string, FakePmsReservation>();
  /** Reservations beyond our one per booking id: other channels' sales, and duplicates of ours (`plant`). */
  readonly planted: PmsReservation[] = [];
  readonly holds = new Map<string, FakePmsHold>();
  hotel: PmsHotel;
  roomTypes: PmsRoomType[];
  nights: PmsNight[];
  latencyMs = 0;
  /** Test switch: every modification is refused as sold out. */
  soldOutOnModify = false;
  /**
   * While true, reservations created from now on are invisible to the look-ups by our id
   * (`findReservation(s)ByExternalId`) until `catchUp()`: a vendor whose search lags its writes.
   */
  lookupsLag = false;
  private readonly unseen = new Set<string>();
  private readonly deduplicatesCreates: boolean;
  hold?: (req: PmsHoldRequest) => Promise<PmsHold>;
  release?: (holdId: string) => Promise<void>;
  private readonly clock: () => Date;
  private readonly sleep: ((ms: number) => Promise<void>) | undefined;
  private sequence = 0;

  constructor(options: FakePmsClientOptions = {}) {
    this.vendor = options.vendor ?? 'generic';
    this.pmsHotelId = options.pmsHotelId ?? 'pms-hotel-1';
    this.capabilities = { holds: this.vendor !== 'cloudbeds', webhooks: this.vendor !== 'opera', ...options.capabilities };
    this.hotel = {
      pmsHotelId: this.pmsHotelId,
      name: 'PMS Hotel',
      city: 'Seoul',
      country: 'KR',
      timeZone: 'Asia/Seoul',
      currency: 'KRW',
      amenities: [],
      images: [],
      ...options.hotel,
    };
    this.roomTypes = options.roomTypes ?? [];
    this.nights = options.nights ?? [];
    this.clock = options.clock ?? (() => new Date());
    this.sleep = options.sleep;
    this.deduplicatesCreates = options.deduplicatesCreates ?? true;
    if (this.capabilities.holds) {
      this.hold = (req) => this.holdRooms(req);
      this.release = (holdId) => this.releaseHold(holdId);
    }
  }

  getHotel(): Promise<PmsHotel> {
    return this.call('getHotel', [], () => structuredClone(this.hotel));
  }

  listRoomTypes(): Promise<PmsRoomType[]> {
    return this.call('listRoomTypes', [], () => structuredClone(this.roomTypes));
  }

  getNights(startDate: IsoDate, endDate: IsoDate): Promise<PmsNight[]> {
    return this.call('getNights', [startDate, endDate], () =>
      structuredClone(this.nights.filter((n) => n.date >= startDate && n.date <= endDate)),
    );
  }

  createReservation(req: PmsReservationRequest): Promise<PmsReservation> {
    return this.call('createReservation', [req], () => {
      const existing = this.reservations.get(req.externalId);
      if (existing && this.deduplicatesCreates) return publicReservation(existing);
      const n = ++this.sequence;
      const reservation: FakePmsReservation = {
        reservationId: `R${1000 + n}`,
        confirmationNumber: `PMS-CONF-${1000 + n}`,
        externalId: req.externalId,
        status: 'confirmed',
        request: structuredClone(req),
      };
      if (existing) this.planted.push(publicReservation(reservation));
      else this.reservations.set(req.externalId, reservation);
      if (this.lookupsLag) this.unseen.add(reservation.reservationId);
      if (req.holdId) {
        const hold = [...this.holds.values()].find((h) => h.holdId === req.holdId);
        if (hold) hold.status = 'released';
      }
      return publicReservation(reservation);
    });
  }

  findReservationByExternalId(externalId: string): Promise<PmsReservation | undefined> {
    return this.call('findReservationByExternalId', [externalId], () => {
      const reservation = this.reservations.get(externalId);
      return reservation && !this.unseen.has(reservation.reservationId) ? publicReservation(reservation) : undefined;
    });
  }

  findReservationsByExternalId(externalId: string): Promise<PmsReservation[]> {
    return this.call('findReservationsByExternalId', [externalId], () =>
      this.everyReservation().filter((r) => r.externalId === externalId && !this.unseen.has(r.reservationId)),
    );
  }

  /** Test helper: the look-ups by our id now show every reservation (the vendor's search caught up). */
  catchUp(): void {
    this.unseen.clear();
  }

  /** Test helper: every reservation with our id, as the PMS has it (look-up lag aside). */
  reservationsOf(externalId: string): PmsReservation[] {
    return this.everyReservation().filter((r) => r.externalId === externalId);
  }

  getReservation(reservationId: string): Promise<PmsReservation | undefined> {
    return this.call('getReservation', [reservationId], () => this.everyReservation().find((r) => r.reservationId === reservationId));
  }

  listReservations(from: IsoDate, to: IsoDate): Promise<PmsReservation[]> {
    return this.call('listReservations', [from, to], () =>
      this.everyReservation().filter((r) => r.checkIn !== undefined && r.checkOut !== undefined && r.checkIn <= to && r.checkOut > from),
    );
  }

  /**
   * Changes one of our reservations' stay; idempotent. Refuses (`PmsRejectedError`) a cancelled
   * one as `invalid_request`; `soldOut` (a test switch) makes it refuse as `sold_out`.
   */
  modifyReservation(reservationId: string, change: PmsReservationChange): Promise<PmsReservation> {
    return this.call('modifyReservation', [reservationId, change], () => {
      const reservation = [...this.reservations.values()].find((r) => r.reservationId === reservationId);
      if (!reservation) throw new PmsNotFoundError(`No reservation ${reservationId}`, { vendor: this.vendor });
      if (reservation.status !== 'confirmed') {
        throw new PmsRejectedError('The reservation cannot be modified', { vendor: this.vendor, reason: 'invalid_request' });
      }
      if (this.soldOutOnModify) throw new PmsRejectedError('No rooms for the new stay', { vendor: this.vendor, reason: 'sold_out' });
      reservation.request = {
        ...reservation.request,
        pmsRoomTypeId: change.pmsRoomTypeId,
        checkIn: change.checkIn,
        checkOut: change.checkOut,
        rooms: change.rooms,
        guests: change.guests,
        totalMinor: change.totalMinor,
        currency: change.currency,
      };
      return publicReservation(reservation);
    });
  }

  cancelReservation(reservationId: string): Promise<void> {
    return this.call('cancelReservation', [reservationId], () => {
      const reservation =
        [...this.reservations.values()].find((r) => r.reservationId === reservationId) ?? this.planted.find((r) => r.reservationId === reservationId);
      if (!reservation) throw new PmsNotFoundError(`No reservation ${reservationId}`, { vendor: this.vendor });
      reservation.status = 'cancelled';
    });
  }

  /** Test helper: a reservation the PMS has without our create (another channel's, or a duplicate of ours). */
  plant(reservation: Omit<PmsReservation, 'confirmationNumber'> & { confirmationNumber?: string }): PmsReservation {
    const planted: PmsReservation = { confirmationNumber: `PMS-CONF-${reservation.reservationId}`, ...structuredClone(reservation) };
    this.planted.push(planted);
    return structuredClone(planted);
  }

  private everyReservation(): PmsReservation[] {
    return [...[...this.reservations.values()].map(publicReservation), ...this.planted.map((r) => structuredClone(r))];
  }

  /** Test helper: the calls of one operation, by their arguments. */
  callsOf(operation: PmsOperation): unknown[][] {
    return this.calls.filter((c) => c.operation === operation).map((c) => c.args);
  }

  /** Test helper: replaces the nights the PMS reports. */
  setNights(nights: PmsNight[]): void {
    this.nights = structuredClone(nights);
  }

  private holdRooms(req: PmsHoldRequest): Promise<PmsHold> {
    return this.call('hold', [req], () => {
      const existing = this.holds.get(req.externalId);
      if (existing) return { holdId: existing.holdId, expiresAt: existing.expiresAt };
      const hold: FakePmsHold = {
        holdId: `H${1000 + ++this.sequence}`,
        expiresAt: new Date(this.clock().getTime() + (req.ttlSeconds ?? 180) * 1000).toISOString(),
        externalId: req.externalId,
        request: structuredClone(req),
        status: 'active',
      };
      this.holds.set(req.externalId, hold);
      return { holdId: hold.holdId, expiresAt: hold.expiresAt };
    });
  }

  private releaseHold(holdId: string): Promise<void> {
    return this.call('release', [holdId], () => {
      const hold = [...this.holds.values()].find((h) => h.holdId === holdId);
      if (!hold) throw new PmsNotFoundError(`No hold ${holdId}`, { vendor: this.vendor });
      hold.status = 'released';
    });
  }

  private async call<T>(operation: PmsOperation, args: unknown[], effect: () => T): Promise<T> {
    this.calls.push({ operation, args: structuredClone(args) });
    if (this.latencyMs > 0) {
      if (!this.sleep) throw new Error('FakePmsClient: latencyMs needs an injected sleep');
      await this.sleep(this.latencyMs);
    }
    return this.failures.run(operation, effect);
  }
}

function publicReservation(reservation: FakePmsReservation): PmsReservation {
  const { request, ...rest } = reservation;
  return {
    ...rest,
    pmsRoomTypeId: request.pmsRoomTypeId,
    checkIn: request.checkIn,
    checkOut: request.checkOut,
    rooms: request.rooms,
  };
}
