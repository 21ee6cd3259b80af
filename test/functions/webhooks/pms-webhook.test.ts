import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SQSBatchResponse } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Metrics are still recorded (and asserted below), just not printed as EMF lines.
vi.hoisted(() => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
});
import { handler as sweep } from '../../../functions/jobs/enqueue-stored-webhooks.ts';
import { handler as receive } from '../../../functions/webhooks/receive-pms-webhook.ts';
import { createLocalApi, type LocalApi } from '../../../local/api-gateway/local-api.ts';
import { createFunctionInvoker } from '../../../local/handlers/function-invoker.ts';
import { createLambdaContext } from '../../../local/handlers/lambda-context.ts';
import { scheduledEvent } from '../../../local/aws/scheduler.ts';
import { startLocalAws, type LocalAws } from '../../../local/aws/local-aws.ts';
import {
  genericEvent,
  genericSignatureHeader,
  SIM_CREDENTIALS,
  SIM_PMS_HOTEL_IDS,
  startPmsSimulator,
  type PmsSimulator,
} from '../../../local/simulators/pms/pms-simulator.ts';
import { cloudbedsReservationPayload } from '../../../local/simulators/pms/webhooks.ts';
import { credentialContext } from '../../../shared/adapters/pms/config-pms-resolver.ts';
import { type TestAdapters, resetTestConfig, useTestConfig } from '../../support/composition.ts';
import { addDays, todayIn } from '../../../shared/domain/dates.ts';
import { pmsConfigIdFor, type PmsConfig } from '../../../shared/domain/pms-config.ts';
import type { PmsVendor } from '../../../shared/domain/pms.ts';
import { webhookSecretContext } from '../../../shared/domain/webhook.ts';
import { routes } from '../../../shared/http/route-table.ts';
import { metrics } from '../../../shared/observability/metrics.ts';
import { cloudbedsWebhookToken } from '../../../shared/use-cases/pms/webhooks/webhook-signature.ts';
import { createTestTable, testConfig } from '../../support/dynamodb.ts';
import { httpEvent, invoke } from '../../support/events.ts';
import { aHotel, aPmsConfig, aRatePlan, aRoomType, nights } from '../../support/fixtures.ts';

/**
 * The whole webhook path, for real: the handler (in-process, or behind the local API Gateway
 * stand-in), DynamoDB Local, the SQS emulator delivering to the processor Lambda, the simulated PMS
 * (signing generic events, answering Cloudbeds re-fetches), and the inventory the API reads.
 */
const GLOBAL_SECRET = 'whsec_test_global_secret_0123456789';
const BUSAN_SECRET = 'whsec_test_busan_own_secret_98765';
const QUEUE = 'PmsWebhookEvents';
const TODAY = todayIn('Asia/Seoul');
const day = (n: number) => addDays(TODAY, n);
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('POST /api/webhooks/pms/{vendor}', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;
  let sim: PmsSimulator;
  let aws: LocalAws;
  let api: LocalApi;
  let c: TestAdapters;
  let keyDir: string;
  let queueUrl: string;
  /** Bodies of every message the processor was handed. */
  const delivered: string[] = [];
  /** While set, the queue's consumer waits for it before processing: a test can look between receipt and processing. */
  let consumerGate: Promise<void> | undefined;

  async function aConfig(vendor: PmsVendor, pmsHotelId: string, hotelId: string, apiKey: string, extra: Partial<PmsConfig> = {}): Promise<PmsConfig> {
    const configId = pmsConfigIdFor(vendor, pmsHotelId);
    return aPmsConfig({
      configId,
      hotelId,
      vendor,
      pmsHotelId,
      apiBaseUrl: sim.baseUrl(vendor),
      credentials: await c.cipher().seal(apiKey, credentialContext(configId)),
      pollingEnabled: false,
      ...extra,
    });
  }

  /** Posts raw bytes to the generic endpoint, signed like the simulator signs (one v1 per secret). */
  function postGeneric(rawBody: string, options: { secrets?: string[]; t?: number; header?: string | null } = {}) {
    const t = options.t ?? nowSeconds();
    const header =
      options.header === undefined
        ? genericSignatureHeader({ secrets: options.secrets ?? [GLOBAL_SECRET], timestampSeconds: t, rawBody })
        : options.header;
    return invoke(
      receive,
      httpEvent(routes.pmsWebhook, { params: { vendor: 'generic' }, rawBody, headers: header === null ? {} : { 'x-pms-signature': header } }),
    );
  }

  function inventoryEvent(date: string, total: number, extra: { eventId?: string; timestamp?: string; hotelId?: string; roomTypeId?: string } = {}) {
    return genericEvent({
      eventType: 'inventory_update',
      hotelId: extra.hotelId ?? SIM_PMS_HOTEL_IDS.generic,
      roomTypeId: extra.roomTypeId ?? 'ocean-double',
      data: { inventory: [{ date, total }] },
      ...(extra.eventId ? { eventId: extra.eventId } : {}),
      ...(extra.timestamp ? { timestamp: extra.timestamp } : {}),
    });
  }

  async function night(hotelId: string, roomTypeId: string, date: string) {
    const [n] = await c.inventory.getNights(hotelId, roomTypeId, date, date);
    return n;
  }

  beforeAll(async () => {
    table = await createTestTable();
    keyDir = mkdtempSync(join(tmpdir(), 'webhook-test-'));
    sim = await startPmsSimulator();
    const invokeFunction = createFunctionInvoker({ region: 'local' });
    aws = await startLocalAws({
      invoke: invokeFunction,
      retryIntervalMs: 5,
      queueConsumers: {
        [QUEUE]: {
          // The emulator retries a consumer that throws; SQS retries the items a consumer lists in
          // batchItemFailures. This adapter makes the emulator honour the latter.
          consumer: async (event) => {
            await consumerGate;
            delivered.push(...event.Records.map((r) => (r as { body: string }).body));
            const result = (await invokeFunction('webhooks/process-pms-webhook', event)) as SQSBatchResponse;
            if (result.batchItemFailures.length > 0) throw new Error('batch item failures');
            return result;
          },
          maxReceiveCount: 5,
          deadLetterQueue: `${QUEUE}-dlq`,
        },
      },
    });
    aws.queues.createQueue(`${QUEUE}-dlq`);
    queueUrl = `${aws.url}/000000000000/${QUEUE}`;
    c = useTestConfig(
      testConfig(table.tableName, table.endpoint, {
        ...aws.env,
        PMS_WEBHOOK_QUEUE_URL: queueUrl,
        PMS_WEBHOOK_SECRET: GLOBAL_SECRET,
        PMS_CREDENTIALS_KEY_FILE: join(keyDir, 'pms-master.key'),
        PMS_TIMEOUT_MS: '3000',
      }),
    );
    api = await createLocalApi({ routes: [routes.pmsWebhook], authorizer: { verifyBearer: async () => undefined }, port: 0 });

    // Jeju (generic, signs with PMS_WEBHOOK_SECRET), Busan (generic, its own secret), Han River (Cloudbeds).
    await c.catalog.putHotel(aHotel({ hotelId: 'htl_jeju', name: 'Jeju Ocean View', city: 'Jeju' }));
    await c.catalog.putRoomType(aRoomType({ hotelId: 'htl_jeju', roomTypeId: 'rt_ocean_double', pmsRoomTypeId: 'ocean-double' }));
    await c.catalog.putRatePlan(aRatePlan({ hotelId: 'htl_jeju', roomTypeId: 'rt_ocean_double', basePriceMinor: 160_000 }));
    await c.inventory.createNights(nights('htl_jeju', 'rt_ocean_double', day(1), day(40), 12, 160_000));
    await c.pmsConfigs.put(await aConfig('generic', SIM_PMS_HOTEL_IDS.generic, 'htl_jeju', SIM_CREDENTIALS.generic.apiKey));

    await c.catalog.putHotel(aHotel({ hotelId: 'htl_busan', name: 'Busan Sea Stay', city: 'Busan' }));
    await c.catalog.putRoomType(aRoomType({ hotelId: 'htl_busan', roomTypeId: 'rt_sea_twin', pmsRoomTypeId: 'sea-twin' }));
    await c.catalog.putRatePlan(aRatePlan({ hotelId: 'htl_busan', roomTypeId: 'rt_sea_twin' }));
    const busanId = pmsConfigIdFor('generic', 'busan-sea');
    await c.pmsConfigs.put(
      await aConfig('generic', 'busan-sea', 'htl_busan', 'gpk_busan', { webhookSecret: await c.cipher().seal(BUSAN_SECRET, webhookSecretContext(busanId)) }),
    );

    await c.catalog.putHotel(aHotel({ hotelId: 'htl_hanriver', name: 'Han River Grand' }));
    await c.catalog.putRoomType(aRoomType({ hotelId: 'htl_hanriver', roomTypeId: 'rt_deluxe_double', pmsRoomTypeId: '501101' }));
    await c.catalog.putRoomType(aRoomType({ hotelId: 'htl_hanriver', roomTypeId: 'rt_river_suite', pmsRoomTypeId: '501102' }));
    await c.pmsConfigs.put(await aConfig('cloudbeds', SIM_PMS_HOTEL_IDS.cloudbeds, 'htl_hanriver', SIM_CREDENTIALS.cloudbeds.apiKey));
  });

  afterAll(async () => {
    await aws?.idle();
    await api?.close();
    await aws?.stop();
    await sim?.stop();
    resetTestConfig();
    await table?.drop();
    rmSync(keyDir, { recursive: true, force: true });
    delete process.env.POWERTOOLS_METRICS_DISABLED;
  });

  describe('generic', () => {
    it('applies an inventory_update the simulated PMS signs and posts over HTTP, never touching reserved', async () => {
      // Prepare: 9 rooms of the night are held by a checkout; the PMS then shrinks the night to 5.
      const date = day(2);
      await c.holds.place({ bookingId: 'bk_webhook_1', hotelId: 'htl_jeju', roomTypeId: 'rt_ocean_double', nights: [date], rooms: 9, expiresAt: '2099-01-01T00:00:00.000Z' }, new Date());
      sim.configureWebhooks({ generic: { url: `http://127.0.0.1:${api.port}/api/webhooks/pms/generic`, secret: GLOBAL_SECRET } });

      // Act
      const delivery = await sim.setTotal(SIM_PMS_HOTEL_IDS.generic, 'ocean-double', date, 5);
      await aws.idle();

      // Assess
      expect(delivery?.status).toBe(202);
      const eventId = JSON.parse(delivery!.rawBody).eventId as string;
      expect(JSON.parse(delivery!.responseBody!)).toEqual({ success: true, data: { eventId, duplicate: false, ignored: false } });
      expect(await night('htl_jeju', 'rt_ocean_double', date)).toMatchObject({ total: 5, sellLimit: 5, reserved: 9, remaining: -4, overbooked: true });
      expect(await c.webhookEvents.get('generic', eventId)).toMatchObject({
        status: 'PROCESSED',
        eventType: 'inventory_update',
        pmsHotelId: SIM_PMS_HOTEL_IDS.generic,
        roomTypeId: 'ocean-double',
        attempts: 1,
        payload: delivery!.rawBody,
        result: { applied: 1, stale: 0, overbooked: [date] },
      });
      expect(aws.eventBus.events.filter((e) => e['detail-type'] === 'inventory.overbooked').map((e) => e.detail)).toContainEqual(
        expect.objectContaining({ hotelId: 'htl_jeju', roomTypeId: 'rt_ocean_double', date, total: 5, reserved: 9 }),
      );
    });

    it('answers 202 before the event is applied, and applies it afterwards', async () => {
      // Prepare: the queue's consumer waits until the answer is in (the receiver must not need it).
      const date = day(3);
      const event = inventoryEvent(date, 20);
      let release = () => {};
      consumerGate = new Promise<void>((resolve) => {
        release = resolve;
      });
      try {
        // Act
        const res = await postGeneric(JSON.stringify(event));
        const atAnswer = { stored: await c.webhookEvents.get('generic', event.eventId), night: await night('htl_jeju', 'rt_ocean_double', date) };
        release();
        await aws.idle();

        // Assess: stored and queued, nothing applied, when the 202 went out; applied afterwards.
        expect(res.statusCode).toBe(202);
        expect(atAnswer.stored).toMatchObject({ status: 'RECEIVED', attempts: 0 });
        expect(atAnswer.night).toMatchObject({ total: 12 });
        expect(await night('htl_jeju', 'rt_ocean_double', date)).toMatchObject({ total: 20, sellLimit: 20, reserved: 0, remaining: 20 });
        expect(await c.webhookEvents.get('generic', event.eventId)).toMatchObject({ status: 'PROCESSED', attempts: 1 });
      } finally {
        release();
        consumerGate = undefined;
      }
    });

    it('applies a rate_update, converting major units to minor units', async () => {
      const date = day(4);
      const event = genericEvent({
        eventType: 'rate_update',
        hotelId: SIM_PMS_HOTEL_IDS.generic,
        roomTypeId: 'ocean-double',
        data: { rates: [{ date, price: 175_000, currency: 'KRW' }] },
      });

      const res = await postGeneric(JSON.stringify(event));
      await aws.idle();

      expect(res.statusCode).toBe(202);
      expect(await night('htl_jeju', 'rt_ocean_double', date)).toMatchObject({ priceMinor: 175_000, currency: 'KRW', total: 12 });
      expect(await c.webhookEvents.get('generic', event.eventId)).toMatchObject({ status: 'PROCESSED', result: { applied: 1 } });
    });

    it('refuses a bad or missing signature with 401 and stores nothing', async () => {
      const event = inventoryEvent(day(5), 1);
      const body = JSON.stringify(event);
      const sent = delivered.length;

      const wrongSecret = await postGeneric(body, { secrets: ['whsec_not_ours_at_all_000000'] });
      const tampered = await postGeneric(body.replace('"total":1', '"total":2'), {
        header: genericSignatureHeader({ secrets: [GLOBAL_SECRET], timestampSeconds: nowSeconds(), rawBody: body }),
      });
      const missing = await postGeneric(body, { header: null });
      const garbage = await postGeneric(body, { header: 'v1=abc' });
      await aws.idle();

      for (const res of [wrongSecret, tampered, missing, garbage]) {
        expect(res.statusCode).toBe(401);
        expect(res.body.error.code).toBe('WEBHOOK_SIGNATURE_INVALID');
      }
      expect(await c.webhookEvents.get('generic', event.eventId)).toBeUndefined();
      expect(delivered.length).toBe(sent);
      expect((await night('htl_jeju', 'rt_ocean_double', day(5)))!.total).toBe(12);
    });

    it('refuses a signature older than 300 s or more than 60 s ahead as a replay, and accepts one inside the window', async () => {
      const stale = inventoryEvent(day(6), 3);
      const future = inventoryEvent(day(6), 4);
      const recent = inventoryEvent(day(6), 6);

      const staleRes = await postGeneric(JSON.stringify(stale), { t: nowSeconds() - 301 });
      const futureRes = await postGeneric(JSON.stringify(future), { t: nowSeconds() + 61 });
      const recentRes = await postGeneric(JSON.stringify(recent), { t: nowSeconds() - 280 });
      await aws.idle();

      expect(staleRes.statusCode).toBe(401);
      expect(staleRes.body.error).toMatchObject({ code: 'WEBHOOK_SIGNATURE_INVALID', message: expect.stringContaining('300 s old') });
      expect(futureRes.statusCode).toBe(401);
      expect(futureRes.body.error.message).toContain('future');
      expect(await c.webhookEvents.get('generic', stale.eventId)).toBeUndefined();
      expect(await c.webhookEvents.get('generic', future.eventId)).toBeUndefined();
      expect(recentRes.statusCode).toBe(202);
      expect((await night('htl_jeju', 'rt_ocean_double', day(6)))!.total).toBe(6);
    });

    it('accepts a rotation header whose second v1 is the valid one', async () => {
      const event = inventoryEvent(day(7), 8);

      const res = await postGeneric(JSON.stringify(event), { secrets: ['whsec_retired_secret_0000000000', GLOBAL_SECRET] });
      await aws.idle();

      expect(res.statusCode).toBe(202);
      expect((await night('htl_jeju', 'rt_ocean_double', day(7)))!.total).toBe(8);
    });

    it("verifies against the config's own secret when it has one, and PMS_WEBHOOK_SECRET only as the fallback", async () => {
      const own = inventoryEvent(day(8), 4, { hotelId: 'busan-sea', roomTypeId: 'sea-twin' });
      const global = inventoryEvent(day(8), 5, { hotelId: 'busan-sea', roomTypeId: 'sea-twin' });

      const ownRes = await postGeneric(JSON.stringify(own), { secrets: [BUSAN_SECRET] });
      const globalRes = await postGeneric(JSON.stringify(global), { secrets: [GLOBAL_SECRET] });
      await aws.idle();

      expect(ownRes.statusCode).toBe(202);
      expect(globalRes.statusCode).toBe(401);
      expect(await night('htl_busan', 'rt_sea_twin', day(8))).toMatchObject({ total: 4, sellLimit: 4, priceMinor: 150_000 });
      expect(await c.webhookEvents.get('generic', global.eventId)).toBeUndefined();
    });

    it('answers a duplicate 200 without storing, queueing or applying it again', async () => {
      // Prepare: the event is applied, then the night changes by another route.
      const date = day(9);
      const event = inventoryEvent(date, 10);
      const body = JSON.stringify(event);
      const first = await postGeneric(body);
      await aws.idle();
      const stored = await c.webhookEvents.get('generic', event.eventId);
      await c.inventory.applyReport(
        {
          hotelId: 'htl_jeju',
          roomTypeId: 'rt_ocean_double',
          date,
          total: 3,
          sellLimit: 3,
          sourceAt: new Date().toISOString(),
          newNightPriceMinor: 1,
          currency: 'KRW',
          ref: { type: 'poll', id: 'test' },
        },
        new Date(),
      );

      // Act: the PMS retries the same event, freshly signed.
      const second = await postGeneric(body, { t: nowSeconds() + 1 });
      await aws.idle();

      // Assess
      expect(first.statusCode).toBe(202);
      expect(second.statusCode).toBe(200);
      expect(second.body).toEqual({ success: true, data: { eventId: event.eventId, duplicate: true, ignored: false } });
      expect(delivered.filter((b) => JSON.parse(b).eventId === event.eventId)).toHaveLength(1);
      expect(await c.webhookEvents.get('generic', event.eventId)).toEqual(stored);
      expect((await night('htl_jeju', 'rt_ocean_double', date))!.total).toBe(3);
    });

    it('never rolls a night back with an event older than the one applied: the conflict re-reads the PMS, which says the newer', async () => {
      const date = day(10);
      // The hotel's PMS now has 5 rooms that night (its newer event says so).
      await sim.setTotal(SIM_PMS_HOTEL_IDS.generic, 'ocean-double', date, 5, { notify: false });
      const newer = inventoryEvent(date, 5, { timestamp: new Date(Date.now() - 1_000).toISOString() });
      const older = inventoryEvent(date, 9, { timestamp: new Date(Date.now() - 60_000).toISOString() });

      await postGeneric(JSON.stringify(newer));
      await aws.idle();
      const res = await postGeneric(JSON.stringify(older));
      await aws.idle();

      expect(res.statusCode).toBe(202);
      expect(await night('htl_jeju', 'rt_ocean_double', date)).toMatchObject({ total: 5, sellLimit: 5 });
      expect(await c.webhookEvents.get('generic', older.eventId)).toMatchObject({ status: 'PROCESSED', result: { stale: 1 }, note: expect.stringContaining('re-read') });
    });

    it('answers 400 for a body that is not JSON and for a verified event of the wrong shape, storing nothing', async () => {
      const notJson = '{"eventId": "evt_broken", ';
      const wrongShape = { ...inventoryEvent(day(11), 2), data: { inventory: [{ date: day(11), total: -1 }] } };
      const noId = { ...inventoryEvent(day(11), 2), eventId: undefined };

      const notJsonRes = await postGeneric(notJson);
      const wrongShapeRes = await postGeneric(JSON.stringify(wrongShape));
      const noIdRes = await postGeneric(JSON.stringify(noId));

      expect(notJsonRes.statusCode).toBe(400);
      expect(notJsonRes.body.error).toMatchObject({ code: 'BAD_REQUEST', message: 'The webhook body is not valid JSON.' });
      expect(wrongShapeRes.statusCode).toBe(400);
      expect(wrongShapeRes.body.error.details).toEqual([{ field: 'body.data.inventory.0.total', message: expect.any(String) }]);
      expect(noIdRes.statusCode).toBe(400);
      expect(noIdRes.body.error.details.map((d: { field: string }) => d.field)).toContain('body.eventId');
      expect(await c.webhookEvents.get('generic', wrongShape.eventId)).toBeUndefined();
    });

    it('answers 413 for a body over 256 KB, even a validly signed one', async () => {
      const event = { ...inventoryEvent(day(12), 2), padding: 'x'.repeat(256 * 1024) };

      const res = await postGeneric(JSON.stringify(event));

      expect(res.statusCode).toBe(413);
      expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(await c.webhookEvents.get('generic', event.eventId)).toBeUndefined();
    });

    it('stores an event for an unmapped room type and marks it FAILED without retrying', async () => {
      const event = inventoryEvent(day(13), 2, { roomTypeId: 'no-such-room' });

      const res = await postGeneric(JSON.stringify(event));
      await aws.idle();

      expect(res.statusCode).toBe(202);
      expect(await c.webhookEvents.get('generic', event.eventId)).toMatchObject({
        status: 'FAILED',
        retryable: false,
        attempts: 1,
        error: expect.stringContaining("PMS room type 'no-such-room'"),
      });
      expect(delivered.filter((b) => JSON.parse(b).eventId === event.eventId)).toHaveLength(1);
    });

    it('stores a validly signed event for a hotel without a config and marks it FAILED', async () => {
      const event = inventoryEvent(day(13), 2, { hotelId: 'unknown-hotel' });

      const res = await postGeneric(JSON.stringify(event));
      await aws.idle();

      expect(res.statusCode).toBe(202);
      expect(await c.webhookEvents.get('generic', event.eventId)).toMatchObject({
        status: 'FAILED',
        retryable: false,
        error: "No generic PMS config exists for PMS hotel 'unknown-hotel'.",
      });
    });

    it('keeps an event type it does not know as IGNORED and answers 200', async () => {
      const event = { ...inventoryEvent(day(14), 2), eventType: 'housekeeping_update', data: {} };

      const res = await postGeneric(JSON.stringify(event));
      await aws.idle();

      expect(res.statusCode).toBe(200);
      expect(res.body.data).toEqual({ eventId: event.eventId, duplicate: false, ignored: true });
      expect(await c.webhookEvents.get('generic', event.eventId)).toMatchObject({ status: 'IGNORED', attempts: 0 });
      expect(delivered.some((b) => JSON.parse(b).eventId === event.eventId)).toBe(false);
    });

    it('answers 503 and keeps the event in the outbox when it cannot be queued; the PMS\'s retry queues it and it is applied once', async () => {
      // Prepare: a function whose queue does not exist.
      const event = inventoryEvent(day(15), 7);
      const body = JSON.stringify(event);
      const queueless = useTestConfig({ ...c.config, pmsWebhookQueueUrl: `${aws.url}/000000000000/no-such-queue` });

      // Act
      let failed;
      try {
        failed = await postGeneric(body);
      } finally {
        queueless.doc.destroy();
        useTestConfig(c.config);
      }
      const kept = await c.webhookEvents.get('generic', event.eventId);
      const retried = await postGeneric(body);
      await aws.idle();

      // Assess
      expect(failed.statusCode).toBe(503);
      expect(failed.body.error.code).toBe('WEBHOOK_QUEUE_UNAVAILABLE');
      expect(kept).toMatchObject({ status: 'RECEIVED' });
      expect(kept).not.toHaveProperty('queuedAt');
      expect(retried.statusCode).toBe(202);
      expect((await c.webhookEvents.get('generic', event.eventId))).toMatchObject({ status: 'PROCESSED', attempts: 1 });
      expect((await night('htl_jeju', 'rt_ocean_double', day(15)))!.total).toBe(7);
    });

    it('an event stored by a receiver that crashed before queueing it is queued by the outbox sweep and applied once', async () => {
      // Prepare: the crash, as the store would have left it (stored, never queued), 2 minutes ago.
      const event = inventoryEvent(day(17), 4);
      const receivedAt = new Date(Date.now() - 120_000).toISOString();
      await c.webhookEvents.create({
        vendor: 'generic',
        eventId: event.eventId,
        eventType: 'inventory_update',
        pmsHotelId: SIM_PMS_HOTEL_IDS.generic,
        roomTypeId: 'ocean-double',
        payload: JSON.stringify(event),
        receivedAt,
        status: 'RECEIVED',
        attempts: 0,
      });

      // Act: the sweep runs twice (a second run finds nothing left to queue).
      const runSweep = () => sweep(scheduledEvent('EnqueueStoredWebhooks', 'local'), createLambdaContext({ handler: 'jobs/enqueue-stored-webhooks', timeoutMs: 30_000, region: 'local' }));
      const first = await runSweep();
      const second = await runSweep();
      await aws.idle();

      // Assess
      expect(first.queued).toBeGreaterThanOrEqual(1);
      expect(second.queued).toBe(0);
      expect(await c.webhookEvents.get('generic', event.eventId)).toMatchObject({ status: 'PROCESSED', attempts: 1, queuedAt: expect.any(String) });
      expect((await night('htl_jeju', 'rt_ocean_double', day(17)))!.total).toBe(4);
    });

    it('counts accepted, duplicate and rejected deliveries per vendor', async () => {
      const spy = vi.spyOn(metrics, 'addMetric');
      const dimensions = vi.spyOn(metrics, 'addDimensions');
      const body = JSON.stringify(inventoryEvent(day(16), 2));
      try {
        await postGeneric(body);
        await postGeneric(body);
        await postGeneric(body, { t: nowSeconds() - 1000 });
        await aws.idle();

        const names = spy.mock.calls.map(([name]) => name).filter((n) => n.startsWith('Webhook') && !n.startsWith('WebhookEvent'));
        expect(names).toEqual(['WebhookAccepted', 'WebhookDuplicate', 'WebhookRejected']);
        expect(dimensions.mock.calls.map(([d]) => d)).toContainEqual({ vendor: 'generic', reason: 'stale_timestamp' });
      } finally {
        spy.mockRestore();
        dimensions.mockRestore();
      }
    });
  });

  describe('cloudbeds', () => {
    const configId = pmsConfigIdFor('cloudbeds', SIM_PMS_HOTEL_IDS.cloudbeds);
    const url = (token: string) => `http://127.0.0.1:${api.port}/api/webhooks/pms/cloudbeds?token=${token}`;

    it('re-fetches the property through the Cloudbeds API for a reservation event with a valid token', async () => {
      // Prepare: the hotel changed a price and its room count in Cloudbeds (no webhook for either).
      const date = day(3);
      await sim.setPrice(SIM_PMS_HOTEL_IDS.cloudbeds, '501101', date, 199_000, { notify: false });
      sim.state.roomType(SIM_PMS_HOTEL_IDS.cloudbeds, '501101')!.total = 7;
      const payload = cloudbedsReservationPayload('reservation/created', SIM_PMS_HOTEL_IDS.cloudbeds, '9000000001', Date.now());
      const before = sim.requests({ vendor: 'cloudbeds' }).length;

      // Act
      const delivery = await sim.sendCloudbedsWebhook(url(cloudbedsWebhookToken(GLOBAL_SECRET, configId)), payload);
      await aws.idle();

      // Assess
      expect(delivery.status).toBe(202);
      const eventId = `reservation/created:9000000001:${payload.timestamp}`;
      expect(JSON.parse(delivery.responseBody!).data.eventId).toBe(eventId);
      expect(sim.requests({ vendor: 'cloudbeds' }).length).toBeGreaterThan(before);
      expect(await night('htl_hanriver', 'rt_deluxe_double', date)).toMatchObject({ total: 7, sellLimit: 7, priceMinor: 199_000, currency: 'KRW' });
      expect(await night('htl_hanriver', 'rt_river_suite', day(29))).toMatchObject({ total: 4, sellLimit: 4 });
      expect(await night('htl_hanriver', 'rt_river_suite', day(30))).toBeUndefined();
      expect(await c.webhookEvents.get('cloudbeds', eventId)).toMatchObject({
        status: 'PROCESSED',
        eventType: 'reservation/created',
        pmsHotelId: SIM_PMS_HOTEL_IDS.cloudbeds,
        configId,
        note: `Re-fetched ${TODAY}..${day(29)}.`,
      });
    });

    it('refuses a wrong or missing token with 401 and stores nothing', async () => {
      const payload = cloudbedsReservationPayload('reservation/status_changed', SIM_PMS_HOTEL_IDS.cloudbeds, '9000000002', Date.now());
      const rawBody = JSON.stringify(payload);

      const wrong = await sim.sendCloudbedsWebhook(url(cloudbedsWebhookToken('some-other-secret-000000000', configId)), payload);
      const otherConfig = await sim.sendCloudbedsWebhook(url(cloudbedsWebhookToken(GLOBAL_SECRET, 'pms_cloudbeds_999')), payload);
      const missing = await invoke(receive, httpEvent(routes.pmsWebhook, { params: { vendor: 'cloudbeds' }, rawBody }));

      expect(wrong.status).toBe(401);
      expect(JSON.parse(wrong.responseBody!).error.code).toBe('WEBHOOK_SIGNATURE_INVALID');
      expect(otherConfig.status).toBe(401);
      expect(missing.statusCode).toBe(401);
      expect(await c.webhookEvents.get('cloudbeds', `reservation/status_changed:9000000002:${payload.timestamp}`)).toBeUndefined();
    });
  });

  it('answers 404 for OPERA, which has no webhooks, and for vendors it does not know', async () => {
    const opera = await invoke(receive, httpEvent(routes.pmsWebhook, { params: { vendor: 'opera' }, rawBody: '{}' }));
    const unknown = await invoke(receive, httpEvent(routes.pmsWebhook, { params: { vendor: 'mews' }, rawBody: '{}' }));

    expect(opera.statusCode).toBe(404);
    expect(opera.body.error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('OPERA has no webhooks') });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
  });
});
