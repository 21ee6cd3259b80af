import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { handler as fetchHotelData } from '../../../../functions/admin/pms-fetch-hotel-data.ts';
import { handler as saveListing } from '../../../../functions/admin/pms-save-listing.ts';
import { handler as listPmsConfigs } from '../../../../functions/admin/list-pms-configs.ts';
import { handler as getHotel } from '../../../../functions/hotels/get-hotel.ts';
import { handler as listRoomTypes } from '../../../../functions/hotels/list-room-types.ts';
import { handler as getInventory } from '../../../../functions/inventory/get-inventory.ts';
import { addDays, todayIn } from '../../../../shared/domain/dates.ts';
import { toMajorUnits } from '../../../../shared/domain/money.ts';
import { routes } from '../../../../shared/http/route-table.ts';
import { logger } from '../../../../shared/observability/logger.ts';
import { cloudbedsWebhookToken } from '../../../../shared/use-cases/pms/webhooks/webhook-signature.ts';
import { SIM_CREDENTIALS, simPriceFor } from '../../../../local/simulators/pms/sim-hotels.ts';
import { httpEvent, invoke } from '../../../support/events.ts';
import { captureOutput, type CapturedOutput } from './capture-output.ts';
import {
  SIM_KEYS,
  SIM_PMS_HOTEL_IDS,
  TEST_API_BASE_URL,
  TEST_WEBHOOK_SECRET,
  startImportHarness,
  type ImportHarness,
} from '../../../shared/use-cases/pms/import/import-harness.ts';

const admin = { sub: 'admin-1', 'cognito:groups': '[admin]' };
const guest = { sub: 'guest-1', 'cognito:groups': '[guest]' };
const ZONE = 'Asia/Seoul';
const VENDORS = ['cloudbeds', 'opera', 'generic'] as const;

/** Every secret the tests send; none may come back in a response or reach a log line. */
const SECRETS = [...Object.values(SIM_KEYS), SIM_CREDENTIALS.opera.clientSecret, 'cbat_wrong_key_0000'];

describe('admin hotel import routes (DynamoDB Local + simulated PMS over HTTP)', () => {
  let h: ImportHarness;
  let output: CapturedOutput;
  const bodies: string[] = [];

  async function call(handler: Parameters<typeof invoke>[0], event: Parameters<typeof invoke>[1]) {
    const res = await invoke(handler, event);
    bodies.push(JSON.stringify(res.body));
    return res;
  }

  const fetchBody = (vendor: (typeof VENDORS)[number], overrides: Record<string, unknown> = {}) => ({
    vendor,
    hotelId: SIM_PMS_HOTEL_IDS[vendor],
    apiKey: SIM_KEYS[vendor],
    apiBaseUrl: h.sim.baseUrl(vendor),
    ...overrides,
  });

  beforeAll(async () => {
    h = await startImportHarness();
    // Log everything (the suite runs at ERROR), so the secret check below sees every line.
    // Powertools' injectLambdaContext puts the level back to the configured one on every invocation
    // (its debug-sampling refresh), so keep DEBUG for the whole file.
    vi.spyOn(logger, 'refreshSampleRateCalculation').mockImplementation(() => undefined);
    logger.setLogLevel('DEBUG');
    output = captureOutput();
  });

  afterAll(async () => {
    output.restore();
    vi.restoreAllMocks();
    logger.setLogLevel('ERROR');
    await h.stop();
  });

  describe('POST /api/admin/pms/fetch-hotel-data', () => {
    it.each(VENDORS)('reads the %s hotel as the import form: room types, images, 30 nights and their average price', async (vendor) => {
      // Prepare
      const sim = h.sim.state.hotel(SIM_PMS_HOTEL_IDS[vendor])!;
      const today = todayIn(ZONE);

      // Act
      const res = await call(fetchHotelData, httpEvent(routes.adminPmsFetchHotelData, { body: fetchBody(vendor), claims: admin }));

      // Assess
      expect(res.statusCode).toBe(200);
      const form = res.body.data;
      expect(form).toMatchObject({
        vendor,
        hotelId: sim.pmsHotelId,
        hotelName: sim.name,
        location: { city: sim.city, country: 'KR', latitude: sim.latitude, longitude: sim.longitude },
        timeZone: ZONE,
        currency: 'KRW',
        checkInTime: '15:00',
        checkOutTime: '11:00',
      });
      expect(form.apiKey).toBeUndefined();
      expect(form.roomTypes.map((r: { pmsRoomTypeId: string }) => r.pmsRoomTypeId)).toEqual(sim.roomTypes.map((r) => r.pmsRoomTypeId));
      for (const [i, rt] of form.roomTypes.entries()) {
        const expected = sim.roomTypes[i]!;
        expect(rt).toMatchObject({ roomTypeName: expected.name, maxOccupancy: expected.maxOccupancy, currency: 'KRW', checkInTime: '15:00', bathroomType: null, houseRules: null });
        expect(rt.images.map((img: { url: string }) => img.url)).toEqual(expected.photos.map((p) => p.url));
        expect(rt.inventory).toHaveLength(30);
        expect(rt.inventory[0]).toEqual({ date: today, total: expected.total, available: expected.total, price: simPriceFor(expected.priceMinor, today) });
        expect(rt.inventory[29].date).toBe(addDays(today, 29));
        const mean = rt.inventory.reduce((sum: number, n: { price: number }) => sum + n.price, 0) / 30;
        expect(rt.averagePrice).toBe(toMajorUnits(Math.round(mean), 'KRW'));
      }
    });

    it('answers 422 PMS_AUTH_FAILED when the PMS refuses the key', async () => {
      const res = await call(fetchHotelData, httpEvent(routes.adminPmsFetchHotelData, { body: fetchBody('cloudbeds', { apiKey: 'cbat_wrong_key_0000' }), claims: admin }));

      expect(res.statusCode).toBe(422);
      expect(res.body.error.code).toBe('PMS_AUTH_FAILED');
    });

    it('answers 422 PMS_NOT_FOUND for a hotel the PMS does not have', async () => {
      const res = await call(fetchHotelData, httpEvent(routes.adminPmsFetchHotelData, { body: fetchBody('generic', { hotelId: 'no-such-hotel' }), claims: admin }));

      expect(res.statusCode).toBe(422);
      expect(res.body.error.code).toBe('PMS_NOT_FOUND');
    });

    it('answers 503 PMS_UNAVAILABLE when the PMS is down', async () => {
      // Prepare: the PMS answers its own 503 to hotel details.
      h.faults.arm({ point: 'pms.details', mode: 'error', times: 3 });

      const res = await call(fetchHotelData, httpEvent(routes.adminPmsFetchHotelData, { body: fetchBody('generic'), claims: admin }));

      expect(res.statusCode).toBe(503);
      expect(res.body.error.code).toBe('PMS_UNAVAILABLE');
      h.faults.clear('pms.details');
    });

    it('answers 422 naming the field for a missing base URL, a malformed OPERA key and an unknown vendor', async () => {
      const noBase = await call(fetchHotelData, httpEvent(routes.adminPmsFetchHotelData, { body: fetchBody('generic', { apiBaseUrl: undefined }), claims: admin }));
      const badOpera = await call(fetchHotelData, httpEvent(routes.adminPmsFetchHotelData, { body: fetchBody('opera', { apiKey: 'just-one-part' }), claims: admin }));
      const badVendor = await call(fetchHotelData, httpEvent(routes.adminPmsFetchHotelData, { body: fetchBody('generic', { vendor: 'mews' }), claims: admin }));

      expect([noBase.statusCode, badOpera.statusCode, badVendor.statusCode]).toEqual([422, 422, 422]);
      expect(noBase.body.error.details).toEqual([{ field: 'body.apiBaseUrl', message: 'is required for generic' }]);
      expect(badOpera.body.error.details[0].field).toBe('body.apiKey');
      expect(badVendor.body.error.details[0].field).toBe('body.vendor');
    });

    it('is for administrators only', async () => {
      const res = await call(fetchHotelData, httpEvent(routes.adminPmsFetchHotelData, { body: fetchBody('generic'), claims: guest }));
      const anonymous = await call(fetchHotelData, httpEvent(routes.adminPmsFetchHotelData, { body: fetchBody('generic') }));

      expect(res.statusCode).toBe(403);
      expect(anonymous.statusCode).toBe(401);
    });
  });

  describe('POST /api/admin/pms/listings', () => {
    it('saves the fetched form as it is, and the public catalog and inventory routes then show the hotel', async () => {
      // Prepare: the admin fetches the form and saves it unedited, choosing our hotel id.
      const fetched = await call(fetchHotelData, httpEvent(routes.adminPmsFetchHotelData, { body: fetchBody('cloudbeds'), claims: admin }));
      const form = fetched.body.data;

      // Act
      const res = await call(saveListing, httpEvent(routes.adminPmsSaveListing, { body: { ...form, apiKey: SIM_KEYS.cloudbeds, listingId: 'htl_hanriver' }, claims: admin }));

      // Assess
      expect(res.statusCode).toBe(201);
      const configId = 'pms_cloudbeds_318204';
      expect(res.body.data).toEqual({
        listingId: 'htl_hanriver',
        configId,
        created: true,
        roomTypes: [
          { roomTypeId: 'rt_501101', pmsRoomTypeId: '501101' },
          { roomTypeId: 'rt_501102', pmsRoomTypeId: '501102' },
        ],
        nights: 60,
        webhookUrl: `${TEST_API_BASE_URL}/api/webhooks/pms/cloudbeds?token=${cloudbedsWebhookToken(TEST_WEBHOOK_SECRET, configId)}`,
      });
      const hotel = await call(getHotel, httpEvent(routes.getHotel, { params: { hotelId: 'htl_hanriver' } }));
      expect(hotel.body.data).toMatchObject({ name: 'Han River Grand Hotel', city: 'Seoul', pmsVendor: 'cloudbeds', location: { latitude: 37.5283, longitude: 126.9326 } });
      const roomTypes = await call(listRoomTypes, httpEvent(routes.listRoomTypes, { params: { hotelId: 'htl_hanriver' } }));
      expect(roomTypes.body.data).toHaveLength(2);
      const deluxe = roomTypes.body.data.find((r: { roomTypeId: string }) => r.roomTypeId === 'rt_501101');
      expect(deluxe).toMatchObject({ name: 'Deluxe Double', maxOccupancy: 2, checkInTime: '15:00', checkOutTime: '11:00' });
      expect(deluxe.media[0]).toMatchObject({ mediaType: 'image', isPrimary: true, displayOrder: 0 });
      expect(deluxe.ratePlans).toEqual([expect.objectContaining({ ratePlanId: 'rp_standard', name: 'Standard', basePrice: form.roomTypes[0].averagePrice, currency: 'KRW' })]);
      const today = todayIn(ZONE);
      const pmsCallsBefore = h.sim.requests().length;
      const inventory = await call(getInventory, httpEvent(routes.getInventory, { params: { hotelId: 'htl_hanriver', roomTypeId: 'rt_501101' }, query: { startDate: today, endDate: addDays(today, 29) } }));
      expect(inventory.statusCode).toBe(200);
      expect(inventory.body.data).toHaveLength(30);
      // Cloudbeds takes no reservations beyond its rooms, so neither do we: 10 available of 10.
      expect(inventory.body.data[0]).toMatchObject({ date: today, total: 10, sellLimit: 10, available: 10, soldElsewhere: 0 });
      // Served from the imported copy: the PMS was not asked.
      expect(h.sim.requests().length).toBe(pmsCallsBefore);
    });

    it('updates the same listing when the same PMS hotel is imported again, with the admin\'s edits', async () => {
      const fetched = await call(fetchHotelData, httpEvent(routes.adminPmsFetchHotelData, { body: fetchBody('cloudbeds'), claims: admin }));
      const form = fetched.body.data;
      form.roomTypes[0].roomTypeName = 'Deluxe Double (renovated)';
      form.roomTypes[0].ratePlan = { name: 'Room only', basePrice: 199_000, breakfastIncluded: false, refundable: false, cancellationHours: 48, cancellationFeePercent: 100 };

      const res = await call(
        saveListing,
        httpEvent(routes.adminPmsSaveListing, { body: { ...form, apiKey: SIM_KEYS.cloudbeds, pollingIntervalSeconds: 600, bookingHorizonDays: 180 }, claims: admin }),
      );

      expect(res.statusCode).toBe(201);
      expect(res.body.data).toMatchObject({ listingId: 'htl_hanriver', created: false });
      expect((await h.container.catalog.getHotel('htl_hanriver'))!.bookingHorizonDays).toBe(180);
      const roomTypes = await call(listRoomTypes, httpEvent(routes.listRoomTypes, { params: { hotelId: 'htl_hanriver' } }));
      const deluxe = roomTypes.body.data.find((r: { roomTypeId: string }) => r.roomTypeId === 'rt_501101');
      expect(deluxe.name).toBe('Deluxe Double (renovated)');
      expect(deluxe.ratePlans).toEqual([expect.objectContaining({ ratePlanId: 'rp_standard', name: 'Room only', basePrice: 199_000, isRefundable: false, cancellationHours: 48, cancellationFeePercent: 100 })]);
      expect((await h.scan()).filter((i) => i.entity === 'Hotel')).toHaveLength(1);
      expect((await h.container.pmsConfigs.get('pms_cloudbeds_318204'))!.pollingIntervalSeconds).toBe(600);
    });

    it('answers 422 with the offending fields for a bad form, before asking the PMS', async () => {
      const before = h.sim.requests().length;

      const res = await call(
        saveListing,
        httpEvent(routes.adminPmsSaveListing, { body: { ...fetchBody('generic'), hotelName: 'X', location: { city: 'Jeju', country: 'KR' }, roomTypes: [], pollingIntervalSeconds: 5 }, claims: admin }),
      );

      expect(res.statusCode).toBe(422);
      expect(res.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['body.pollingIntervalSeconds', 'body.roomTypes']);
      expect(h.sim.requests().length).toBe(before);
    });

    it('answers 422 PMS_AUTH_FAILED and stores nothing when the key is wrong', async () => {
      const form = (await call(fetchHotelData, httpEvent(routes.adminPmsFetchHotelData, { body: fetchBody('generic'), claims: admin }))).body.data;

      const res = await call(saveListing, httpEvent(routes.adminPmsSaveListing, { body: { ...form, apiKey: 'cbat_wrong_key_0000' }, claims: admin }));

      expect(res.statusCode).toBe(422);
      expect(res.body.error.code).toBe('PMS_AUTH_FAILED');
      expect(await h.container.pmsConfigs.findByVendorHotel('generic', SIM_PMS_HOTEL_IDS.generic)).toBeUndefined();
    });
  });

  describe('GET /api/admin/pms/configs', () => {
    it('lists each config with its hotel and sync health, and no credential of any kind', async () => {
      const res = await call(listPmsConfigs, httpEvent(routes.adminListPmsConfigs, { claims: admin }));

      expect(res.statusCode).toBe(200);
      expect(res.body.data).toEqual([
        expect.objectContaining({
          configId: 'pms_cloudbeds_318204',
          vendor: 'cloudbeds',
          pmsHotelId: '318204',
          hotelId: 'htl_hanriver',
          hotelName: 'Han River Grand Hotel',
          webhookEnabled: true,
          hasOwnWebhookSecret: false,
          pollingEnabled: true,
          pollingIntervalSeconds: 600,
          pollingHorizonDays: 30,
          consecutiveFailures: 0,
          paused: false,
          isActive: true,
          circuit: { state: 'CLOSED', failures: 0, openedAt: null },
          lastSyncAt: expect.any(String),
        }),
      ]);
      const text = JSON.stringify(res.body);
      for (const field of ['credentials', 'wrappedKey', 'ciphertext', 'webhookSecret', 'apiKey']) expect(text).not.toContain(field);
    });
  });

  it('never returns an API key, never logs one, and never stores one in the clear', async () => {
    // Assess: every body seen in this file, every line written to stdout/stderr, every stored item.
    const stored = JSON.stringify(await h.scan());
    const logs = output.text();
    expect(logs).toContain('PMS listing imported');
    expect(bodies.length).toBeGreaterThan(10);
    for (const secret of SECRETS) {
      expect(bodies.filter((b) => b.includes(secret))).toEqual([]);
      expect(logs.includes(secret)).toBe(false);
      expect(stored.includes(secret)).toBe(false);
    }
  });
});
