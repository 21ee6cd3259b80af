import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as syncNow } from '../../../functions/admin/sync-pms-config.ts';
import { routes } from '../../../shared/http/route-table.ts';
import { httpEvent, invoke } from '../../support/events.ts';
import { startPmsSyncFixture, type PmsSyncFixture } from '../../shared/use-cases/pms/polling/pms-sync-fixture.ts';

const admin = { sub: 'admin-1', 'cognito:groups': '[admin]' };
const guest = { sub: 'guest-1', 'cognito:groups': '[guest]', email: 'g@example.com' };

describe('POST /api/admin/pms/configs/{id}/sync', () => {
  let f: PmsSyncFixture;

  beforeAll(async () => {
    f = await startPmsSyncFixture();
  });

  afterAll(async () => {
    await f.stop();
  });

  const call = (id: string, claims?: Record<string, unknown>) =>
    invoke(syncNow, httpEvent(routes.adminSyncPmsConfig, { params: { id }, ...(claims ? { claims } : {}) }));

  it('is for admins only: 401 without a token, 403 for a guest, and nothing is polled', async () => {
    const config = await f.addPmsHotel('htl_sync_auth');
    const before = f.nightRequests();

    const anonymous = await call(config.configId);
    const asGuest = await call(config.configId, guest);

    expect(anonymous.statusCode).toBe(401);
    expect(asGuest.statusCode).toBe(403);
    expect(f.nightRequests()).toBe(before);
  });

  it('answers 404 NOT_FOUND for an unknown config and 422 for a malformed id', async () => {
    const missing = await call('cfg_missing', admin);
    const malformed = await call('not an id', admin);

    expect(missing.statusCode).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    expect(malformed.statusCode).toBe(422);
  });

  it('polls a paused config now, returns the summary and lifts the pause', async () => {
    const config = await f.addPmsHotel('htl_sync_ok', {
      config: { pollingHorizonDays: 5, paused: true, consecutiveFailures: 7, lastError: 'PMS_UNAVAILABLE: earlier outage' },
    });

    const res = await call(config.configId, admin);

    expect(res.statusCode).toBe(200);
    expect(res.body.data).toEqual({
      configId: config.configId,
      status: 'ok',
      nights: { applied: 0, created: 10, stale: 0 },
      overbooked: [],
      hotelCancelled: [],
      durationMs: expect.any(Number),
      consecutiveFailures: 0,
      paused: false,
      circuit: 'CLOSED',
      range: { from: f.today(), to: expect.any(String) },
    });
    expect(await f.container.pmsConfigs.get(config.configId)).toMatchObject({ paused: false, consecutiveFailures: 0 });
  });

  it('reports a failed poll as status failed with our error, never the credentials', async () => {
    const config = await f.addPmsHotel('htl_sync_bad_key', { secret: 'gpk_not_the_right_key' });

    const res = await call(config.configId, admin);

    expect(res.statusCode).toBe(200);
    expect(res.body.data).toMatchObject({ status: 'failed', consecutiveFailures: 1, error: expect.stringMatching(/^PMS_AUTH_FAILED: /) });
    expect(JSON.stringify(res.body)).not.toContain('gpk_not_the_right_key');
  });
});
