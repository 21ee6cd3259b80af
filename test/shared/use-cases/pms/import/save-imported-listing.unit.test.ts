import { describe, expect, it } from 'vitest';
import { addDays } from '../../../../../shared/domain/dates.ts';
import { ValidationError } from '../../../../../shared/domain/errors.ts';
import { credentialContext } from '../../../../../shared/domain/pms-config.ts';
import { PmsAuthError } from '../../../../../shared/domain/pms-errors.ts';
import { ImportConflictError } from '../../../../../shared/use-cases/pms/import/import-errors.ts';
import type { SaveListingInput } from '../../../../../shared/use-cases/pms/import/hotel-import-form.ts';
import { saveImportedListing, type SaveListingDeps } from '../../../../../shared/use-cases/pms/import/save-imported-listing.use-case.ts';
import { aHotel } from '../../../../support/fixtures.ts';
import { NOW, TODAY, importWorld } from './pms-import-fakes.ts';

function setup() {
  const w = importWorld();
  const deps: SaveListingDeps = {
    pms: w.pms,
    catalog: w.catalog,
    pmsConfigs: w.pmsConfigs,
    listings: w.listings,
    inventory: w.inventory,
    events: w.events,
    cipher: w.cipher,
    search: w.search,
    clock: w.clock,
    apiBaseUrl: 'https://api.example',
  };
  return { ...w, deps };
}

function aForm(overrides: Partial<SaveListingInput> = {}): SaveListingInput {
  return {
    vendor: 'generic',
    hotelId: 'jeju-ocean',
    apiKey: 'gpk_import_key',
    apiBaseUrl: 'https://pms.example/v1',
    hotelName: '  Jeju Ocean View ',
    location: { city: 'Jeju', country: 'KR' },
    roomTypes: [
      { pmsRoomTypeId: 'ocean-double', roomTypeName: 'Ocean Double', maxOccupancy: 2, images: [{ url: 'https://img.example/o1.jpg', caption: 'Sea view' }] },
      { pmsRoomTypeId: 'family-villa', roomTypeId: 'rt_villa', roomTypeName: 'Family Villa', maxOccupancy: 5, ratePlan: { basePrice: 310_000, breakfastIncluded: true } },
    ],
    ...overrides,
  };
}

describe('saveImportedListing', () => {
  it('stores the listing, its room types, rate plans, a sealed config and 30 nights from the PMS', async () => {
    // Prepare
    const w = setup();

    // Act
    const result = await saveImportedListing(w.deps, aForm());

    // Assess
    expect(result).toEqual({
      listingId: 'htl_generic_jeju-ocean',
      configId: 'pms_generic_jeju-ocean',
      created: true,
      roomTypes: [
        { roomTypeId: 'rt_ocean-double', pmsRoomTypeId: 'ocean-double' },
        { roomTypeId: 'rt_villa', pmsRoomTypeId: 'family-villa' },
      ],
      nights: 60,
      webhookUrl: 'https://api.example/api/webhooks/pms/generic',
    });
    expect(await w.catalog.getHotel('htl_generic_jeju-ocean')).toMatchObject({ name: 'Jeju Ocean View', timeZone: 'Asia/Seoul', currency: 'KRW', pms: { vendor: 'generic', pmsHotelId: 'jeju-ocean' }, createdAt: NOW });
    expect(await w.catalog.getRoomType('htl_generic_jeju-ocean', 'rt_ocean-double')).toMatchObject({
      pmsRoomTypeId: 'ocean-double',
      media: [{ mediaType: 'image', url: 'https://img.example/o1.jpg', altText: 'Sea view', displayOrder: 0, isPrimary: true }],
    });
    expect(await w.catalog.listRatePlans('htl_generic_jeju-ocean', 'rt_ocean-double')).toEqual([expect.objectContaining({ basePriceMinor: 120_000, pmsRatePlanId: 'BAR' })]);
    expect(await w.catalog.listRatePlans('htl_generic_jeju-ocean', 'rt_villa')).toEqual([expect.objectContaining({ basePriceMinor: 310_000, breakfastIncluded: true })]);
    const config = (await w.pmsConfigs.get('pms_generic_jeju-ocean'))!;
    expect(config).toMatchObject({ hotelId: 'htl_generic_jeju-ocean', apiBaseUrl: 'https://pms.example/v1', lastSyncAt: NOW, webhookEnabled: true, circuit: { state: 'CLOSED', failures: 0 } });
    expect(await w.cipher.open(config.credentials, credentialContext(config.configId))).toBe('gpk_import_key');
    expect(JSON.stringify(config)).not.toContain('gpk_import_key');
    const stored = await w.inventory.getNights('htl_generic_jeju-ocean', 'rt_ocean-double', TODAY, addDays(TODAY, 60));
    expect(stored).toHaveLength(30);
    expect(stored[0]).toMatchObject({ date: TODAY, total: 7, sellLimit: 7, reserved: 0, priceMinor: 100_000, syncedAt: NOW });
  });

  it('importing again updates the same hotel and room types and keeps what was sold', async () => {
    // Prepare: a first import, then 3 rooms of today sold; the PMS now has 4 rooms today.
    const w = setup();
    await saveImportedListing(w.deps, aForm());
    const [today] = await w.inventory.getNights('htl_generic_jeju-ocean', 'rt_ocean-double', TODAY, TODAY);
    w.inventory.seed([{ ...today!, reserved: 3, remaining: 4 }]);
    w.pmsClient.setNights(w.pmsClient.nights.map((n) => (n.pmsRoomTypeId === 'ocean-double' && n.date === TODAY ? { ...n, total: 4 } : n)));
    w.clock.advance(3_600_000);

    // Act
    const again = await saveImportedListing(w.deps, aForm({ hotelName: 'Jeju Ocean View Resort' }));

    // Assess
    expect(again).toMatchObject({ listingId: 'htl_generic_jeju-ocean', created: false });
    expect(w.listings.commits).toHaveLength(2);
    expect(await w.catalog.getHotel('htl_generic_jeju-ocean')).toMatchObject({ name: 'Jeju Ocean View Resort', createdAt: NOW });
    expect(w.inventory.night('htl_generic_jeju-ocean', 'rt_ocean-double', TODAY)).toMatchObject({ total: 4, sellLimit: 4, reserved: 3, remaining: 1 });
  });

  it('deactivates a room type the form no longer carries', async () => {
    const w = setup();
    await saveImportedListing(w.deps, aForm());

    await saveImportedListing(w.deps, aForm({ roomTypes: [aForm().roomTypes[0]!] }));

    expect((await w.catalog.getRoomType('htl_generic_jeju-ocean', 'rt_villa'))?.isActive).toBe(false);
  });

  it('refuses a room type the PMS does not have, storing nothing', async () => {
    const w = setup();
    const form = aForm({ roomTypes: [{ pmsRoomTypeId: 'penthouse', roomTypeName: 'Penthouse', maxOccupancy: 4 }] });

    const error = await saveImportedListing(w.deps, form).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details).toEqual([expect.objectContaining({ field: 'body.roomTypes.0.pmsRoomTypeId' })]);
    expect(w.listings.commits).toEqual([]);
    expect(w.inventory.all()).toEqual([]);
  });

  it('a key the PMS refuses stores nothing', async () => {
    const w = setup();
    w.pmsClient.failures.arm('getHotel', new PmsAuthError('generic refused our credentials'));

    await expect(saveImportedListing(w.deps, aForm())).rejects.toBeInstanceOf(PmsAuthError);
    expect(w.listings.commits).toEqual([]);
    expect(w.inventory.all()).toEqual([]);
  });

  it('will not link a hotel that belongs to another PMS hotel (409)', async () => {
    const w = setup();
    w.catalog.seed({ hotel: aHotel({ hotelId: 'htl_taken', pms: { vendor: 'cloudbeds', pmsHotelId: '318204' } }) });

    const error = await saveImportedListing(w.deps, aForm({ listingId: 'htl_taken' })).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ImportConflictError);
    expect((error as ImportConflictError).code).toBe('IMPORT_CONFLICT');
    expect(w.listings.commits).toEqual([]);
  });

  it('answers IMPORT_CONFLICT when another import of the same PMS hotel committed meanwhile', async () => {
    const w = setup();
    const commit = w.listings.commit.bind(w.listings);
    w.listings.commit = async (listing, expectation) => {
      // Another admin's import lands between our read and our commit.
      await w.pmsConfigs.put({ ...listing.config, hotelId: 'htl_other' });
      return commit(listing, expectation);
    };

    await expect(saveImportedListing(w.deps, aForm())).rejects.toBeInstanceOf(ImportConflictError);
    expect(await w.catalog.getHotel('htl_generic_jeju-ocean')).toBeUndefined();
  });
});
