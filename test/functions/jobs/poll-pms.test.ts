import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as pollPms } from '../../../functions/jobs/poll-pms.ts';
import { handler as syncNow } from '../../../functions/admin/sync-pms-config.ts';
import { routes } from '../../../shared/http/route-table.ts';
import { schedules } from '../../../shared/schedules/schedule-table.ts';
import { createLambdaContext } from '../../../local/handlers/lambda-context.ts';
import { scheduledEvent } from '../../../local/aws/scheduler.ts';
import { httpEvent, invoke } from '../../support/events.ts';
import { startPmsSyncFixture, type PmsSyncFixture } from '../../shared/use-cases/pms/polling/pms-sync-fixture.ts';

const admin = { sub: 'admin-1', 'cognito:groups': '[admin]' };

function runJob(timeoutMs = 60_000) {
  return pollPms(scheduledEvent('PollPmsConfigs', 'local'), createLambdaContext({ handler: 'jobs/poll-pms', timeoutMs, region: 'local' }));
}

describe('jobs/poll-pms: the scheduled PMS poll', () => {
  let f: PmsSyncFixture;

  beforeAll(async () => {
    f = await startPmsSyncFixture();
  });

  afterAll(async () => {
    await f.stop();
  });

  beforeEach(async () => {
    f.faults.clear();
    f.events.length = 0;
    f.metrics.length = 0;
    await f.deactivateAll();
  });

  it('is in the schedule table, every minute, with the grants a poll needs', () => {
    const entry = schedules.find((s) => s.id === 'PollPmsConfigs');

    expect(entry).toMatchObject({ handler: 'jobs/poll-pms', everyMinutes: 1 });
    expect([...entry!.permissions].sort()).toEqual(['events:publish', 'pms:credentials', 'table:read', 'table:write']);
  });

  it('fails until paused, is left alone while paused, and recovers after an admin sync now', async () => {
    const config = await f.addPmsHotel('htl_job_outage', { config: { pollingIntervalSeconds: 60, pollingHorizonDays: 3 } });
    f.faults.arm({ point: 'pms.inventory', mode: 'error', times: 5 });

    const failing = [];
    for (let run = 0; run < 5; run++) {
      failing.push(await runJob());
      f.advance(61_000);
    }
    const paused = (await f.container.pmsConfigs.get(config.configId))!;
    const whilePaused = await runJob();
    const sync = await invoke(syncNow, httpEvent(routes.adminSyncPmsConfig, { params: { id: config.configId }, claims: admin }));
    f.advance(61_000);
    const afterRecovery = await runJob();

    expect(failing.map((s) => s.failed)).toEqual([1, 1, 1, 1, 1]);
    expect(paused).toMatchObject({ paused: true, consecutiveFailures: 5, circuit: { state: 'OPEN' }, lastError: expect.stringMatching(/^PMS_UNAVAILABLE/) });
    expect(f.events.map((e) => e.type)).toEqual(['pms.polling.paused']);
    expect(f.metrics.filter((m) => m.name === 'PmsPollingPaused')).toHaveLength(1);
    expect(whilePaused).toMatchObject({ due: 0, skipped: { paused: 1 } });
    expect(sync.statusCode).toBe(200);
    expect(sync.body.data).toMatchObject({ configId: config.configId, status: 'ok', paused: false, circuit: 'CLOSED', nights: { created: 6 } });
    expect(afterRecovery).toMatchObject({ due: 1, succeeded: 1 });
    const recovered = (await f.container.pmsConfigs.get(config.configId))!;
    expect(recovered).toMatchObject({ paused: false, consecutiveFailures: 0, circuit: { state: 'CLOSED', failures: 0 } });
    expect(Date.parse(recovered.lastSyncAt!)).toBeGreaterThan(Date.parse(paused.lastPollAt!));
  });

  it('starts nothing when the invocation has too little time left', async () => {
    await f.addPmsHotel('htl_job_late');
    const before = f.nightRequests();

    const summary = await runJob(1_000);

    expect(summary).toMatchObject({ due: 1, deferred: 1, succeeded: 0, failed: 0 });
    expect(f.nightRequests()).toBe(before);
  });
});
