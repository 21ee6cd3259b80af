import type { Context, ScheduledEvent } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import type { HandlerLoader, LambdaHandler } from '../../../local/handlers/handler-loader.ts';
import { runScheduleOnce, startScheduler, type RunReport, type Scheduler, type Ticker } from '../../../local/aws/scheduler.ts';

/** A ticker the test drives: `tick()` fires every interval once, as if it had elapsed. No timers. */
function manualTicker() {
  const ticks: Array<{ intervalMs: number; tick: () => void; stopped: boolean }> = [];
  const ticker: Ticker = (intervalMs, tick) => {
    const entry = { intervalMs, tick, stopped: false };
    ticks.push(entry);
    return () => {
      entry.stopped = true;
    };
  };
  return {
    ticker,
    intervals: () => ticks.map((t) => t.intervalMs),
    tick: () => ticks.filter((t) => !t.stopped).forEach((t) => t.tick()),
    running: () => ticks.filter((t) => !t.stopped).length,
  };
}

/** Lets promise callbacks run (a handler's `await`s), without waiting for any timer. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A handler that records each call in one ordered log and can be held open by the test, to
 * observe overlap and shutdown.
 */
function recordingHandler(options: { hold?: boolean; fail?: boolean } = {}) {
  const calls: Array<{ event: ScheduledEvent; context: Context }> = [];
  const log: string[] = [];
  const releases: Array<() => void> = [];
  let active = 0;
  let maxActive = 0;
  const handler: LambdaHandler = async (event, context) => {
    calls.push({ event: event as ScheduledEvent, context });
    log.push('started');
    active += 1;
    maxActive = Math.max(maxActive, active);
    try {
      if (options.hold) await new Promise<void>((resolve) => releases.push(resolve));
      if (options.fail) throw new Error('sync failed');
      return { synced: true };
    } finally {
      active -= 1;
      log.push('ended');
    }
  };
  const loadHandler: HandlerLoader = async (name) => {
    if (name !== 'jobs/sync') throw new Error(`unexpected handler ${name}`);
    return handler;
  };
  return { calls, log, loadHandler, maxActive: () => maxActive, release: () => releases.splice(0).forEach((r) => r()) };
}

describe('local scheduler', () => {
  let scheduler: Scheduler | undefined;

  afterEach(async () => {
    await scheduler?.stop();
    scheduler = undefined;
  });

  it('fires the handler on its interval with an EventBridge Scheduled Event and a Lambda context', async () => {
    const job = recordingHandler();
    const clock = manualTicker();
    scheduler = startScheduler({ schedules: [{ id: 'pms-sync', handler: 'jobs/sync', everyMinutes: 2 }], loadHandler: job.loadHandler, region: 'local', ticker: clock.ticker });

    for (let i = 0; i < 3; i += 1) {
      clock.tick();
      await settle();
    }

    expect(clock.intervals()).toEqual([120_000]);
    expect(job.calls).toHaveLength(3);
    const { event, context } = job.calls[0]!;
    expect(event).toMatchObject({
      version: '0',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      region: 'local',
      resources: [expect.stringMatching(/^arn:aws:events:local:\d{12}:rule\/.*pms-sync$/)],
      detail: {},
    });
    expect(event.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(job.calls[1]!.event.id).not.toBe(event.id);
    expect(context.functionName).toBe('hotel-booking-local-jobs-sync');
    expect(context.getRemainingTimeInMillis()).toBeGreaterThan(0);
  });

  it('never runs two invocations of one job at once: ticks during a run are skipped', async () => {
    const job = recordingHandler({ hold: true });
    const clock = manualTicker();
    const reports: RunReport[] = [];
    scheduler = startScheduler({
      schedules: [{ id: 'slow', handler: 'jobs/sync', everyMinutes: 1 }],
      loadHandler: job.loadHandler,
      ticker: clock.ticker,
      onRun: (r) => reports.push(r),
    });

    clock.tick();
    await settle();
    clock.tick();
    clock.tick();
    job.release();
    await settle();
    clock.tick();
    await settle();
    job.release();
    await settle();

    expect(job.maxActive()).toBe(1);
    expect(reports.map((r) => r.status)).toEqual(['skipped', 'skipped', 'succeeded', 'succeeded']);
  });

  it('stop() clears the timers and waits for the run in progress', async () => {
    const job = recordingHandler({ hold: true });
    const clock = manualTicker();
    scheduler = startScheduler({ schedules: [{ id: 'slow', handler: 'jobs/sync', everyMinutes: 1 }], loadHandler: job.loadHandler, ticker: clock.ticker });
    void scheduler.runOnce('slow');
    await settle();

    const stopped = scheduler.stop().then(() => job.log.push('stopped'));
    await settle();
    job.release();
    await stopped;

    expect(clock.running()).toBe(0);
    expect(job.log).toEqual(['started', 'ended', 'stopped']);
    await expect(scheduler.runOnce('slow')).rejects.toThrow(/stopped/);
  });

  it('runOnce reports a failed run and hands the error to onError', async () => {
    const job = recordingHandler({ fail: true });
    const errors: unknown[] = [];
    scheduler = startScheduler({
      schedules: [{ id: 'broken', handler: 'jobs/sync', everyMinutes: 5 }],
      loadHandler: job.loadHandler,
      ticker: manualTicker().ticker,
      onError: (error) => errors.push(error),
    });

    const report = await scheduler.runOnce('broken');

    expect(report.status).toBe('failed');
    expect((errors[0] as Error).message).toBe('sync failed');
    await expect(scheduler.runOnce('nope')).rejects.toThrow(/No schedule/);
  });

  it('runScheduleOnce invokes a job directly and returns its result', async () => {
    const job = recordingHandler();

    const result = await runScheduleOnce({ id: 'pms-sync', handler: 'jobs/sync', everyMinutes: 5 }, { loadHandler: job.loadHandler });

    expect(result).toEqual({ synced: true });
    expect(job.calls[0]!.event.source).toBe('aws.events');
  });
});
