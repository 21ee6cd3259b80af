import { addDays, datesInclusive } from '../../../../../shared/domain/dates.ts';
import type { PmsConfig } from '../../../../../shared/domain/pms-config.ts';
import type { PmsNight } from '../../../../../shared/domain/pms.ts';
import type { LiveReadDeps } from '../../../../../shared/use-cases/pms/polling/read-through.ts';
import { fakeClock, type FakeClock } from '../../../../support/fakes/clock.fake.ts';
import { FakeEventPublisher } from '../../../../support/fakes/event-publisher.fake.ts';
import { FakeHotelCatalog } from '../../../../support/fakes/hotel-catalog.repository.fake.ts';
import { FakeInventory } from '../../../../support/fakes/inventory.repository.fake.ts';
import { FakePmsClient } from '../../../../support/fakes/pms-client.fake.ts';
import { FakePmsClients } from '../../../../support/fakes/pms-clients.fake.ts';
import { FakePmsConfigRepository } from '../../../../support/fakes/pms-config.repository.fake.ts';
import { FakePmsSyncMetrics } from '../../../../support/fakes/pms-sync-metrics.fake.ts';
import { aHotel, aPmsConfig, aRoomType } from '../../../../support/fixtures.ts';

/** 09:00 on 1 March in Seoul: "today" for the hotels below is 2026-03-01. */
export const NOW = '2026-03-01T00:00:00.000Z';
export const TODAY = '2026-03-01';
const SEALED = { v: 1 as const, wrappedKey: 'w', keyId: 'fake', iv: 'i', tag: 't', ciphertext: 'c' };

/** What a PMS reports for its two room types on each of `days` nights from today: 7 rooms at 120,000 KRW. */
export function pmsNights(days = 120, from = TODAY): PmsNight[] {
  return datesInclusive(from, addDays(from, days - 1)).flatMap((date) => [
    { pmsRoomTypeId: 'ocean-double', date, total: 7, priceMinor: 120_000, currency: 'KRW' },
    { pmsRoomTypeId: 'family-villa', date, total: 2, priceMinor: 300_000, currency: 'KRW' },
  ]);
}

export interface PmsSyncWorld {
  clock: FakeClock;
  catalog: FakeHotelCatalog;
  configs: FakePmsConfigRepository;
  inventory: FakeInventory;
  events: FakeEventPublisher;
  metrics: FakePmsSyncMetrics;
  pmsClients: FakePmsClients;
  deps: LiveReadDeps;
  /** Adds a hotel (Asia/Seoul, KRW) with `rt_ocean` and `rt_villa`, a generic PMS config `cfg_<hotelId>` and its PMS. */
  addPmsHotel(hotelId: string, config?: Partial<PmsConfig>): Promise<{ config: PmsConfig; pms: FakePmsClient }>;
}

/** The PMS sync dependencies (polling, "sync now", live reads) on fakes and a virtual clock. */
export function pmsSyncWorld(): PmsSyncWorld {
  const clock = fakeClock(NOW);
  const catalog = new FakeHotelCatalog();
  const configs = new FakePmsConfigRepository();
  const inventory = new FakeInventory();
  const events = new FakeEventPublisher();
  const metrics = new FakePmsSyncMetrics();
  const pmsClients = new FakePmsClients(configs);
  const deps: LiveReadDeps = { configs, pms: pmsClients, catalog, inventory, events, clock, metrics, sleep: clock.sleep };
  return {
    clock,
    catalog,
    configs,
    inventory,
    events,
    metrics,
    pmsClients,
    deps,
    async addPmsHotel(hotelId, overrides = {}) {
      catalog.seed({
        hotel: aHotel({ hotelId, timeZone: 'Asia/Seoul', currency: 'KRW' }),
        roomTypes: [
          aRoomType({ hotelId, roomTypeId: 'rt_ocean', pmsRoomTypeId: 'ocean-double' }),
          aRoomType({ hotelId, roomTypeId: 'rt_villa', pmsRoomTypeId: 'family-villa' }),
        ],
      });
      const config = aPmsConfig({
        configId: `cfg_${hotelId}`,
        hotelId,
        vendor: 'generic',
        pmsHotelId: `pms-${hotelId}`,
        apiBaseUrl: 'https://pms.example',
        credentials: SEALED,
        createdAt: NOW,
        ...overrides,
      });
      await configs.put(config);
      const pms = new FakePmsClient({ vendor: config.vendor, pmsHotelId: config.pmsHotelId, nights: pmsNights(), clock, sleep: clock.sleep });
      pmsClients.register(config.configId, pms);
      return { config, pms };
    },
  };
}
