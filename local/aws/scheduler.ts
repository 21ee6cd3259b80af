import { randomUUID } from 'node:crypto';
import type { ScheduledEvent } from 'aws-lambda';
import type { ScheduleDefinition } from '../../shared/schedules/schedule-table.ts';
import type { HandlerLoader } from '../handlers/handler-loader.ts';
import { createLambdaContext, LOCAL_ACCOUNT_ID } from '../handlers/lambda-context.ts';

/**
 * The local stand-in for EventBridge schedules: each entry of the schedule table
 * (`shared/schedules/schedule-table.ts`) fires its handler every `everyMinutes` minutes, with the
 * "Scheduled Event" payload an EventBridge rule delivers. Runs of one job never overlap: a tick
 * that finds the previous run still going is skipped, so a slow sync cannot pile up on a laptop.
 */
export type ScheduleEntry = Pick<ScheduleDefinition, 'id' | 'handler' | 'everyMinutes'>;

/** A scheduled Lambda gets the whole time of its configured timeout; 5 minutes locally. */
export const SCHEDULED_TIMEOUT_MS = 5 * 60_000;

export interface RunReport {
  id: string;
  status: 'succeeded' | 'failed' | 'skipped';
  durationMs: number;
  error?: unknown;
}

export interface SchedulerOptions {
  schedules: readonly ScheduleEntry[];
  loadHandler: HandlerLoader;
  region?: string;
  /** Length of one "minute" in ms. */
  minuteMs?: number;
  /**
   * Calls `tick` every `intervalMs` until the returned function is called; `setInterval` by
   * default. Tests pass a ticker they drive by hand, so no test waits for a timer.
   */
  ticker?: Ticker;
  timeoutMs?: number;
  /** A run threw (the handler's error) or could not load its handler. */
  onError?: (error: unknown, schedule: ScheduleEntry) => void;
  /** Every run's outcome, including skipped ticks. */
  onRun?: (report: RunReport) => void;
}

export type Ticker = (intervalMs: number, tick: () => void) => () => void;

const intervalTicker: Ticker = (intervalMs, tick) => {
  const timer = setInterval(tick, intervalMs);
  return () => clearInterval(timer);
};

export interface Scheduler {
  /** Runs a job now, unless it is already running (then `skipped`). */
  runOnce(id: string): Promise<RunReport>;
  /** Clears the timers and waits for runs in progress. */
  stop(): Promise<void>;
}

/** The rule a schedule would be on AWS; the event's `resources` names it. */
export function ruleArnFor(id: string, region: string): string {
  return `arn:aws:events:${region}:${LOCAL_ACCOUNT_ID}:rule/hotel-booking-local-${id}`;
}

/** EventBridge's Scheduled Event, `time` to the second as EventBridge writes it. */
export function scheduledEvent(id: string, region: string, now: Date = new Date()): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: LOCAL_ACCOUNT_ID,
    time: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region,
    resources: [ruleArnFor(id, region)],
    detail: {},
  };
}

/** Invokes one job's handler once with a Scheduled Event; resolves to what the handler returned. */
export async function runScheduleOnce(
  schedule: ScheduleEntry,
  options: { loadHandler: HandlerLoader; region?: string; timeoutMs?: number },
): Promise<unknown> {
  const region = options.region ?? 'local';
  const handler = await options.loadHandler(schedule.handler);
  const context = createLambdaContext({ handler: schedule.handler, timeoutMs: options.timeoutMs ?? SCHEDULED_TIMEOUT_MS, region });
  return handler(scheduledEvent(schedule.id, region), context);
}

export function startScheduler(options: SchedulerOptions): Scheduler {
  const minuteMs = options.minuteMs ?? 60_000;
  const ticker = options.ticker ?? intervalTicker;
  const byId = new Map(options.schedules.map((s) => [s.id, s]));
  const running = new Map<string, Promise<RunReport>>();
  const stopTimers: Array<() => void> = [];
  let stopped = false;

  function run(schedule: ScheduleEntry): Promise<RunReport> {
    if (running.has(schedule.id)) {
      const report: RunReport = { id: schedule.id, status: 'skipped', durationMs: 0 };
      options.onRun?.(report);
      return Promise.resolve(report);
    }
    const started = Date.now();
    const execution = (async (): Promise<RunReport> => {
      try {
        await runScheduleOnce(schedule, {
          loadHandler: options.loadHandler,
          ...(options.region ? { region: options.region } : {}),
          ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        });
        return { id: schedule.id, status: 'succeeded', durationMs: Date.now() - started };
      } catch (error) {
        options.onError?.(error, schedule);
        return { id: schedule.id, status: 'failed', durationMs: Date.now() - started, error };
      }
    })().then((report) => {
      running.delete(schedule.id);
      options.onRun?.(report);
      return report;
    });
    running.set(schedule.id, execution);
    return execution;
  }

  for (const schedule of options.schedules) {
    if (!Number.isFinite(schedule.everyMinutes) || schedule.everyMinutes <= 0) {
      throw new Error(`Schedule ${schedule.id}: everyMinutes must be a positive number`);
    }
    stopTimers.push(ticker(schedule.everyMinutes * minuteMs, () => void run(schedule)));
  }

  return {
    runOnce(id) {
      const schedule = byId.get(id);
      if (!schedule) return Promise.reject(new Error(`No schedule with id ${id}`));
      if (stopped) return Promise.reject(new Error('The scheduler is stopped'));
      return run(schedule);
    },
    async stop() {
      stopped = true;
      for (const stopTimer of stopTimers.splice(0)) stopTimer();
      await Promise.allSettled([...running.values()]);
    },
  };
}
