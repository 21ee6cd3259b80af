import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../../shared/domain/dates.ts';
import { receivePmsWebhook, type ReceiveWebhookDeps } from '../../../shared/use-cases/pms/webhooks/receive-pms-webhook.use-case.ts';
import type { WebhookQueueMessage } from '../../../shared/domain/webhook.ts';
import { importDemoHotels, type DemoImportResult } from '../../../local/stack/demo-import.ts';
import { cloudbedsReservationPayload, genericEvent, genericSignatureHeader } from '../../../local/simulators/pms/webhooks.ts';
import { SIM_PMS_HOTEL_IDS, TEST_WEBHOOK_SECRET, startImportHarness, type ImportHarness } from '../../shared/use-cases/pms/import/import-harness.ts';

describe('importDemoHotels: the local demo catalogue imported from the simulated PMS', () => {
  let h: ImportHarness;
  let first: DemoImportResult[];

  beforeAll(async () => {
    h = await startImportHarness();
    first = await importDemoHotels({ simulator: h.sim });
  }, 120_000);

  afterAll(async () => {
    await h.stop();
  });

  it('imports one hotel per vendor adapter under the demo catalogue ids, with a year of nights', async () => {
    expect(first.map((r) => [r.vendor, r.pmsHotelId, r.listingId]).sort()).toEqual([
      ['cloudbeds', SIM_PMS_HOTEL_IDS.cloudbeds, 'htl_seoul_hanriver'],
      ['generic', SIM_PMS_HOTEL_IDS.generic, 'htl_jeju_oceanview'],
      ['opera', SIM_PMS_HOTEL_IDS.opera, 'htl_seoul_gangnam'],
    ]);
    const hanriver = first.find((r) => r.vendor === 'cloudbeds')!;
    expect(hanriver.roomTypes).toEqual([
      { roomTypeId: 'rt_deluxe_double', pmsRoomTypeId: '501101' },
      { roomTypeId: 'rt_river_suite', pmsRoomTypeId: '501102' },
    ]);
    expect(first.map((r) => r.nights)).toEqual([730, 730, 730]);
    const today = todayIn('Asia/Seoul');
    const nights = await h.container.inventory.getNights('htl_seoul_hanriver', 'rt_deluxe_double', today, addDays(today, 400));
    expect(nights).toHaveLength(365);
    expect(nights.at(-1)!.date).toBe(addDays(today, 364));
    expect((await h.container.catalog.listHotels({ page: 1, pageSize: 10 })).items.map((x) => x.hotelId).sort()).toEqual([
      'htl_jeju_oceanview',
      'htl_seoul_gangnam',
      'htl_seoul_hanriver',
    ]);
  });

  it('leaves the generic config without a secret of its own, so it verifies with PMS_WEBHOOK_SECRET', async () => {
    const generic = await h.container.pmsConfigs.findByVendorHotel('generic', SIM_PMS_HOTEL_IDS.generic);
    const opera = await h.container.pmsConfigs.findByVendorHotel('opera', SIM_PMS_HOTEL_IDS.opera);

    expect(generic).toMatchObject({ hotelId: 'htl_jeju_oceanview', webhookEnabled: true });
    expect(generic!.webhookSecret).toBeUndefined();
    expect(opera).toMatchObject({ hotelId: 'htl_seoul_gangnam', webhookEnabled: false, pollingEnabled: true });
    expect(first.find((r) => r.vendor === 'cloudbeds')!.webhookUrl).toMatch(/\/api\/webhooks\/pms\/cloudbeds\?token=[0-9a-f]{64}$/);
  });

  it('lets anyone who knows PMS_WEBHOOK_SECRET send a signed generic event, and accepts Cloudbeds deliveries to the returned URL', async () => {
    // Prepare: the webhook endpoint's use case, on this table, with a queue that just records.
    const queued: WebhookQueueMessage[] = [];
    const deps: ReceiveWebhookDeps = {
      webhookEvents: h.container.webhookEvents,
      queue: { enqueue: async (m) => void queued.push(m) },
      pmsConfigs: h.container.pmsConfigs,
      openSecret: (sealed, context) => h.container.cipher().open(sealed, context),
      fallbackSecret: TEST_WEBHOOK_SECRET,
      clock: () => new Date(),
    };
    const event = genericEvent({ eventType: 'inventory_update', hotelId: SIM_PMS_HOTEL_IDS.generic, roomTypeId: 'ocean-double', data: { inventory: [{ date: addDays(todayIn('Asia/Seoul'), 7), total: 9 }] } });
    const rawBody = JSON.stringify(event);
    const signature = genericSignatureHeader({ secrets: [TEST_WEBHOOK_SECRET], timestampSeconds: Math.floor(Date.now() / 1000), rawBody });
    const token = new URL(first.find((r) => r.vendor === 'cloudbeds')!.webhookUrl!, 'http://x').searchParams.get('token')!;
    const cloudbeds = cloudbedsReservationPayload('reservation/created', SIM_PMS_HOTEL_IDS.cloudbeds, 'R123', Date.now());

    // Act
    const generic = await receivePmsWebhook(deps, { vendor: 'generic', rawBody: Buffer.from(rawBody), headers: { 'x-pms-signature': signature } });
    const fromCloudbeds = await receivePmsWebhook(deps, { vendor: 'cloudbeds', rawBody: Buffer.from(JSON.stringify(cloudbeds)), headers: {}, token });

    // Assess
    expect([generic.outcome, fromCloudbeds.outcome]).toEqual(['accepted', 'accepted']);
    expect(queued.map((m) => m.vendor)).toEqual(['generic', 'cloudbeds']);
  });

  it('runs again (a restart on a kept data dir) without duplicating anything or resetting reservations', async () => {
    const date = addDays(todayIn('Asia/Seoul'), 3);
    await h.container.holds.place({ bookingId: 'bk_demo_1', hotelId: 'htl_seoul_gangnam', roomTypeId: 'rt_standard_twin', nights: [date], rooms: 2, expiresAt: '2099-01-01T00:00:00.000Z' }, new Date());

    const again = await importDemoHotels({ simulator: h.sim });

    expect(again.map((r) => r.listingId).sort()).toEqual(first.map((r) => r.listingId).sort());
    const items = await h.scan();
    expect(items.filter((i) => i.entity === 'Hotel')).toHaveLength(3);
    expect(items.filter((i) => i.entity === 'PmsConfig')).toHaveLength(3);
    expect(items.filter((i) => i.entity === 'InventoryNight')).toHaveLength(3 * 730);
    const [night] = await h.container.inventory.getNights('htl_seoul_gangnam', 'rt_standard_twin', date, date);
    // OPERA takes no reservations beyond its rooms, so the limit is total: 20 - 2 of ours = 18.
    expect(night).toMatchObject({ total: 20, sellLimit: 20, reserved: 2, remaining: 18 });
  }, 120_000);
});
