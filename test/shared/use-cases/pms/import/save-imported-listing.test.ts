import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../../../../shared/domain/dates.ts';
import { credentialContext } from '../../../../../shared/adapters/pms/config-pms-resolver.ts';
import type { ListingImportWriter } from '../../../../../shared/ports/listing-import.port.ts';
import { fetchHotelData } from '../../../../../shared/use-cases/pms/import/fetch-hotel-data.use-case.ts';
import { saveInputFromForm, type SaveListingInput } from '../../../../../shared/use-cases/pms/import/hotel-import-form.ts';
import { saveImportedListing } from '../../../../../shared/use-cases/pms/import/save-imported-listing.use-case.ts';
import type { SimHotel } from '../../../../../local/simulators/pms/sim-hotels.ts';
import { SIM_KEYS, SIM_PMS_HOTEL_IDS, startImportHarness, type ImportHarness } from './import-harness.ts';

const ZONE = 'Asia/Seoul';

describe('saveImportedListing against DynamoDB Local and the simulated PMS', () => {
  let h: ImportHarness;

  /** The form an admin would get from fetch-hotel-data, saved unedited. */
  async function formFor(vendor: 'cloudbeds' | 'opera' | 'generic', extra: Partial<SaveListingInput> = {}): Promise<SaveListingInput> {
    const apiBaseUrl = h.sim.baseUrl(vendor);
    const form = await fetchHotelData({ pms: h.container.pms, clock: h.container.clock }, { vendor, hotelId: SIM_PMS_HOTEL_IDS[vendor], apiKey: SIM_KEYS[vendor], apiBaseUrl });
    return { ...saveInputFromForm(form, { apiKey: SIM_KEYS[vendor] }), ...extra };
  }

  const entities = async (entity: string) => (await h.scan()).filter((i) => i.entity === entity);

  beforeAll(async () => {
    h = await startImportHarness();
  });

  afterAll(async () => {
    await h.stop();
  });

  it('stores the listing, its config (key sealed), room types with media, rate plans and 30 nights, readable through the catalog', async () => {
    // Prepare
    const input = await formFor('generic', { listingId: 'htl_jeju_import' });

    // Act
    const result = await saveImportedListing(await h.deps(), input);

    // Assess
    expect(result).toMatchObject({ listingId: 'htl_jeju_import', configId: 'pms_generic_jeju-oceanview', created: true, nights: 60 });
    expect(result.roomTypes).toEqual([
      { roomTypeId: 'rt_ocean-double', pmsRoomTypeId: 'ocean-double' },
      { roomTypeId: 'rt_family-villa', pmsRoomTypeId: 'family-villa' },
    ]);
    expect(result.webhookUrl).toBe('http://api.example.test/api/webhooks/pms/generic');
    const hotel = await h.container.catalog.getHotel('htl_jeju_import');
    expect(hotel).toMatchObject({ name: 'Jeju Ocean View Resort', city: 'Jeju', country: 'KR', timeZone: ZONE, currency: 'KRW', pms: { vendor: 'generic', pmsHotelId: 'jeju-oceanview' } });
    const [rt] = await h.container.catalog.listRoomTypes('htl_jeju_import');
    expect(rt!.media.map((m) => [m.url, m.isPrimary])).toEqual([
      ['https://images.example.com/htl_jeju_oceanview/rt_family_villa/1.jpg', true],
      ['https://images.example.com/htl_jeju_oceanview/rt_family_villa/2.jpg', false],
    ]);
    const [plan] = await h.container.catalog.listRatePlans('htl_jeju_import', 'rt_ocean-double');
    expect(plan).toMatchObject({ ratePlanId: 'rp_standard', name: 'Standard', currency: 'KRW', isRefundable: true });
    expect(plan!.basePriceMinor).toBeGreaterThanOrEqual(160_000);
    const today = todayIn(ZONE);
    const nights = await h.container.inventory.getNights('htl_jeju_import', 'rt_ocean-double', today, addDays(today, 40));
    expect(nights).toHaveLength(30);
    expect(nights[0]).toMatchObject({ date: today, total: 12, sellLimit: 12, external: 0, reserved: 0, remaining: 12 });
    const config = await h.container.pmsConfigs.get(result.configId);
    expect(config).toMatchObject({ hotelId: 'htl_jeju_import', vendor: 'generic', webhookEnabled: true, pollingEnabled: true, pollingIntervalSeconds: 300, paused: false });
    expect(await h.container.cipher().open(config!.credentials, credentialContext(result.configId))).toBe(SIM_KEYS.generic);
    expect(JSON.stringify(await h.scan())).not.toContain(SIM_KEYS.generic);
  });

  it('updates an earlier import of the same PMS hotel in place, keeping ids and the rooms already reserved', async () => {
    // Prepare: a guest holds 3 rooms on one night, and the hotel renames itself and adds rooms in its PMS.
    const date = addDays(todayIn(ZONE), 5);
    await h.container.holds.place({ bookingId: 'bk_import_1', hotelId: 'htl_jeju_import', roomTypeId: 'rt_ocean-double', nights: [date], rooms: 3, expiresAt: '2099-01-01T00:00:00.000Z' }, new Date());
    await h.sim.setTotal(SIM_PMS_HOTEL_IDS.generic, 'ocean-double', date, 20, { notify: false });
    const input = await formFor('generic', { listingId: 'htl_some_other_id', hotelName: 'Jeju Ocean View Resort & Spa' });
    input.roomTypes[0]!.roomTypeId = 'rt_renamed';

    // Act
    const result = await saveImportedListing(await h.deps(), input);

    // Assess: the earlier mapping wins over the form's ids, nothing is duplicated, reserved is intact.
    expect(result).toMatchObject({ listingId: 'htl_jeju_import', created: false });
    expect(result.roomTypes.map((r) => r.roomTypeId)).toEqual(['rt_ocean-double', 'rt_family-villa']);
    expect((await entities('Hotel')).map((i) => i.hotelId)).toEqual(['htl_jeju_import']);
    expect(await entities('RoomType')).toHaveLength(2);
    expect(await entities('RatePlan')).toHaveLength(2);
    expect(await entities('PmsConfig')).toHaveLength(1);
    expect(await entities('InventoryNight')).toHaveLength(60);
    expect((await h.container.catalog.getHotel('htl_jeju_import'))!.name).toBe('Jeju Ocean View Resort & Spa');
    const [night] = await h.container.inventory.getNights('htl_jeju_import', 'rt_ocean-double', date, date);
    // The PMS takes no reservations beyond its rooms, so neither do we: the limit is total.
    expect(night).toMatchObject({ total: 20, sellLimit: 20, external: 0, reserved: 3, remaining: 17 });
  });

  it('deactivates a room type the re-imported form leaves out, and keeps its id for later', async () => {
    const input = await formFor('generic');
    input.roomTypes = input.roomTypes.filter((r) => r.pmsRoomTypeId !== 'family-villa');

    await saveImportedListing(await h.deps(), input);

    const villa = await h.container.catalog.getRoomType('htl_jeju_import', 'rt_family-villa');
    expect(villa).toMatchObject({ isActive: false, pmsRoomTypeId: 'family-villa' });
    const again = await saveImportedListing(await h.deps(), await formFor('generic'));
    expect(again.roomTypes.map((r) => r.roomTypeId)).toContain('rt_family-villa');
    expect((await h.container.catalog.getRoomType('htl_jeju_import', 'rt_family-villa'))!.isActive).toBe(true);
  });

  it('makes nothing visible when the final write fails, and the same save run again completes it', async () => {
    // Prepare: the catalog+config transaction fails once.
    const input = await formFor('opera', { listingId: 'htl_gangnam_import' });
    const failing: ListingImportWriter = {
      commit: async () => {
        throw new Error('DynamoDB went away');
      },
    };

    // Act
    await expect(saveImportedListing({ ...(await h.deps()), listings: failing }, input)).rejects.toThrow('DynamoDB went away');

    // Assess: no hotel, no config, no room types; the nights written first are unreachable.
    expect(await h.container.catalog.getHotel('htl_gangnam_import')).toBeUndefined();
    expect(await h.container.pmsConfigs.findByVendorHotel('opera', SIM_PMS_HOTEL_IDS.opera)).toBeUndefined();
    expect(await h.container.catalog.listRoomTypes('htl_gangnam_import')).toEqual([]);
    const retried = await saveImportedListing(await h.deps(), input);
    expect(retried).toMatchObject({ listingId: 'htl_gangnam_import', created: true, nights: 60 });
    expect(await h.container.catalog.listRoomTypes('htl_gangnam_import')).toHaveLength(2);
    expect((await h.container.pmsConfigs.get(retried.configId))!.webhookEnabled).toBe(false);
  });

  it('refuses a hotel id that already belongs to another PMS hotel', async () => {
    const input = await formFor('cloudbeds', { listingId: 'htl_jeju_import' });

    await expect(saveImportedListing(await h.deps(), input)).rejects.toMatchObject({ code: 'IMPORT_CONFLICT' });

    expect(await h.container.pmsConfigs.findByVendorHotel('cloudbeds', SIM_PMS_HOTEL_IDS.cloudbeds)).toBeUndefined();
  });

  it('refuses a room type the PMS does not have, naming the field, and stores nothing', async () => {
    const input = await formFor('cloudbeds', { listingId: 'htl_hanriver_import' });
    input.roomTypes[1]!.pmsRoomTypeId = '999999';

    await expect(saveImportedListing(await h.deps(), input)).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      details: [{ field: 'body.roomTypes.1.pmsRoomTypeId', message: 'is not a room type of this hotel in the PMS' }],
    });

    expect(await h.container.catalog.getHotel('htl_hanriver_import')).toBeUndefined();
  });

  it('stores a hotel with more room types than one transaction holds (55 room types, 112 items)', async () => {
    // Prepare
    const big: SimHotel = {
      vendor: 'generic',
      pmsHotelId: 'big-hotel',
      name: 'Big Hotel',
      description: 'Many rooms.',
      city: 'Busan',
      country: 'KR',
      latitude: 35.1,
      longitude: 129.0,
      timeZone: ZONE,
      currency: 'KRW',
      starRating: 3,
      amenities: [],
      images: [],
      checkInTime: '15:00',
      checkOutTime: '11:00',
      credentials: { kind: 'api_key', apiKey: 'gpk_big_hotel_key_42' },
      days: 3,
      roomTypes: Array.from({ length: 55 }, (_, i) => ({
        pmsRoomTypeId: `room-${i}`,
        name: `Room ${i}`,
        description: `Room ${i}.`,
        maxOccupancy: 2,
        bedType: 'Queen',
        bedCount: 1,
        sizeSqm: 20,
        viewType: 'City View',
        amenities: [],
        photos: [{ url: `https://images.example.com/big/${i}.jpg` }],
        total: 2,
        priceMinor: 50_000,
        ratePlanId: 'BAR',
        ratePlanName: 'Best available',
      })),
    };
    h.sim.state.addHotel(big);
    const form = await fetchHotelData(
      { pms: h.container.pms, clock: h.container.clock },
      { vendor: 'generic', hotelId: 'big-hotel', apiKey: 'gpk_big_hotel_key_42', apiBaseUrl: h.sim.baseUrl('generic') },
      { horizonDays: 3 },
    );

    // Act
    const result = await saveImportedListing(await h.deps(), saveInputFromForm(form, { apiKey: 'gpk_big_hotel_key_42' }), { horizonDays: 3 });

    // Assess
    expect(result).toMatchObject({ listingId: 'htl_generic_big-hotel', nights: 165 });
    expect(await h.container.catalog.listRoomTypes('htl_generic_big-hotel')).toHaveLength(55);
    expect(await h.container.pmsConfigs.get(result.configId)).toMatchObject({ hotelId: 'htl_generic_big-hotel' });
  });
});
