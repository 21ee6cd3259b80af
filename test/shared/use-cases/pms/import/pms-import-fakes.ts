import { addDays, datesInclusive } from '../../../../../shared/domain/dates.ts';
import type { PmsNight, PmsRoomType } from '../../../../../shared/domain/pms.ts';
import { fakeClock } from '../../../../support/fakes/clock.fake.ts';
import { FakeEventPublisher } from '../../../../support/fakes/event-publisher.fake.ts';
import { FakeHotelCatalog } from '../../../../support/fakes/hotel-catalog.repository.fake.ts';
import { FakeHotelSearch } from '../../../../support/fakes/hotel-search.fake.ts';
import { FakeInventory } from '../../../../support/fakes/inventory.repository.fake.ts';
import { FakeListingImportWriter } from '../../../../support/fakes/listing-import.fake.ts';
import { FakePmsClient } from '../../../../support/fakes/pms-client.fake.ts';
import { FakePmsClients } from '../../../../support/fakes/pms-clients.fake.ts';
import { FakePmsConfigRepository } from '../../../../support/fakes/pms-config.repository.fake.ts';
import { FakeSecretCipher } from '../../../../support/fakes/secret-cipher.fake.ts';

/** 23:30 UTC on 28 Feb is 08:30 on 1 March in Seoul: the hotel's "today" is 2026-03-01. */
export const NOW = '2026-02-28T23:30:00.000Z';
export const TODAY = '2026-03-01';

export const PMS_ROOM_TYPES: PmsRoomType[] = [
  { pmsRoomTypeId: 'ocean-double', name: 'Ocean Double', maxOccupancy: 2, amenities: ['TV'], photos: [{ url: 'https://img.example/o1.jpg', caption: 'Sea view' }, { url: 'https://img.example/o2.jpg' }] },
  { pmsRoomTypeId: 'family-villa', name: 'Family Villa', maxOccupancy: 5, amenities: [], photos: [] },
];

/** `days` nights from today: ocean-double 7 rooms at 100,000 then 140,000 KRW, family-villa 2 rooms. */
export function importNights(days = 30): PmsNight[] {
  return datesInclusive(TODAY, addDays(TODAY, days - 1)).flatMap((date, i) => [
    { pmsRoomTypeId: 'ocean-double', date, total: 7, available: 5, priceMinor: i % 2 === 0 ? 100_000 : 140_000, currency: 'KRW', ratePlanId: 'BAR' },
    { pmsRoomTypeId: 'family-villa', date, total: 2, priceMinor: 300_000, currency: 'KRW' },
  ]);
}

/** A generic PMS hotel in Seoul, reached through `FakePmsClients.connect`, and the stores an import writes. */
export function importWorld() {
  const clock = fakeClock(NOW);
  const pmsClient = new FakePmsClient({
    vendor: 'generic',
    pmsHotelId: 'jeju-ocean',
    hotel: { name: 'Jeju Ocean View', city: 'Jeju', country: 'KR', timeZone: 'Asia/Seoul', currency: 'KRW', checkInTime: '15:00', amenities: ['Pool'], images: ['https://img.example/h.jpg'] },
    roomTypes: PMS_ROOM_TYPES,
    nights: importNights(400),
  });
  const catalog = new FakeHotelCatalog();
  const pmsConfigs = new FakePmsConfigRepository();
  const pms = new FakePmsClients(pmsConfigs, () => pmsClient);
  const inventory = new FakeInventory();
  const listings = new FakeListingImportWriter(catalog, pmsConfigs);
  const events = new FakeEventPublisher();
  const cipher = new FakeSecretCipher();
  const search = new FakeHotelSearch(catalog, inventory);
  return { clock, pmsClient, pms, catalog, pmsConfigs, inventory, listings, events, cipher, search };
}
