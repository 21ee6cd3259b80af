import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/domain/errors.ts';
import { PmsHostNotAllowedError } from '../../../shared/domain/pms-egress.ts';
import { PmsRateLimitedError, PmsUnavailableError } from '../../../shared/domain/pms-errors.ts';
import { aHotel, aPmsConfig } from '../fixtures.ts';
import { FakeHotelCatalog } from './hotel-catalog.repository.fake.ts';
import { FakeListingImportWriter } from './listing-import.fake.ts';
import { FakePmsClient } from './pms-client.fake.ts';
import { FakePmsClients } from './pms-clients.fake.ts';
import { FakePmsConfigRepository } from './pms-config.repository.fake.ts';
import { FakePmsRateLimiter } from './pms-rate-limiter.fake.ts';
import { FakeSagaStarter } from './saga-starter.fake.ts';
import { FakeSecretCipher } from './secret-cipher.fake.ts';

const sealed = { v: 1 as const, wrappedKey: 'w', keyId: 'fake', iv: 'i', tag: 't', ciphertext: 'c' };
const config = (configId: string, hotelId: string, extra = {}) =>
  aPmsConfig({ configId, hotelId, vendor: 'generic', pmsHotelId: `pms-${hotelId}`, apiBaseUrl: 'https://pms.example', credentials: sealed, ...extra });

describe('fakes of the smaller ports', () => {
  it('FakeSagaStarter starts one execution per name, however often it is asked', async () => {
    const saga = new FakeSagaStarter();

    await saga.start('checkout-1', { bookingId: 'bk1' });
    await saga.start('checkout-1', { bookingId: 'bk1', again: true });

    expect(saga.starts).toHaveLength(2);
    expect([...saga.executions]).toEqual([['checkout-1', { bookingId: 'bk1' }]]);
  });

  it('FakeSecretCipher opens a secret only with the context it was sealed with', async () => {
    const cipher = new FakeSecretCipher();
    const secret = await cipher.seal('gpk_live_secret', { purpose: 'pms-credentials', configId: 'c1' });

    const opened = await cipher.open(secret, { configId: 'c1', purpose: 'pms-credentials' });
    const elsewhere = await cipher.open(secret, { purpose: 'pms-credentials', configId: 'c2' }).catch((e: unknown) => e);

    expect(opened).toBe('gpk_live_secret');
    expect(JSON.stringify(secret)).not.toContain('gpk_live_secret');
    expect(elsewhere).toBeInstanceOf(Error);
  });

  it('FakePmsRateLimiter records each slot taken and refuses as our limiter would when told to', async () => {
    const limiter = new FakePmsRateLimiter();
    limiter.refuseNext(1, 700);

    const refused = await limiter.acquire('cloudbeds|h|1', { ratePerSecond: 5 }).catch((e: unknown) => e);
    await limiter.acquire('cloudbeds|h|1', { ratePerSecond: 5 });

    expect(refused).toBeInstanceOf(PmsRateLimitedError);
    expect(refused).toMatchObject({ origin: 'client', retryAfterMs: 700, retryable: true });
    expect(limiter.acquired).toEqual([{ key: 'cloudbeds|h|1', ratePerSecond: 5 }]);
  });

  it('FakePmsConfigRepository patches only the given fields and refuses an unknown config', async () => {
    const configs = new FakePmsConfigRepository();
    await configs.put(config('c1', 'h1'));

    const patched = await configs.patch('c1', { paused: true, lastError: undefined });
    const unknown = await configs.patch('c_none', { paused: true }).catch((e: unknown) => e);

    expect(patched).toMatchObject({ paused: true, pollingEnabled: true });
    expect(configs.patches).toEqual([{ configId: 'c1', fields: { paused: true } }]);
    expect(unknown).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('FakePmsClients finds a hotel\'s client through its config, refuses a turned-off one, and validates admin input like the real one', async () => {
    // Prepare
    const configs = new FakePmsConfigRepository();
    await configs.put(config('c1', 'h1'));
    await configs.put(config('c2', 'h2', { isActive: false }));
    const pms = new FakePmsClients(configs);
    const client = new FakePmsClient();
    pms.register('c1', client);
    pms.register('c2', new FakePmsClient());

    // Act
    const found = [await pms.forHotel('h1'), await pms.forHotel('h2').catch((e: unknown) => e), await pms.forHotel('h3')];
    const cloudbeds = await pms.connect({ vendor: 'cloudbeds', pmsHotelId: '123', secret: 'cbat_key' });
    const noUrl = await pms.connect({ vendor: 'generic', pmsHotelId: 'x', secret: 'k' }).catch((e: unknown) => e);
    pms.failures.arm('connect', new PmsHostNotAllowedError('link_local_address', '169.254.169.254', 'link-local'));
    const refused = await pms.connect({ vendor: 'generic', pmsHotelId: 'x', baseUrl: 'https://169.254.169.254', secret: 'k' }).catch((e: unknown) => e);

    // Assess
    expect(found[0]).toMatchObject({ client, config: { configId: 'c1' } });
    expect(found[1]).toBeInstanceOf(PmsUnavailableError);
    expect(found[2]).toBeUndefined();
    expect(cloudbeds.baseUrl).toBe('https://api.cloudbeds.com/api/v1.3');
    expect(cloudbeds.client.vendor).toBe('cloudbeds');
    expect(noUrl).toBeInstanceOf(ValidationError);
    expect(refused).toBeInstanceOf(PmsHostNotAllowedError);
    expect(pms.connections.map((c) => c.vendor)).toEqual(['cloudbeds']);
  });

  it('FakeListingImportWriter commits all or nothing and answers conflict when the expectation is wrong', async () => {
    // Prepare: a config for the PMS hotel already feeds h1.
    const catalog = new FakeHotelCatalog();
    const configs = new FakePmsConfigRepository();
    await configs.put(config('c1', 'h1'));
    const writer = new FakeListingImportWriter(catalog, configs);
    const listing = { hotel: aHotel({ hotelId: 'h2' }), roomTypes: [], ratePlans: [], config: config('c1', 'h2') };

    // Act
    const asNew = await writer.commit(listing, { kind: 'new' });
    const asOther = await writer.commit(listing, { kind: 'existing', hotelId: 'h9' });
    const asExpected = await writer.commit(listing, { kind: 'existing', hotelId: 'h1' });

    // Assess
    expect([asNew, asOther, asExpected]).toEqual(['conflict', 'conflict', 'committed']);
    expect(writer.commits).toHaveLength(1);
    expect((await configs.get('c1'))?.hotelId).toBe('h2');
    expect(await catalog.getHotel('h2')).toBeDefined();
  });
});
