import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SQSBatchResponse } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
});
import { handler as listWebhookEvents } from '../../../../functions/admin/pms/list-webhook-events.ts';
import { handler as retryWebhookEvent } from '../../../../functions/admin/pms/retry-webhook-event.ts';
import { handler as receive } from '../../../../functions/webhooks/receive-pms-webhook.ts';
import { startLocalAws, type LocalAws } from '../../../../local/aws/local-aws.ts';
import { createFunctionInvoker } from '../../../../local/handlers/function-invoker.ts';
import { genericEvent, genericSignatureHeader, SIM_CREDENTIALS, SIM_PMS_HOTEL_IDS, startPmsSimulator, type PmsSimulator } from '../../../../local/simulators/pms/pms-simulator.ts';
import { credentialContext } from '../../../../shared/adapters/pms/config-pms-resolver.ts';
import { addDays, todayIn } from '../../../../shared/domain/dates.ts';
import { pmsConfigIdFor } from '../../../../shared/domain/pms-config.ts';
import { routes } from '../../../../shared/http/route-table.ts';
import { resetTestConfig, useTestConfig, type TestAdapters } from '../../../support/composition.ts';
import { createTestTable, testConfig } from '../../../support/dynamodb.ts';
import { httpEvent, invoke } from '../../../support/events.ts';
import { aHotel, aPmsConfig, aRatePlan, aRoomType, nights } from '../../../support/fixtures.ts';

const admin = { sub: 'admin-1', 'cognito:groups': '[admin]' };
const SECRET = 'whsec_test_failed_events_0123456789';
const QUEUE = 'PmsWebhookEvents';
const day = (n: number) => addDays(todayIn('Asia/Seoul'), n);

/**
 * Dropped webhooks made visible and retried, for real: the receiver stores a signed generic event,
 * the queue emulator hands it to the processor Lambda, which fails it (an unmapped room type); the
 * admin lists it with its reason, maps the room type, retries it, and the processor applies it.
 */
describe('GET /api/admin/pms/webhook-events, POST .../{vendor}/{eventId}/retry', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;
  let aws: LocalAws;
  let sim: PmsSimulator;
  let c: TestAdapters;
  let keyDir: string;

  async function post(eventId: string, roomTypeId: string, date: string, total: number) {
    const rawBody = JSON.stringify(
      genericEvent({ eventId, eventType: 'inventory_update', hotelId: SIM_PMS_HOTEL_IDS.generic, roomTypeId, data: { inventory: [{ date, total }] } }),
    );
    const header = genericSignatureHeader({ secrets: [SECRET], timestampSeconds: Math.floor(Date.now() / 1000), rawBody });
    const res = await invoke(receive, httpEvent(routes.pmsWebhook, { params: { vendor: 'generic' }, rawBody, headers: { 'x-pms-signature': header } }));
    expect(res.statusCode).toBe(202);
    await aws.idle();
  }

  const list = (query: Record<string, string> = {}) => invoke(listWebhookEvents, httpEvent(routes.adminListWebhookEvents, { query, claims: admin }));
  const retry = (vendor: string, eventId: string) =>
    invoke(retryWebhookEvent, httpEvent(routes.adminRetryWebhookEvent, { params: { vendor, eventId }, claims: admin }));

  beforeAll(async () => {
    table = await createTestTable();
    keyDir = mkdtempSync(join(tmpdir(), 'failed-webhooks-'));
    sim = await startPmsSimulator();
    const invokeFunction = createFunctionInvoker({ region: 'local' });
    aws = await startLocalAws({
      invoke: invokeFunction,
      retryIntervalMs: 5,
      queueConsumers: {
        [QUEUE]: {
          consumer: async (event) => {
            const result = (await invokeFunction('webhooks/process-pms-webhook', event)) as SQSBatchResponse;
            if (result.batchItemFailures.length > 0) throw new Error('batch item failures');
            return result;
          },
          maxReceiveCount: 2,
        },
      },
    });
    c = useTestConfig(
      testConfig(table.tableName, table.endpoint, {
        ...aws.env,
        PMS_WEBHOOK_QUEUE_URL: `${aws.url}/000000000000/${QUEUE}`,
        PMS_WEBHOOK_SECRET: SECRET,
        PMS_CREDENTIALS_KEY_FILE: join(keyDir, 'pms.key'),
      }),
    );
    await c.catalog.putHotel(aHotel({ hotelId: 'htl_jeju' }));
    await c.catalog.putRoomType(aRoomType({ hotelId: 'htl_jeju', roomTypeId: 'rt_ocean', pmsRoomTypeId: 'ocean-double' }));
    await c.catalog.putRatePlan(aRatePlan({ hotelId: 'htl_jeju', roomTypeId: 'rt_ocean' }));
    await c.inventory.createNights(nights('htl_jeju', 'rt_ocean', day(1), day(5), 8));
    const configId = pmsConfigIdFor('generic', SIM_PMS_HOTEL_IDS.generic);
    await c.pmsConfigs.put(
      aPmsConfig({
        configId,
        hotelId: 'htl_jeju',
        vendor: 'generic',
        pmsHotelId: SIM_PMS_HOTEL_IDS.generic,
        apiBaseUrl: sim.baseUrl('generic'),
        credentials: await c.cipher().seal(SIM_CREDENTIALS.generic.apiKey, credentialContext(configId)),
        pollingEnabled: false,
      }),
    );
  });

  afterAll(async () => {
    await aws?.idle();
    await aws?.stop();
    await sim?.stop();
    resetTestConfig();
    await table?.drop();
    rmSync(keyDir, { recursive: true, force: true });
    delete process.env.POWERTOOLS_METRICS_DISABLED;
  });

  it('lists events the processor dropped, newest failure first with the reason, page by page', async () => {
    // Prepare: two events about a PMS room type we have not mapped; one that applies.
    await post('evt_villa_1', 'family-villa', day(2), 3);
    await post('evt_ok', 'ocean-double', day(2), 6);
    await post('evt_villa_2', 'family-villa', day(3), 4);

    // Act
    const first = await list({ limit: '1' });
    const second = await list({ limit: '1', cursor: first.body.nextCursor });

    // Assess
    expect(first.statusCode).toBe(200);
    expect(first.body.data).toEqual([
      expect.objectContaining({
        vendor: 'generic',
        eventId: 'evt_villa_2',
        eventType: 'inventory_update',
        roomTypeId: 'family-villa',
        status: 'FAILED',
        retryable: false,
        attempts: 1,
        error: expect.stringContaining("PMS room type 'family-villa'"),
      }),
    ]);
    expect(first.body.data[0]).not.toHaveProperty('payload');
    expect(second.body.data.map((e: { eventId: string }) => e.eventId)).toEqual(['evt_villa_1']);
    expect(second.body.nextCursor).toBeUndefined();
  });

  it('refuses a cursor of another list, an unknown status and an unknown vendor', async () => {
    const badCursor = await list({ cursor: 'not-a-cursor' });
    const badStatus = await list({ status: 'PROCESSED' });
    const badVendor = await retry('opera', 'evt_villa_1');

    expect([badCursor.statusCode, badCursor.body.error.code]).toEqual([400, 'BAD_CURSOR']);
    expect([badStatus.statusCode, badStatus.body.error.code]).toEqual([422, 'VALIDATION_ERROR']);
    expect([badVendor.statusCode, badVendor.body.error.code]).toEqual([422, 'VALIDATION_ERROR']);
  });

  it('retries a failed event once its room type is mapped: applied from its stored body, and off the list; a second retry changes nothing', async () => {
    // Prepare: the admin maps the PMS's villa to a room type of ours.
    await c.catalog.putRoomType(aRoomType({ hotelId: 'htl_jeju', roomTypeId: 'rt_villa', pmsRoomTypeId: 'family-villa' }));
    await c.catalog.putRatePlan(aRatePlan({ hotelId: 'htl_jeju', roomTypeId: 'rt_villa' }));

    // Act
    const res = await retry('generic', 'evt_villa_1');
    await aws.idle();
    const again = await retry('generic', 'evt_villa_1');
    const unknown = await retry('generic', 'evt_never');

    // Assess
    expect(res.statusCode).toBe(200);
    expect(res.body.data).toMatchObject({ requeued: true, event: { eventId: 'evt_villa_1', status: 'RECEIVED', retriedAt: expect.any(String) } });
    expect(await c.webhookEvents.get('generic', 'evt_villa_1')).toMatchObject({ status: 'PROCESSED', attempts: 2 });
    expect(await c.inventory.getNights('htl_jeju', 'rt_villa', day(2), day(2))).toEqual([expect.objectContaining({ total: 3 })]);
    expect(again.body.data).toMatchObject({ requeued: false, event: { status: 'PROCESSED' } });
    expect([unknown.statusCode, unknown.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect((await list()).body.data.map((e: { eventId: string }) => e.eventId)).toEqual(['evt_villa_2']);
  });

  it('retries a Cloudbeds-style event id with a slash, URL-encoded in the path as a client sends it', async () => {
    // The handler reads the decoded parameter; the local API Gateway and AWS decode %2F the same way.
    const res = await retry('cloudbeds', 'reservation/created:1:1772323140');

    expect([res.statusCode, res.body.error.code]).toEqual([404, 'NOT_FOUND']);
  });
});
