import { addDays, todayIn } from '#domain/dates.ts';
import { toMinorUnits } from '#domain/money.ts';
import type { Hotel, RoomType } from '#domain/hotel.ts';
import type { PmsConfig } from '#domain/pms-config.ts';
import { PmsError } from '#domain/pms-errors.ts';
import type { PmsNight } from '#domain/pms.ts';
import { SIGNATURE_MAX_FUTURE_SECONDS, type WebhookApplyResult, type WebhookEvent, type WebhookQueueMessage } from '#domain/webhook.ts';
import { WebhookEventRejectedError } from '#domain/webhook-errors.ts';
import type { EventPublisher } from '#ports/event-publisher.port.ts';
import type { HotelCatalogReader } from '#ports/hotel-catalog.repository.ts';
import type { InventoryReader, PmsInventorySync } from '#ports/inventory.repository.ts';
import type { PmsClients } from '#ports/pms-clients.port.ts';
import type { PmsConfigRepository } from '#ports/pms-config.repository.ts';
import type { WebhookEventRepository, WebhookOutcome } from '#ports/webhook-event.repository.ts';
import { type HotelCancellationDeps } from '../../bookings/hotel-cancellation.use-case.ts';
import { applyPmsReservationStatus, bookingStatusForPms } from '../../bookings/lifecycle/pms-status.use-case.ts';
import { sellLimitsOf } from '../../inventory/sell-limits.ts';
import { applyPmsNights, type ApplySummary, type PmsNightFact } from '../apply-pms-nights.use-case.ts';
import { snapshotInPms, writeThroughNights } from '../polling/write-through.ts';
import { CloudbedsWebhookPayload, GenericWebhookPayload, type GenericWebhookPayload as GenericPayload, type InventoryNightUpdate } from './webhook-payloads.ts';

export interface ProcessWebhookDeps extends HotelCancellationDeps {
  webhookEvents: WebhookEventRepository;
  pmsConfigs: Pick<PmsConfigRepository, 'findByVendorHotel'>;
  catalog: Pick<HotelCatalogReader, 'getHotel' | 'listRoomTypes' | 'listRatePlans'>;
  inventory: PmsInventorySync & InventoryReader;
  events: EventPublisher;
  /** A client for the config's PMS, credentials opened (the re-fetch of Cloudbeds events). */
  pms: Pick<PmsClients, 'forConfig'>;
  clock: () => Date;
}

export type ProcessWebhookResult =
  | { status: 'PROCESSED'; result: WebhookApplyResult }
  | { status: 'IGNORED' | 'FAILED'; reason: string }
  /** Nothing done: the event is gone, or was finished by an earlier delivery. */
  | { status: 'SKIPPED'; reason: string };

/** Days a Cloudbeds event re-syncs when its config does not say (the polling horizon's default). */
const DEFAULT_RESYNC_DAYS = 30;

/**
 * Applies one stored webhook event (the SQS processor). Safe to run twice for one event: a finished
 * event is skipped, and every fact is applied through `applyPmsNights`, which ignores anything
 * older than what a night already holds, so neither a redelivery nor an out-of-order event can roll
 * inventory back.
 *
 * - generic `inventory_update` / `rate_update`: the event's nights, ordered by its `timestamp`.
 * - generic `reservation_update`: a sale, change or cancellation by any channel. The stay's nights
 *   are read again from the PMS (its `available` counts every channel), so other channels' sales
 *   reach our numbers; a status change of one of OUR bookings (cancelled, checked in or out,
 *   no-show) first goes through the booking status machine (`applyPmsReservationStatus`), then
 *   the nights are read.
 * - Cloudbeds (any event): the payload is only a hint, and Cloudbeds has no inventory or rate
 *   webhooks, so every delivery re-fetches the property's nights through the API for the config's
 *   polling horizon from today (default 30 days) and applies totals and prices of every mapped room
 *   type. A reservation payload carries no stay dates, and a fixed window is one call whatever
 *   changed, so the whole horizon is the simple choice that cannot miss a night. When the payload
 *   names a reservation, it is read first (`getReservation`): one of OUR bookings that the hotel
 *   cancelled becomes CANCELLED_BY_HOTEL and gives its rooms back before the nights are read.
 *
 * Failures that can never succeed (no config, an unmapped room type, a foreign currency, refused
 * credentials) mark the event FAILED and return; anything else (PMS down, storage error) marks it
 * FAILED as retryable and throws, so SQS delivers it again and finally moves it to the DLQ.
 */
export async function processPmsWebhook(deps: ProcessWebhookDeps, message: WebhookQueueMessage): Promise<ProcessWebhookResult> {
  const current = await deps.webhookEvents.get(message.vendor, message.eventId);
  if (!current) return { status: 'SKIPPED', reason: 'The event is not stored (removed after its enqueue failed, or expired).' };
  if (current.status === 'PROCESSED' || current.status === 'IGNORED' || (current.status === 'FAILED' && current.retryable === false)) {
    return { status: 'SKIPPED', reason: `The event is already ${current.status}.` };
  }
  const event = await deps.webhookEvents.startAttempt(message.vendor, message.eventId);
  if (!event) return { status: 'SKIPPED', reason: 'The event is no longer stored.' };

  let outcome: WebhookOutcome;
  try {
    outcome = event.vendor === 'generic' ? await applyGeneric(deps, event) : await applyCloudbeds(deps, event);
  } catch (error) {
    const permanent = error instanceof WebhookEventRejectedError || (error instanceof PmsError && !error.retryable);
    const reason = error instanceof Error ? error.message : String(error);
    await deps.webhookEvents.finish(event.vendor, event.eventId, { status: 'FAILED', error: reason, retryable: !permanent }, deps.clock());
    if (!permanent) throw error;
    return { status: 'FAILED', reason };
  }
  await deps.webhookEvents.finish(event.vendor, event.eventId, outcome, deps.clock());
  if (outcome.status === 'PROCESSED') return { status: 'PROCESSED', result: outcome.result };
  return { status: outcome.status, reason: outcome.status === 'IGNORED' ? outcome.note : outcome.error };
}

function toResult(summaries: ApplySummary[]): WebhookApplyResult {
  return {
    applied: summaries.reduce((n, s) => n + s.applied, 0),
    created: summaries.reduce((n, s) => n + s.created, 0),
    stale: summaries.reduce((n, s) => n + s.stale, 0),
    overbooked: summaries.flatMap((s) => s.overbooked),
  };
}

async function configFor(deps: ProcessWebhookDeps, event: WebhookEvent): Promise<PmsConfig> {
  const config = await deps.pmsConfigs.findByVendorHotel(event.vendor, event.pmsHotelId);
  if (!config) throw new WebhookEventRejectedError(`No ${event.vendor} PMS config exists for PMS hotel '${event.pmsHotelId}'.`);
  return config;
}

/**
 * How far a PMS's clock may run ahead of ours (issue 12: ordering that survives skew); the same
 * allowance the receiver gives a signature's `t`. Facts are ordered by the PMS's own event time, so
 * a PMS 30 s fast still has its events applied in the order it made them, instead of in the order
 * they arrived.
 */
export const PMS_CLOCK_SKEW_ALLOWANCE_MS = SIGNATURE_MAX_FUTURE_SECONDS * 1000;

/**
 * The ordering instant of an event's facts: its `timestamp`, but never later than its receipt plus
 * the skew allowance. A PMS clock further ahead would otherwise pin a night to a future instant,
 * and every real update until then would be ignored as older.
 */
function sourceAtOf(timestamp: string, receivedAt: string): string {
  const at = Math.min(Date.parse(timestamp), Date.parse(receivedAt) + PMS_CLOCK_SKEW_ALLOWANCE_MS);
  return new Date(at).toISOString();
}

/**
 * Two facts about a night conflicted: the event's was older than the one stored. Across clocks
 * that may be skew rather than age, so the nights the event is about are read again from the PMS
 * (every channel counted, as of now) and written through as of now plus the skew allowance: newer
 * than anything received so far. A later event inside that window conflicts again and re-reads
 * again, so the night converges on the PMS. When the PMS cannot answer, the event's own outcome
 * stands and the next poll heals the night.
 */
async function rereadOnConflict(
  deps: ProcessWebhookDeps,
  input: { hotel: Hotel; config: PmsConfig; roomType: RoomType; dates: string[]; ref: { type: 'event'; id: string } },
): Promise<{ summary?: ApplySummary; note?: string }> {
  const sorted = [...input.dates].sort();
  const from = sorted[0];
  const to = sorted.at(-1);
  if (!from || !to) return {};
  try {
    const client = await deps.pms.forConfig(input.config);
    const inPmsBefore = await snapshotInPms(deps.inventory, { hotelId: input.config.hotelId, roomTypes: [input.roomType], from, to });
    const nights = (await client.getNights(from, to)).filter((n) => n.pmsRoomTypeId === input.roomType.pmsRoomTypeId);
    const written = await writeThroughNights(
      { inventory: deps.inventory, events: deps.events, clock: deps.clock },
      {
        hotel: input.hotel,
        config: input.config,
        roomTypes: [input.roomType],
        nights,
        sourceAt: new Date(deps.clock().getTime() + PMS_CLOCK_SKEW_ALLOWANCE_MS).toISOString(),
        ref: input.ref,
        inPmsBefore,
      },
    );
    return {
      summary: { applied: written.applied, created: written.created, stale: written.stale, overbooked: written.overbooked.map((o) => o.date) },
      note: `Older than a stored fact: re-read ${from}..${to} from the PMS.`,
    };
  } catch (error) {
    // Best effort: the event itself was applied (or rightly ignored) either way.
    const why = error instanceof Error ? error.message : String(error);
    return { note: `Older than a stored fact; the PMS re-read failed (${why}): the next poll heals these nights.` };
  }
}

/** The stored body, read back through the receiver's schema; it passed once, so a failure here is final. */
function readPayload<T>(event: WebhookEvent, parse: (json: unknown) => T): T {
  try {
    return parse(JSON.parse(event.payload));
  } catch (error) {
    throw new WebhookEventRejectedError('The stored event body is not a valid event.', { cause: error });
  }
}

async function applyGeneric(deps: ProcessWebhookDeps, event: WebhookEvent): Promise<WebhookOutcome> {
  const payload: GenericPayload = readPayload(event, (json) => GenericWebhookPayload.parse(json));
  const config = await configFor(deps, event);
  const roomTypes = await deps.catalog.listRoomTypes(config.hotelId);
  const roomType = roomTypes.find((r) => r.pmsRoomTypeId === payload.roomTypeId);
  if (!roomType) {
    throw new WebhookEventRejectedError(
      `PMS room type '${payload.roomTypeId}' of PMS hotel '${payload.hotelId}' is not mapped to a room type of hotel '${config.hotelId}'.`,
    );
  }
  const hotel = await deps.catalog.getHotel(config.hotelId);
  if (!hotel) throw new WebhookEventRejectedError(`Hotel '${config.hotelId}' of the PMS config does not exist.`);
  const sourceAt = sourceAtOf(payload.timestamp, event.receivedAt);
  const applyDeps = { inventory: deps.inventory, events: deps.events, clock: deps.clock };
  const ref = { type: 'event', id: `${event.vendor}:${event.eventId}` } as const;
  const target = { hotelId: config.hotelId, roomTypeId: roomType.roomTypeId, sourceAt, limits: sellLimitsOf(hotel, config), ref };

  if (payload.eventType === 'reservation_update') {
    const { data } = payload;
    let cancellation = '';
    if (data.externalId && bookingStatusForPms(data.status)) {
      // A status change of one of OUR bookings (cancelled, checked in or out, no-show), through the status machine.
      const outcome = await applyPmsReservationStatus(deps, {
        bookingId: data.externalId,
        pmsStatus: data.status,
        pmsReservationId: data.reservationId,
        source: `webhook ${event.vendor}:${event.eventId}`,
      });
      cancellation = `; our booking ${data.externalId}: ${outcome}`;
    }
    // The stay's nights as the PMS counts them now, every channel included: newer than the event.
    const client = await deps.pms.forConfig(config);
    const lastNight = addDays(data.checkOut, -1);
    const inPmsBefore = await snapshotInPms(deps.inventory, { hotelId: config.hotelId, roomTypes: [roomType], from: data.checkIn, to: lastNight });
    const nights = await client.getNights(data.checkIn, lastNight);
    const written = await writeThroughNights(applyDeps, {
      hotel,
      config,
      roomTypes: [roomType],
      nights,
      sourceAt: deps.clock().toISOString(),
      ref,
      inPmsBefore,
    });
    return {
      status: 'PROCESSED',
      result: { applied: written.applied, created: written.created, stale: written.stale, overbooked: written.overbooked.map((o) => o.date) },
      note: `Reservation ${data.reservationId} ${data.status}: re-read ${data.checkIn}..${lastNight}${cancellation}.`,
    };
  }

  if (payload.eventType === 'inventory_update') {
    // Prices nights the PMS reports before we ever had them, until its rate_update arrives.
    const plans = await deps.catalog.listRatePlans(config.hotelId, roomType.roomTypeId);
    const plan = plans.find((p) => p.isActive) ?? plans[0];
    if (!plan) throw new WebhookEventRejectedError(`Room type '${roomType.roomTypeId}' of hotel '${config.hotelId}' has no rate plan to price new nights.`);
    const nights: PmsNightFact[] = payload.data.inventory.map((n) => ({ date: n.date, total: n.total, ...restrictionsOf(n) }));
    const summary = await applyPmsNights(applyDeps, { ...target, nights, fallbackPriceMinor: plan.basePriceMinor, currency: plan.currency });
    return withRereadOnConflict(deps, summary, { hotel, config, roomType, dates: nights.map((n) => n.date), ref });
  }

  const foreign = payload.data.rates.find((r) => r.currency !== hotel.currency);
  if (foreign) {
    throw new WebhookEventRejectedError(`Rates must be in the hotel's currency ${hotel.currency}, not ${foreign.currency}.`);
  }
  const nights: PmsNightFact[] = payload.data.rates.map((r) => ({ date: r.date, priceMinor: toMinorUnits(r.price, r.currency), currency: r.currency }));
  const summary = await applyPmsNights(applyDeps, { ...target, nights, fallbackPriceMinor: 0, currency: hotel.currency });
  return withRereadOnConflict(deps, summary, { hotel, config, roomType, dates: nights.map((n) => n.date), ref });
}

async function withRereadOnConflict(
  deps: ProcessWebhookDeps,
  summary: ApplySummary,
  input: Parameters<typeof rereadOnConflict>[1],
): Promise<WebhookOutcome> {
  if (summary.stale === 0) return { status: 'PROCESSED', result: toResult([summary]) };
  const reread = await rereadOnConflict(deps, input);
  return { status: 'PROCESSED', result: toResult(reread.summary ? [summary, reread.summary] : [summary]), ...(reread.note ? { note: reread.note } : {}) };
}

async function applyCloudbeds(deps: ProcessWebhookDeps, event: WebhookEvent): Promise<WebhookOutcome> {
  const payload = readPayload(event, (json) => CloudbedsWebhookPayload.parse(json));
  const config = await configFor(deps, event);
  const hotel = await deps.catalog.getHotel(config.hotelId);
  if (!hotel) throw new WebhookEventRejectedError(`Hotel '${config.hotelId}' of the PMS config does not exist.`);
  const now = deps.clock();
  const from = todayIn(hotel.timeZone, now);
  const to = addDays(from, Math.max(1, config.pollingHorizonDays || DEFAULT_RESYNC_DAYS) - 1);
  const client = await deps.pms.forConfig(config);
  // The payload only names the reservation; what it is now comes from the API. A cancellation of
  // one of OUR bookings gives its rooms back (and leaves the PMS's count) BEFORE the nights are read,
  // as in the generic path, so the read does not count those rooms as another channel's.
  let cancellation = '';
  if (payload.reservationID !== undefined) {
    const reservation = await client.getReservation(String(payload.reservationID));
    if (reservation?.externalId && bookingStatusForPms(reservation.status)) {
      const outcome = await applyPmsReservationStatus(deps, {
        bookingId: reservation.externalId,
        pmsStatus: reservation.status,
        pmsReservationId: reservation.reservationId,
        source: `webhook ${event.vendor}:${event.eventId}`,
      });
      cancellation = `; our booking ${reservation.externalId}: ${outcome}`;
    }
  }
  const roomTypes = await deps.catalog.listRoomTypes(config.hotelId);
  const inPmsBefore = await snapshotInPms(deps.inventory, { hotelId: config.hotelId, roomTypes, from, to });
  const nights = await client.getNights(from, to);
  const unmapped = [...new Set(nights.map((n) => n.pmsRoomTypeId))].filter((id) => !roomTypes.some((r) => r.pmsRoomTypeId === id));
  // What the API answers now is the state as of now: newer than any event already applied.
  const written = await writeThroughNights(
    { inventory: deps.inventory, events: deps.events, clock: deps.clock },
    { hotel, config, roomTypes, nights, sourceAt: now.toISOString(), ref: { type: 'event', id: `${event.vendor}:${event.eventId}` }, inPmsBefore },
  );
  return {
    status: 'PROCESSED',
    result: { applied: written.applied, created: written.created, stale: written.stale, overbooked: written.overbooked.map((o) => o.date) },
    note: `Re-fetched ${from}..${to}${unmapped.length > 0 ? `; PMS room types without a room type here: ${unmapped.join(', ')}` : ''}${cancellation}.`,
  };
}

/**
 * The restrictions an `inventory_update` night carries (protocol 1.1 sends the night's whole state,
 * so any of them present means all are: an absent or false one is lifted); none for a 1.0 night
 * with only `total`, which leaves the night's restrictions as they are. Its `available` is not
 * used: what the PMS counted when it sent the event may predate a reservation of ours counted since
 * (a `reservation_update` re-reads the stay instead), so other channels' sales keep their last value.
 */
function restrictionsOf(night: InventoryNightUpdate): Pick<PmsNightFact, 'restrictions'> {
  const keys = ['minStay', 'maxStay', 'closedToArrival', 'closedToDeparture', 'stopSell'] as const;
  if (!keys.some((k) => night[k] !== undefined)) return {};
  return {
    restrictions: {
      ...(night.minStay ? { minStay: night.minStay } : {}),
      ...(night.maxStay ? { maxStay: night.maxStay } : {}),
      ...(night.closedToArrival ? { closedToArrival: true } : {}),
      ...(night.closedToDeparture ? { closedToDeparture: true } : {}),
      ...(night.stopSell ? { stopSell: true } : {}),
    },
  };
}
