import type { Context, ScheduledEvent } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import type { HandlerLoader, LambdaHandler } from '../../local/http-server.ts';
import { runScheduleOnce, startScheduler, type RunReport, type Scheduler } from '../../local/scheduler.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls rather than sleeping a fixed time, so a loaded machine slows the test instead of failing it. */
async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

/** A handler that records each call and can be held open, to observe overlap and shutdown. */
function recordingHandler(options: { holdMs?: number; fail?: boolean } = {}) {
  const calls: Array<{ event: ScheduledEvent; context: Context; startedAt: number; endedAt?: number }> = [];
  let active = 0;
  let maxActive = 0;
  const handler: LambdaHandler = async (event, context) => {
    const call: (typeof calls)[number] = { event: event as ScheduledEvent, context, startedAt: Date.now() };
    calls.push(call);
    active += 1;
    maxActive = Math.max(maxActive, active);
    try {
      if (options.holdMs) await sleep(options.holdMs);
      if (options.fail) throw new Error('sync failed');
      return { synced: true };
    } finally {
      active -= 1;
      call.endedAt = Date.now();
    }
  };
  const loadHandler: HandlerLoader = async (name) => {
    if (name !== 'jobs/sync') throw new Error(`unexpected handler ${name}`);
    return handler;
  };
  return { calls, loadHandler, maxActive: () => maxActive };
}

describe('local scheduler', () => {
  let scheduler: Scheduler | undefined;

  afterEach(async () => {
    await scheduler?.stop();
    scheduler = undefined;
  });

  it('fires the handler on its interval with an EventBridge Scheduled Event and a Lambda context', async () => {
    const job = recordingHandler();
    scheduler = startScheduler({ schedules: [{ id: 'pms-sync', handler: 'jobs/sync', everyMinutes: 1 }], loadHandler: job.loadHandler, minuteMs: 30, region: 'local' });

    await until(() => job.calls.length >= 3);

    expect(job.calls.length).toBeGreaterThanOrEqual(3);
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
    const job = recordingHandler({ holdMs: 120 });
    const reports: RunReport[] = [];
    scheduler = startScheduler({
      schedules: [{ id: 'slow', handler: 'jobs/sync', everyMinutes: 1 }],
      loadHandler: job.loadHandler,
      minuteMs: 20,
      onRun: (r) => reports.push(r),
    });

    await until(() => reports.filter((r) => r.status === 'succeeded').length >= 3);

    expect(job.maxActive()).toBe(1);
    expect(reports.some((r) => r.status === 'skipped')).toBe(true);
  });

  it('stop() clears the timers and waits for the run in progress', async () => {
    const job = recordingHandler({ holdMs: 150 });
    scheduler = startScheduler({ schedules: [{ id: 'slow', handler: 'jobs/sync', everyMinutes: 1 }], loadHandler: job.loadHandler, minuteMs: 60_000 });
    void scheduler.runOnce('slow');
    await sleep(20);

    await scheduler.stop();
    const stoppedAt = Date.now();
    await sleep(50);

    expect(job.calls).toHaveLength(1);
    expect(job.calls[0]!.endedAt).toBeLessThanOrEqual(stoppedAt);
    await expect(scheduler.runOnce('slow')).rejects.toThrow(/stopped/);
  });

  it('runOnce reports a failed run and hands the error to onError', async () => {
    const job = recordingHandler({ fail: true });
    const errors: unknown[] = [];
    scheduler = startScheduler({
      schedules: [{ id: 'broken', handler: 'jobs/sync', everyMinutes: 5 }],
      loadHandler: job.loadHandler,
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
