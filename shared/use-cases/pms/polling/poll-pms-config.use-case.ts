import {
  circuitStateValue,
  justOpened,
  onAttempt,
  onFailure,
  onSuccess,
  type Circuit,
} from '#domain/circuit-breaker.ts';
import { addDays, todayIn, type IsoDate } from '#domain/dates.ts';
import { DomainError } from '#domain/errors.ts';
import { PmsError } from '#domain/pms-errors.ts';
import type { CircuitState, PmsConfig } from '#domain/pms-config.ts';
import type { PmsNight, PmsVendor } from '#domain/pms.ts';
import type { EventPublisher } from '#ports/event-publisher.port.ts';
import type { HotelCatalogReader } from '#ports/hotel-catalog.repository.ts';
import type { InventoryReader, PmsInventorySync } from '#ports/inventory.repository.ts';
import type { PmsClient } from '#ports/pms.port.ts';
import type { PmsClients } from '#ports/pms-clients.port.ts';
import type { PmsConfigRepository } from '#ports/pms-config.repository.ts';
import { logger } from '#observability/logger.ts';
import { PMS_METRIC, type PmsSyncMetrics } from './pms-sync-metrics.ts';
import { applyPolledHotelCancellations, type PolledCancellationDeps } from './polled-hotel-cancellations.ts';
import { snapshotInPms, writeThroughNights, type WriteThroughSummary } from './write-through.ts';

/** Consecutive failed polls after which a config is paused until an admin steps in. */
export const PAUSE_AFTER_FAILED_POLLS = 5;

/** Published when a config is paused; operations un-pause it (PATCH) or run "sync now". */
export const POLLING_PAUSED_EVENT = 'pms.polling.paused';

/** What polling and live reads need; the composition root builds it (`pmsSyncDeps`). */
export interface PmsSyncDeps {
  configs: Pick<PmsConfigRepository, 'get' | 'list' | 'findByHotel' | 'patch'>;
  /** Opens a config's credentials and builds its client. */
  pms: Pick<PmsClients, 'forConfig'>;
  catalog: Pick<HotelCatalogReader, 'getHotel' | 'listRoomTypes'>;
  inventory: PmsInventorySync & InventoryReader;
  events: EventPublisher;
  clock: () => Date;
  metrics: PmsSyncMetrics;
  /**
   * Our bookings, holds and findings: given to the poll (the schedule and "sync now"), which then
   * takes back our bookings the hotel cancelled in a PMS without webhooks. Live reads leave it out.
   */
  ourBookings?: PolledCancellationDeps;
}

export type PollTrigger = 'schedule' | 'manual';

export interface PollOutcome {
  configId: string;
  hotelId: string;
  vendor: PmsVendor;
  trigger: PollTrigger;
  status: 'ok' | 'failed';
  /** The nights asked for, in the hotel's calendar; absent when the poll failed before asking. */
  range?: { from: IsoDate; to: IsoDate };
  nights: { applied: number; created: number; stale: number; unmapped: number };
  overbooked: WriteThroughSummary['overbooked'];
  /** Our bookings this poll found cancelled by the hotel (PMSs without webhooks only). */
  hotelCancelled: string[];
  durationMs: number;
  /** Our message for what went wrong; never a vendor's body, never a credential. */
  error?: string;
  consecutiveFailures: number;
  paused: boolean;
  circuit: CircuitState;
}

/** A poll that could not start for a reason of ours (no hotel in the catalog): not the PMS's fault. */
class PollSetupError extends DomainError {
  override readonly name = 'PollSetupError';
  readonly code = 'PMS_POLL_SETUP';
}

/**
 * What is stored as `lastError` and returned to admins: the domain error's code and our own
 * message (PMS adapters keep the vendor's text in `cause`, which is never read here), or the error
 * class and message for anything else; bounded, so a runaway message cannot bloat the config.
 */
export function describeFailure(error: unknown): string {
  const text =
    error instanceof DomainError
      ? `${error.code}: ${error.message}`
      : error instanceof Error
        ? `${error.name}: ${error.message}`
        : 'Unknown error';
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}

/**
 * One poll of one PMS config: the next `pollingHorizonDays` nights (from today in the hotel's time
 * zone) are read from the PMS and written through to our inventory (at a PMS without webhooks or a config
 * with them off, given `ourBookings`, after taking back our bookings the hotel cancelled there: `applyPolledHotelCancellations`,
 * one more PMS call a poll), then the outcome is recorded
 * on the config: `lastPollAt`, `lastSyncAt` on success, `lastError`, `consecutiveFailures`, the
 * circuit breaker. The fifth consecutive failed poll pauses the config and publishes
 * `pms.polling.paused`. A manual poll ("sync now") that succeeds un-pauses it.
 *
 * The breaker counts the PMS call only: a failure of ours (no hotel, a DynamoDB write) fails the
 * poll but says nothing about the PMS. The caller decides whether the breaker allows the poll
 * (`canAttempt`); "sync now" deliberately ignores it, so an admin can test a repaired connection.
 *
 * `updatedAt` is left alone: it marks changes to the config itself (the PMS resolver rebuilds its
 * client when it moves), not sync bookkeeping.
 *
 * Never throws for a failed poll; throws only when the outcome cannot be recorded (storage down).
 */
export async function pollPmsConfig(
  deps: PmsSyncDeps,
  config: PmsConfig,
  options: { trigger: PollTrigger; dispatchedAt?: Date },
): Promise<PollOutcome> {
  const startedAt = deps.clock();
  // Scheduled polls record the dispatcher's tick, so "due" is measured tick to tick and a poll that
  // started late in one run is not pushed back by a whole minute in the next.
  const pollAt = (options.dispatchedAt ?? startedAt).toISOString();
  const trial = onAttempt(config.circuit, startedAt);
  // Claim the poll before calling the PMS: an overlapping run sees it as not due, and other Lambdas
  // see a half-open trial in flight.
  await deps.configs.patch(config.configId, { lastPollAt: pollAt, ...(trial !== config.circuit ? { circuit: trial } : {}) });

  let circuit: Circuit = trial;
  let range: PollOutcome['range'];
  let written: WriteThroughSummary | undefined;
  let hotelCancelled: string[] = [];
  let failure: unknown;
  try {
    const hotel = await deps.catalog.getHotel(config.hotelId);
    if (!hotel) throw new PollSetupError(`Hotel '${config.hotelId}' of this PMS config is not in the catalog`);
    const from = todayIn(hotel.timeZone, startedAt);
    range = { from, to: addDays(from, Math.max(1, config.pollingHorizonDays) - 1) };
    const client = await deps.pms.forConfig(config);
    const roomTypes = await deps.catalog.listRoomTypes(config.hotelId);
    const ref = { type: 'poll' as const, id: `${config.configId}@${pollAt}` };
    if (deps.ourBookings && (!client.capabilities.webhooks || !config.webhookEnabled)) {
      // Nothing pushes a hotel-side cancellation to us (no webhooks at this PMS, or turned off for
      // this config): the poll looks for them, before the nights
      // are read, so the rooms they free are not counted as other channels' sales.
      try {
        hotelCancelled = await applyPolledHotelCancellations({ ...deps.ourBookings, events: deps.events, clock: deps.clock }, client, { ...range, source: ref.id });
      } catch (error) {
        if (error instanceof PmsError || !(error instanceof DomainError)) circuit = onFailure(trial, deps.clock());
        throw error;
      }
    }
    const inPmsBefore = await snapshotInPms(deps.inventory, { hotelId: config.hotelId, roomTypes, ...range });
    let nights: PmsNight[];
    try {
      nights = await client.getNights(range.from, range.to);
      circuit = onSuccess(trial);
    } catch (error) {
      circuit = onFailure(trial, deps.clock());
      throw error;
    }
    written = await writeThroughNights(deps, {
      hotel,
      config,
      roomTypes,
      nights,
      sourceAt: startedAt.toISOString(),
      ref,
      inPmsBefore,
    });
  } catch (error) {
    failure = error;
  }

  const finishedAt = deps.clock();
  const durationMs = finishedAt.getTime() - startedAt.getTime();
  const outcome: PollOutcome = {
    configId: config.configId,
    hotelId: config.hotelId,
    vendor: config.vendor,
    trigger: options.trigger,
    status: failure === undefined ? 'ok' : 'failed',
    ...(range ? { range } : {}),
    nights: { applied: written?.applied ?? 0, created: written?.created ?? 0, stale: written?.stale ?? 0, unmapped: written?.unmapped ?? 0 },
    overbooked: written?.overbooked ?? [],
    hotelCancelled,
    durationMs,
    consecutiveFailures: 0,
    paused: false,
    circuit: circuit.state,
  };

  if (failure === undefined) {
    await deps.configs.patch(config.configId, {
      lastSyncAt: finishedAt.toISOString(),
      consecutiveFailures: 0,
      circuit,
      // A scheduled poll never runs for a paused config; a manual one that works lifts the pause.
      ...(config.paused ? { paused: false } : {}),
    });
    logger.info('PMS poll succeeded', { configId: config.configId, vendor: config.vendor, trigger: options.trigger, ...outcome.nights, hotelCancelled: hotelCancelled.length, durationMs });
    deps.metrics.record(PMS_METRIC.pollSucceeded, config.vendor);
  } else {
    const error = describeFailure(failure);
    const consecutiveFailures = config.consecutiveFailures + 1;
    const pauseNow = !config.paused && consecutiveFailures >= PAUSE_AFTER_FAILED_POLLS;
    outcome.error = error;
    outcome.consecutiveFailures = consecutiveFailures;
    outcome.paused = config.paused || pauseNow;
    await deps.configs.patch(config.configId, {
      lastError: error,
      consecutiveFailures,
      circuit,
      ...(pauseNow ? { paused: true } : {}),
    });
    logger.warn('PMS poll failed', { configId: config.configId, vendor: config.vendor, trigger: options.trigger, error, consecutiveFailures, circuit: circuit.state });
    deps.metrics.record(PMS_METRIC.pollFailed, config.vendor);
    if (pauseNow) await pausePolling(deps, config, { consecutiveFailures, error, at: finishedAt });
  }
  deps.metrics.record(PMS_METRIC.consecutiveFailures, config.vendor, outcome.consecutiveFailures);
  deps.metrics.record(PMS_METRIC.circuitState, config.vendor, circuitStateValue(circuit.state));
  if (justOpened(config.circuit, circuit)) {
    logger.warn('PMS circuit opened', { configId: config.configId, vendor: config.vendor, failures: circuit.failures });
    deps.metrics.record(PMS_METRIC.circuitOpened, config.vendor);
  }
  return outcome;
}

/** Tells operations; the pause itself is already stored, so a lost event never un-pauses anything. */
async function pausePolling(
  deps: PmsSyncDeps,
  config: PmsConfig,
  input: { consecutiveFailures: number; error: string; at: Date },
): Promise<void> {
  const pausedAt = input.at.toISOString();
  logger.error('PMS polling paused after consecutive failures', { configId: config.configId, vendor: config.vendor, consecutiveFailures: input.consecutiveFailures });
  deps.metrics.record(PMS_METRIC.pollingPaused, config.vendor);
  try {
    await deps.events.publish([
      {
        type: POLLING_PAUSED_EVENT,
        detail: {
          eventId: `${config.configId}:paused:${pausedAt}`,
          configId: config.configId,
          hotelId: config.hotelId,
          vendor: config.vendor,
          pmsHotelId: config.pmsHotelId,
          consecutiveFailures: input.consecutiveFailures,
          lastError: input.error,
          pausedAt,
        },
      },
    ]);
  } catch (error) {
    // The metric and the log line above still raise the alarm.
    logger.error('Could not publish pms.polling.paused', { configId: config.configId, error: error as Error });
  }
}
