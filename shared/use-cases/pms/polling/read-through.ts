import { canAttempt, justOpened, onAttempt, onFailure, onSuccess, circuitStateValue, type Circuit } from '#domain/circuit-breaker.ts';
import { addDays, datesInclusive, todayIn, type IsoDate } from '#domain/dates.ts';
import type { RoomType } from '#domain/hotel.ts';
import type { InventoryNight } from '#domain/inventory.ts';
import type { PmsConfig } from '#domain/pms-config.ts';
import { PmsUnavailableError } from '#domain/pms-errors.ts';
import type { PmsNight } from '#domain/pms.ts';
import { logger } from '#observability/logger.ts';
import { describeFailure, type PmsSyncDeps } from './poll-pms-config.use-case.ts';
import { PMS_METRIC } from './pms-sync-metrics.ts';
import { writeThroughNights } from './write-through.ts';

/** The most never-synced nights one read fetches live: a calendar page, not a year of PMS calls. */
export const MAX_LIVE_READ_DAYS = 90;

/** A read waits this long for the PMS, then answers from what we have; the PMS adapter's own timeout is longer. */
export const DEFAULT_LIVE_READ_TIMEOUT_MS = 3_000;

export interface LiveReadDeps extends PmsSyncDeps {
  liveReadTimeoutMs?: number;
  /**
   * Waits out the read's budget; a real timer by default (cancelled through `signal` once the PMS
   * answered). Injected so a test runs the budget on a fake clock.
   */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** A real timer that the signal cancels; a cancelled wait just never ends. */
function realSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  });
}

/**
 * What an inventory read should do with the nights it found:
 * - `none`: serve them as they are (no PMS, nothing missing and the PMS healthy).
 * - `fetched`: missing nights were written through from the PMS: read again and serve fresh.
 * - `unavailable`: nights are missing and the PMS could not fill them (circuit open, error or
 *   timeout): serve what we have, every night marked stale.
 * - `degraded`: nothing missing, but the circuit is not closed: nights not confirmed by the PMS
 *   since `staleBefore` are marked stale.
 */
export type ReadThroughOutcome =
  | { kind: 'none' }
  | { kind: 'fetched' }
  | { kind: 'unavailable'; reason: 'circuit_open' | 'pms_failed' | 'error'; vendor?: string }
  | { kind: 'degraded'; staleBefore: string; vendor: string };

function earlier(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}

/** Races the PMS with the read's budget; the late answer, if any, is dropped quietly. */
function withTimeout<T>(call: Promise<T>, ms: number, vendor: string, sleep: NonNullable<LiveReadDeps['sleep']>): Promise<T> {
  call.catch(() => undefined);
  const budget = new AbortController();
  const timeout = sleep(ms, budget.signal).then(() => {
    throw new PmsUnavailableError(`The PMS did not answer within ${ms} ms`, { vendor });
  });
  timeout.catch(() => undefined);
  return Promise.race([call, timeout]).finally(() => budget.abort());
}

async function saveCircuit(deps: LiveReadDeps, config: PmsConfig, previous: Circuit, next: Circuit): Promise<void> {
  if (next === previous || (next.state === previous.state && next.failures === previous.failures && next.openedAt === previous.openedAt)) return;
  try {
    await deps.configs.patch(config.configId, { circuit: next });
  } catch (error) {
    // Bookkeeping only: the read still answers.
    logger.warn('Could not record the PMS circuit after a live read', { configId: config.configId, error: error as Error });
  }
  if (next.state !== previous.state) deps.metrics.record(PMS_METRIC.circuitState, config.vendor, circuitStateValue(next.state));
  if (justOpened(previous, next)) {
    logger.warn('PMS circuit opened by a live read', { configId: config.configId, vendor: config.vendor, failures: next.failures });
    deps.metrics.record(PMS_METRIC.circuitOpened, config.vendor);
  }
}

/**
 * Fills the gaps of an inventory read from the PMS. Nights of the range that are not in DynamoDB
 * (never synced: a hotel imported with 30 days, a guest looking at next spring) are fetched live
 * for a bounded span (`MAX_LIVE_READ_DAYS` from the first gap, today onwards in the hotel's zone)
 * and written through with the same rules as polling. The call goes through the config's circuit
 * breaker, shared with polling: an open circuit means no call at all, and a failed or slow call
 * counts toward opening it.
 *
 * Never throws: the PMS being down (or anything on the way to it) turns into `unavailable`, and
 * the read answers with what it has. A hotel without an active PMS config gets `none`.
 */
export async function readThroughMissingNights(
  deps: LiveReadDeps,
  input: { roomType: RoomType; startDate: IsoDate; endDate: IsoDate; stored: InventoryNight[] },
): Promise<ReadThroughOutcome> {
  const { roomType } = input;
  let config: PmsConfig | undefined;
  try {
    config = await deps.configs.findByHotel(roomType.hotelId);
    if (!config || !config.isActive || !roomType.pmsRoomTypeId) return { kind: 'none' };
    const now = deps.clock();
    const have = new Set(input.stored.map((n) => n.date));
    const gaps = datesInclusive(input.startDate, input.endDate).filter((d) => !have.has(d));
    // The hotel (its time zone) is only read when there is a gap: nights already past are not fetched.
    const hotel = gaps.length > 0 ? await deps.catalog.getHotel(roomType.hotelId) : undefined;
    const today = hotel ? todayIn(hotel.timeZone, now) : undefined;
    const missing = hotel && today ? gaps.filter((d) => d >= today) : [];
    if (!hotel || missing.length === 0) {
      if (config.circuit.state === 'CLOSED') return { kind: 'none' };
      const staleBefore = new Date(now.getTime() - 2 * config.pollingIntervalSeconds * 1000).toISOString();
      return { kind: 'degraded', staleBefore, vendor: config.vendor };
    }
    if (!canAttempt(config.circuit, now)) return { kind: 'unavailable', reason: 'circuit_open', vendor: config.vendor };

    const from = missing[0]!;
    const to = earlier(missing[missing.length - 1]!, addDays(from, MAX_LIVE_READ_DAYS - 1));
    const client = await deps.pms.forConfig(config);
    const trial = onAttempt(config.circuit, now);
    await saveCircuit(deps, config, config.circuit, trial);
    let nights: PmsNight[];
    try {
      nights = await withTimeout(client.getNights(from, to), deps.liveReadTimeoutMs ?? DEFAULT_LIVE_READ_TIMEOUT_MS, config.vendor, deps.sleep ?? realSleep);
    } catch (error) {
      await saveCircuit(deps, config, trial, onFailure(trial, deps.clock()));
      logger.warn('Live PMS read failed; serving stored inventory as stale', {
        configId: config.configId,
        vendor: config.vendor,
        hotelId: roomType.hotelId,
        roomTypeId: roomType.roomTypeId,
        from,
        to,
        error: describeFailure(error),
      });
      deps.metrics.record(PMS_METRIC.liveReadFailed, config.vendor);
      return { kind: 'unavailable', reason: 'pms_failed', vendor: config.vendor };
    }
    await saveCircuit(deps, config, trial, onSuccess(trial));
    // Missing nights have no `inPms` of ours to take into account: nothing of ours is on them.
    const written = await writeThroughNights(deps, {
      hotel,
      config,
      roomTypes: [roomType],
      nights: nights.filter((n) => n.pmsRoomTypeId === roomType.pmsRoomTypeId),
      sourceAt: now.toISOString(),
      ref: { type: 'read', id: `${roomType.roomTypeId}@${now.toISOString()}` },
    });
    logger.info('Fetched never-synced nights from the PMS', {
      configId: config.configId,
      hotelId: roomType.hotelId,
      roomTypeId: roomType.roomTypeId,
      from,
      to,
      created: written.created,
      applied: written.applied,
    });
    deps.metrics.record(PMS_METRIC.liveReadSucceeded, config.vendor);
    return { kind: 'fetched' };
  } catch (error) {
    logger.error('Live inventory read-through failed; serving stored inventory as stale', {
      hotelId: roomType.hotelId,
      roomTypeId: roomType.roomTypeId,
      ...(config ? { configId: config.configId } : {}),
      error: error as Error,
    });
    return { kind: 'unavailable', reason: 'error', ...(config ? { vendor: config.vendor } : {}) };
  }
}
