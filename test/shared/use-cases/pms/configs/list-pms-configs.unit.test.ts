import { describe, expect, it } from 'vitest';
import { listPmsConfigs } from '../../../../../shared/use-cases/pms/configs/list-pms-configs.use-case.ts';
import { FakeHotelCatalog } from '../../../../support/fakes/hotel-catalog.repository.fake.ts';
import { FakePmsConfigRepository } from '../../../../support/fakes/pms-config.repository.fake.ts';
import { aHotel, aPmsConfig } from '../../../../support/fixtures.ts';

const SEALED = { v: 1 as const, wrappedKey: 'w', keyId: 'fake', iv: 'i', tag: 't', ciphertext: 'c' };

describe('listPmsConfigs', () => {
  it('lists every config by vendor and PMS hotel id, with its hotel\'s name when the hotel still exists', async () => {
    // Prepare
    const catalog = new FakeHotelCatalog();
    const pmsConfigs = new FakePmsConfigRepository();
    catalog.seed({ hotel: aHotel({ hotelId: 'h1', name: 'Han River Hotel' }) });
    catalog.seed({ hotel: aHotel({ hotelId: 'h2', name: 'Jeju Ocean' }) });
    const config = (configId: string, hotelId: string, vendor: 'generic' | 'opera' | 'cloudbeds', pmsHotelId: string) =>
      aPmsConfig({ configId, hotelId, vendor, pmsHotelId, apiBaseUrl: 'https://pms.example', credentials: SEALED });
    await pmsConfigs.put(config('c_generic_b', 'h1', 'generic', 'b'));
    await pmsConfigs.put(config('c_opera', 'h2', 'opera', 'x'));
    await pmsConfigs.put(config('c_generic_a', 'h2', 'generic', 'a'));
    await pmsConfigs.put(config('c_orphan', 'h_removed', 'cloudbeds', '9'));

    // Act
    const summaries = await listPmsConfigs({ pmsConfigs, catalog });

    // Assess
    expect(summaries.map((s) => [s.config.configId, s.hotelName])).toEqual([
      ['c_orphan', undefined],
      ['c_generic_a', 'Jeju Ocean'],
      ['c_generic_b', 'Han River Hotel'],
      ['c_opera', 'Jeju Ocean'],
    ]);
    expect(summaries[0]).not.toHaveProperty('hotelName');
  });

  it('answers an empty list when there is no config', async () => {
    expect(await listPmsConfigs({ pmsConfigs: new FakePmsConfigRepository(), catalog: new FakeHotelCatalog() })).toEqual([]);
  });
});
