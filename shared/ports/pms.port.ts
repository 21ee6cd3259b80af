import type { IsoDate } from '#domain/dates.ts';
import type {
  PmsCredentials,
  PmsHold,
  PmsHoldRequest,
  PmsHotel,
  PmsNight,
  PmsReservation,
  PmsReservationChange,
  PmsReservationRequest,
  PmsRoomType,
  PmsVendor,
} from '#domain/pms.ts';

/** What a vendor can do beyond the common calls; callers branch on these, never on the vendor name. */
export interface PmsCapabilities {
  /** `hold`/`release` exist: the PMS itself can lock rooms for a few minutes. */
  holds: boolean;
  /** The PMS pushes changes to us; without webhooks, polling is the only way to stay in sync. */
  webhooks: boolean;
}

/**
 * One hotel in one PMS. Every method speaks neutral domain types and throws only `PmsError`s
 * (`#domain/pms-errors.ts`). Implementations are cheap to construct: build one per call site from
 * a `PmsConnection`; shared state that must outlive them (Cloudbeds' rate limit, OPERA's token)
 * lives in the adapter module.
 */
export interface PmsClient {
  readonly vendor: PmsVendor;
  readonly pmsHotelId: string;
  readonly capabilities: PmsCapabilities;

  getHotel(): Promise<PmsHotel>;

  listRoomTypes(): Promise<PmsRoomType[]>;

  /** Inventory and rates of every room type for each night from `startDate` to `endDate`, both included. */
  getNights(startDate: IsoDate, endDate: IsoDate): Promise<PmsNight[]>;

  /**
   * Books the rooms. Idempotent by `req.externalId` (our booking id): if the PMS already has a
   * reservation with it, that one is returned, whatever its status, and nothing new is created.
   */
  createReservation(req: PmsReservationRequest): Promise<PmsReservation>;

  /** The reservation carrying our booking id, or `undefined` when the PMS has none. */
  findReservationByExternalId(externalId: string): Promise<PmsReservation | undefined>;

  /**
   * Every reservation carrying our booking id, cancelled ones included: a create that timed out
   * but happened, then was retried, leaves two, and compensation must find both.
   */
  findReservationsByExternalId(externalId: string): Promise<PmsReservation[]>;

  /** One reservation by the PMS's id, with its stay; `undefined` when unknown. */
  getReservation(reservationId: string): Promise<PmsReservation | undefined>;

  /**
   * Every reservation (every channel, every status) whose stay overlaps `[from, to]`, both
   * included, with its stay and external id: what reconciliation compares our bookings with.
   */
  listReservations(from: IsoDate, to: IsoDate): Promise<PmsReservation[]>;

  /**
   * Changes a reservation's stay (dates, rooms, room type) and total, all or nothing: Cloudbeds
   * `putReservation` with a room configuration, OPERA `PUT /rsv/v1/hotels/{hotelId}/reservations/{id}`,
   * the generic protocol's `PUT .../reservations/{id}`. Idempotent: asking for the stay it has
   * changes nothing. `PmsRejectedError` `sold_out` when the PMS cannot give the new stay (the
   * reservation keeps its old one), `invalid_request` when the reservation cannot change
   * (cancelled, checked in); `PmsNotFoundError` for an unknown id. Answers the reservation as it now is.
   */
  modifyReservation(reservationId: string, change: PmsReservationChange): Promise<PmsReservation>;

  /** Cancels by the PMS's reservation id; cancelling an already cancelled reservation succeeds. */
  cancelReservation(reservationId: string): Promise<void>;

  /** Locks rooms in the PMS for a few minutes; only where `capabilities.holds`. Idempotent by `externalId`. */
  hold?(req: PmsHoldRequest): Promise<PmsHold>;

  /** Gives a hold's rooms back; releasing an expired or released hold succeeds. */
  release?(holdId: string): Promise<void>;
}

/**
 * Where and how to reach one hotel's PMS; seed 000's `pms_configs` row. `baseUrl` is the vendor's
 * API root: Cloudbeds `https://api.cloudbeds.com/api/v1.3`, the OHIP gateway URL for OPERA, the
 * base the PMS vendor publishes for the generic protocol.
 */
export type PmsConnection =
  | { vendor: 'cloudbeds'; pmsHotelId: string; baseUrl: string; credentials: Extract<PmsCredentials, { kind: 'api_key' }> }
  | { vendor: 'opera'; pmsHotelId: string; baseUrl: string; credentials: Extract<PmsCredentials, { kind: 'oauth_client' }> }
  | { vendor: 'generic'; pmsHotelId: string; baseUrl: string; credentials: Extract<PmsCredentials, { kind: 'api_key' }> };

/** One response time of one HTTP call to a PMS; metrics subscribe to these. */
export interface PmsCallRecord {
  vendor: PmsVendor;
  /** The port operation the call served: `getNights`, `createReservation`, `token`, ... */
  operation: string;
  /** The vendor endpoint: `getRatePlans`, `POST /rsv/v1/.../reservations`, ... */
  endpoint: string;
  durationMs: number;
  ok: boolean;
  /** HTTP status, absent when no answer arrived (timeout, connection refused). */
  status?: number;
}

export type PmsCallObserver = (record: PmsCallRecord) => void;

export type PmsClientFactory = (conn: PmsConnection) => PmsClient;
