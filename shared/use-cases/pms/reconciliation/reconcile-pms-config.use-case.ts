import { MAX_NIGHTS, type Booking } from '#domain/booking.ts';
import { onAttempt, onFailure, onSuccess, type Circuit } from '#domain/circuit-breaker.ts';
import { addDays, todayIn, type IsoDate } from '#domain/dates.ts';
import { DomainError, NotFoundError } from '#domain/errors.ts';
import type { RoomType } from '#domain/hotel.ts';
import type { CircuitState, PmsConfig } from '#domain/pms-config.ts';
import { PmsError } from '#domain/pms-errors.ts';
import { isLiveReservation, type PmsReservation, type PmsVendor } from '#domain/pms.ts';
import { findingIdFor, type FindingType, type ReconciliationFinding } from '#domain/reconciliation.ts';
import type { BookingRepository } from '#ports/booking.repository.ts';
import type { EventPublisher } from '#ports/event-publisher.port.ts';
import type { FindingRepository } from '#ports/finding.repository.ts';
import type { HoldRepository } from '#ports/hold.repository.ts';
import type { HotelCatalogReader } from '#ports/hotel-catalog.repository.ts';
import type { InventoryReader, PmsInventorySync } from '#ports/inventory.repository.ts';
import type { PmsClient } from '#ports/pms.port.ts';
import type { PmsClients } from '#ports/pms-clients.port.ts';
import type { PmsConfigRepository } from '#ports/pms-config.repository.ts';
import { logger } from '#observability/logger.ts';
import { applyHotelCancellation } from '../../bookings/hotel-cancellation.use-case.ts';
import { describeFailure } from '../polling/poll-pms-config.use-case.ts';
import { snapshotInPms, writeThroughNights } from '../polling/write-through.ts';
import { publishingFindings } from './published-findings.ts';

/** What reconciliation reads and writes; the composition root builds it (`reconciliationDeps`). */
export interface ReconcileDeps {
  configs: Pick<PmsConfigRepository, 'get' | 'list' | 'patch'>;
  pms: Pick<PmsClients, 'forConfig'>;
  catalog: Pick<HotelCatalogReader, 'getHotel' | 'listRoomTypes'>;
  inventory: PmsInventorySync & InventoryReader;
  bookings: Pick<BookingRepository, 'get' | 'list' | 'transition'>;
  holds: Pick<HoldRepository, 'release'>;
  findings: Pick<FindingRepository, 'record'>;
  events: EventPublisher;
  clock: () => Date;
}

export type ReconcileTrigger = 'schedule' | 'manual';

/** Findings of one run by type: found this run, whether new or already open. */
/** The finding types a reconciliation run looks for (the others come from polls, webhooks and jobs). */
export type FindingCounts = Record<Extract<FindingType, 'MISSING_IN_PMS' | 'UNKNOWN_PMS_RESERVATION' | 'DUPLICATE_PMS_RESERVATION' | 'OVERSOLD_NIGHT' | 'HOTEL_CANCELLED'>, number>;

export interface ReconciliationSummary {
  /** Names the run in findings' `source` and in the ledger's `ref`. */
  runId: string;
  configId: string;
  hotelId: string;
  vendor: PmsVendor;
  trigger: ReconcileTrigger;
  status: 'ok' | 'failed';
  /** The nights compared, in the hotel's calendar (the polling horizon from today). */
  range?: { from: IsoDate; to: IsoDate };
  compared: {
    /** Our confirmed bookings with a night in the range. */
    bookings: number;
    /** Distinct PMS reservations with a night in the range, every channel and status. */
    pmsReservations: number;
    /** Of those, the ones carrying one of our booking ids. */
    ours: number;
  };
  found: FindingCounts;
  /** Findings this run opened (new, or found again after being resolved); each was published. */
  opened: number;
  /** PMS reservations this run cancelled: strays with our booking id, and duplicates. */
  cancelledInPms: string[];
  /** Our bookings this run found cancelled in the PMS, now CANCELLED_BY_HOTEL. */
  hotelCancelled: string[];
  /** Reservations with our id whose booking is still in its checkout saga or with an admin: left alone. */
  skipped: number;
  durationMs: number;
  /** Our message for what went wrong; never a vendor's body or a credential. */
  error?: string;
  circuit: CircuitState;
}

/** A run that could not start for a reason of ours (no hotel in the catalog): not the PMS's fault. */
class ReconcileSetupError extends DomainError {
  override readonly name = 'ReconcileSetupError';
  // Never reaches HTTP (the run's summary carries it); the poll's code means the same: the config cannot be read as set up.
  readonly code = 'PMS_POLL_SETUP';
}

/** Pages of our bookings one run reads at most (100 a page). */
const MAX_BOOKING_PAGES = 200;

/**
 * One reconciliation run for one PMS config: our confirmed bookings and the PMS's reservations are
 * compared over the polling horizon from today, and every disagreement becomes a finding for an
 * admin (stored once per subject, published as `reconciliation.finding` when new):
 *
 * - `MISSING_IN_PMS`: a confirmed booking of ours the PMS has no reservation for at all (looked up
 *   by our booking id too, not only in the listing, so a stay changed in the PMS is not missed).
 *   Nothing is done automatically: the hotel must re-create it, or we cancel and refund.
 * - A confirmed booking whose reservations the PMS has all cancelled was cancelled by the hotel:
 *   `applyHotelCancellation` (CANCELLED_BY_HOTEL, rooms back once, a `HOTEL_CANCELLED` finding).
 *   At a PMS without webhooks (OPERA) the poll normally finds these first; this catches what it missed.
 * - `UNKNOWN_PMS_RESERVATION`: a live PMS reservation with the id of a booking of ours that did not
 *   become one (FAILED, or CANCELLED_BY_HOTEL): the duplicate a timed-out create leaves. It is
 *   cancelled in the PMS at once. A reservation whose booking is still PENDING (its saga runs) or
 *   NEEDS_ATTENTION (an admin has it, and money may have moved) is left alone; an external id that
 *   names no booking of ours is another system's and is ignored.
 * - `DUPLICATE_PMS_RESERVATION`: more than one live reservation with one confirmed booking's id:
 *   the one our booking records is kept (the first live one if ours is gone), the others cancelled.
 * - `OVERSOLD_NIGHT`: a night where our rooms and other channels' together exceed the limit
 *   (`reserved + external > sellLimit`), judged after the nights were read again from the PMS.
 *
 * Order matters as in the webhook path: cancellations (ours and the PMS's) happen first, then the
 * horizon's nights are read from the PMS and written through, so the read counts what is left.
 *
 * The PMS calls count on the config's circuit breaker like a poll's; the caller decides whether the
 * breaker lets the run start (the schedule does, an admin's run does not). Never throws for a run
 * that failed (the summary says why); throws only when the config is unknown (404) or the outcome
 * cannot be recorded.
 */
export async function reconcilePmsConfig(
  deps: ReconcileDeps,
  config: PmsConfig,
  options: { trigger: ReconcileTrigger },
): Promise<ReconciliationSummary> {
  const startedAt = deps.clock();
  const runId = `reconcile:${config.configId}@${startedAt.toISOString()}`;
  const trial = onAttempt(config.circuit, startedAt);
  await deps.configs.patch(config.configId, { lastReconcileAttemptAt: startedAt.toISOString(), ...(trial !== config.circuit ? { circuit: trial } : {}) });

  const findings = publishingFindings(deps.findings, deps.events);
  const summary: ReconciliationSummary = {
    runId,
    configId: config.configId,
    hotelId: config.hotelId,
    vendor: config.vendor,
    trigger: options.trigger,
    status: 'ok',
    compared: { bookings: 0, pmsReservations: 0, ours: 0 },
    found: { MISSING_IN_PMS: 0, UNKNOWN_PMS_RESERVATION: 0, DUPLICATE_PMS_RESERVATION: 0, OVERSOLD_NIGHT: 0, HOTEL_CANCELLED: 0 },
    opened: 0,
    cancelledInPms: [],
    hotelCancelled: [],
    skipped: 0,
    durationMs: 0,
    circuit: trial.state,
  };
  let circuit: Circuit = trial;
  let pmsCalled = false;
  try {
    const hotel = await deps.catalog.getHotel(config.hotelId);
    if (!hotel) throw new ReconcileSetupError(`Hotel '${config.hotelId}' of this PMS config is not in the catalog`);
    const from = todayIn(hotel.timeZone, startedAt);
    const to = addDays(from, Math.max(1, config.pollingHorizonDays) - 1);
    summary.range = { from, to };
    const client = await deps.pms.forConfig(config);
    const roomTypes = await deps.catalog.listRoomTypes(config.hotelId);
    const run: Run = { deps, config, client, findings, summary, runId, now: startedAt };

    pmsCalled = true;
    const listed = await client.listReservations(from, to);
    const confirmed = await confirmedBookings(deps, config.hotelId, from, to);
    const byBooking = groupByExternalId(listed);
    summary.compared = { bookings: confirmed.length, pmsReservations: distinctIds(listed).length, ours: 0 };

    for (const booking of confirmed) {
      const listedForBooking = byBooking.get(booking.bookingId) ?? [];
      byBooking.delete(booking.bookingId);
      if (listedForBooking.length > 0) summary.compared.ours += 1;
      await checkConfirmed(run, booking, listedForBooking);
    }
    for (const [externalId, reservations] of byBooking) {
      const booking = await deps.bookings.get(externalId);
      if (!booking) continue; // Another system's id: not ours to judge.
      summary.compared.ours += 1;
      if (booking.status === 'CONFIRMED') await checkConfirmed(run, booking, reservations);
      else await checkNotBooked(run, booking, reservations);
    }

    // What the PMS counts now, after the cancellations above, every channel included.
    const inPmsBefore = await snapshotInPms(deps.inventory, { hotelId: config.hotelId, roomTypes, from, to });
    const nights = await client.getNights(from, to);
    circuit = onSuccess(trial);
    await writeThroughNights(deps, { hotel, config, roomTypes, nights, sourceAt: deps.clock().toISOString(), ref: { type: 'read', id: runId }, inPmsBefore });
    await checkOversold(run, roomTypes, from, to);
  } catch (error) {
    if (pmsCalled && (error instanceof PmsError || !(error instanceof DomainError))) circuit = onFailure(trial, deps.clock());
    summary.status = 'failed';
    summary.error = describeFailure(error);
  }

  const finishedAt = deps.clock();
  summary.durationMs = finishedAt.getTime() - startedAt.getTime();
  summary.opened = findings.opened.length;
  summary.circuit = circuit.state;
  await deps.configs.patch(config.configId, {
    circuit,
    ...(summary.status === 'ok' ? { lastReconciledAt: finishedAt.toISOString() } : {}),
  });
  const log = summary.status === 'ok' ? logger.info.bind(logger) : logger.warn.bind(logger);
  log('PMS reconciliation finished', {
    configId: config.configId,
    vendor: config.vendor,
    trigger: options.trigger,
    status: summary.status,
    found: summary.found,
    opened: summary.opened,
    cancelledInPms: summary.cancelledInPms.length,
    hotelCancelled: summary.hotelCancelled.length,
    ...(summary.error ? { error: summary.error } : {}),
  });
  return summary;
}

/** An admin's run (`POST /api/admin/pms/configs/{id}/reconcile`): now, whatever the schedule or circuit say. */
export async function reconcilePmsConfigNow(deps: ReconcileDeps, configId: string): Promise<ReconciliationSummary> {
  const config = await deps.configs.get(configId);
  if (!config) throw new NotFoundError('PMS config', configId);
  return reconcilePmsConfig(deps, config, { trigger: 'manual' });
}

interface Run {
  deps: ReconcileDeps;
  config: PmsConfig;
  client: PmsClient;
  findings: Pick<FindingRepository, 'record'>;
  summary: ReconciliationSummary;
  runId: string;
  now: Date;
}

/** Our confirmed bookings of the hotel with a night in `[from, to]`, every page. */
async function confirmedBookings(deps: ReconcileDeps, hotelId: string, from: IsoDate, to: IsoDate): Promise<Booking[]> {
  const out: Booking[] = [];
  // A stay that started up to MAX_NIGHTS ago may still have nights in the range.
  let page = await deps.bookings.list({ hotelId, status: 'CONFIRMED', from: addDays(from, -MAX_NIGHTS), to, limit: 100 });
  for (let n = 1; ; n += 1) {
    out.push(...page.items.filter((b) => b.status === 'CONFIRMED' && b.checkIn <= to && b.checkOut > from));
    if (!page.next || n >= MAX_BOOKING_PAGES) break;
    page = await deps.bookings.list({ hotelId, status: 'CONFIRMED', from: addDays(from, -MAX_NIGHTS), to, limit: 100, after: page.next });
  }
  return out;
}

/**
 * The listing by our booking id. A listing may carry one reservation several times (Cloudbeds
 * reports a reservation once per room type), so each is kept once per reservation and room type.
 */
function groupByExternalId(reservations: PmsReservation[]): Map<string, PmsReservation[]> {
  const groups = new Map<string, PmsReservation[]>();
  const seen = new Set<string>();
  for (const r of reservations) {
    if (!r.externalId) continue;
    const key = `${r.reservationId}|${r.pmsRoomTypeId ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const group = groups.get(r.externalId);
    if (group) group.push(r);
    else groups.set(r.externalId, [r]);
  }
  return groups;
}

function distinctIds(reservations: PmsReservation[]): string[] {
  return [...new Set(reservations.map((r) => r.reservationId))];
}

/** Distinct reservation ids that still take rooms, in listing order. */
function liveIds(reservations: PmsReservation[]): string[] {
  return distinctIds(reservations.filter((r) => isLiveReservation(r.status)));
}

function finding(run: Run, type: FindingType, subject: string, fields: Omit<ReconciliationFinding, 'findingId' | 'type' | 'status' | 'hotelId' | 'source' | 'firstSeenAt' | 'lastSeenAt'>): ReconciliationFinding {
  const at = run.now.toISOString();
  return {
    findingId: findingIdFor(type, subject),
    type,
    status: 'open',
    hotelId: run.config.hotelId,
    configId: run.config.configId,
    source: run.runId,
    firstSeenAt: at,
    lastSeenAt: at,
    ...fields,
  };
}

/** Cancels one reservation in the PMS; a PMS that refuses or fails is reported, and the next run tries again. */
async function cancelInPms(run: Run, reservationId: string): Promise<string | undefined> {
  try {
    await run.client.cancelReservation(reservationId);
    run.summary.cancelledInPms.push(reservationId);
    return undefined;
  } catch (error) {
    if (!(error instanceof PmsError)) throw error;
    return describeFailure(error);
  }
}

/**
 * A confirmed booking of ours against the PMS's reservations with its id. When the listing shows
 * none of them live, the PMS is asked by our booking id before anything is concluded: the hotel
 * may have moved the stay outside the range, which the listing cannot show.
 */
async function checkConfirmed(run: Run, booking: Booking, listed: PmsReservation[]): Promise<void> {
  let reservations = listed;
  let live = liveIds(reservations);
  if (live.length === 0) {
    reservations = await run.client.findReservationsByExternalId(booking.bookingId);
    live = liveIds(reservations);
  }
  if (live.length === 0) {
    const cancelled = reservations.filter((r) => r.status === 'cancelled');
    if (reservations.length > 0 && cancelled.length === reservations.length) {
      // The hotel cancelled it in its PMS and nothing told us (no webhook, or one that was lost).
      const outcome = await applyHotelCancellation(
        { bookings: run.deps.bookings, holds: run.deps.holds, findings: run.findings, events: run.deps.events, clock: run.deps.clock },
        { bookingId: booking.bookingId, pmsReservationId: cancelled[0]!.reservationId, source: run.runId },
      );
      if (outcome === 'cancelled' || outcome === 'already') {
        run.summary.hotelCancelled.push(booking.bookingId);
        run.summary.found.HOTEL_CANCELLED += 1;
      }
      return;
    }
    if (reservations.length > 0) return; // A no-show: the reservation exists, and is not ours to judge.
    run.summary.found.MISSING_IN_PMS += 1;
    await run.findings.record(
      finding(run, 'MISSING_IN_PMS', booking.bookingId, {
        bookingId: booking.bookingId,
        ...(booking.pms.reservationId ? { pmsReservationId: booking.pms.reservationId } : {}),
        roomTypeId: booking.roomTypeId,
        date: booking.checkIn,
        detail: `Confirmed booking ${booking.bookingId} (${booking.rooms} room(s), ${booking.checkIn} to ${booking.checkOut}) has no reservation in the ${run.config.vendor} PMS. The hotel does not know the guest is coming: re-create the reservation in the PMS, or cancel and refund the booking.`,
      }),
    );
    return;
  }
  if (live.length === 1) return;
  const keep = booking.pms.reservationId && live.includes(booking.pms.reservationId) ? booking.pms.reservationId : live[0]!;
  const extras = live.filter((id) => id !== keep);
  const failures: string[] = [];
  for (const id of extras) {
    const failed = await cancelInPms(run, id);
    if (failed) failures.push(`${id} (${failed})`);
  }
  run.summary.found.DUPLICATE_PMS_RESERVATION += 1;
  await run.findings.record(
    finding(run, 'DUPLICATE_PMS_RESERVATION', booking.bookingId, {
      bookingId: booking.bookingId,
      pmsReservationId: keep,
      roomTypeId: booking.roomTypeId,
      date: booking.checkIn,
      detail: `The PMS had ${live.length} live reservations (${live.join(', ')}) for booking ${booking.bookingId}; the guest booked once.${keep === booking.pms.reservationId ? '' : ` The reservation the booking records (${booking.pms.reservationId ?? 'none'}) is not among them; ${keep} was kept.`}`,
      action:
        failures.length === 0
          ? `Cancelled ${extras.join(', ')} in the PMS; kept ${keep}.`
          : `Kept ${keep}; cancelling failed for ${failures.join(', ')} and is tried again on the next run.`,
    }),
  );
}

/** Live PMS reservations carrying the id of a booking of ours that is not confirmed. */
async function checkNotBooked(run: Run, booking: Booking, reservations: PmsReservation[]): Promise<void> {
  const live = liveIds(reservations);
  if (live.length === 0) return;
  if (booking.status === 'PENDING' || booking.status === 'NEEDS_ATTENTION') {
    // The saga owns it (its compensation cancels by our id), or an admin does.
    run.summary.skipped += live.length;
    return;
  }
  for (const id of live) {
    const failed = await cancelInPms(run, id);
    run.summary.found.UNKNOWN_PMS_RESERVATION += 1;
    const r = reservations.find((x) => x.reservationId === id);
    await run.findings.record(
      finding(run, 'UNKNOWN_PMS_RESERVATION', `${run.config.configId}:${id}`, {
        bookingId: booking.bookingId,
        pmsReservationId: id,
        roomTypeId: booking.roomTypeId,
        ...(r?.checkIn ? { date: r.checkIn } : {}),
        detail: `PMS reservation ${id} carries our booking id ${booking.bookingId}, but that booking is ${booking.status}: the guest holds no booking with us (a create that timed out and was retried leaves such a reservation).`,
        action: failed ? `Cancelling it in the PMS failed (${failed}); the next run tries again.` : 'Cancelled in the PMS automatically.',
      }),
    );
  }
}

/** Nights where all channels together sold beyond the limit, as stored after the fresh read. */
async function checkOversold(run: Run, roomTypes: RoomType[], from: IsoDate, to: IsoDate): Promise<void> {
  for (const roomType of roomTypes.filter((r) => r.pmsRoomTypeId)) {
    for (const night of await run.deps.inventory.getNights(run.config.hotelId, roomType.roomTypeId, from, to)) {
      const external = night.external ?? 0;
      if (night.reserved + external <= night.sellLimit) continue;
      run.summary.found.OVERSOLD_NIGHT += 1;
      await run.findings.record(
        finding(run, 'OVERSOLD_NIGHT', `${run.config.hotelId}:${roomType.roomTypeId}:${night.date}`, {
          roomTypeId: roomType.roomTypeId,
          date: night.date,
          detail: `${night.date}: ${night.reserved + external} rooms of ${roomType.roomTypeId} are sold (${night.reserved} by us, ${external} by other channels) against a limit of ${night.sellLimit} (${night.total} rooms). Nothing more is sold; the hotel must move or cancel ${night.reserved + external - night.sellLimit} stay(s).`,
        }),
      );
    }
  }
}
