import { describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '../../../../../shared/domain/errors.ts';
import { credentialContext } from '../../../../../shared/domain/pms-config.ts';
import { PmsAuthError } from '../../../../../shared/domain/pms-errors.ts';
import { PmsHostNotAllowedError } from '../../../../../shared/domain/pms-egress.ts';
import { updatePmsConfig } from '../../../../../shared/use-cases/pms/configs/update-pms-config.use-case.ts';
import { fakeClock } from '../../../../support/fakes/clock.fake.ts';
import { FakeHotelCatalog } from '../../../../support/fakes/hotel-catalog.repository.fake.ts';
import { FakePmsClient } from '../../../../support/fakes/pms-client.fake.ts';
import { FakePmsClients } from '../../../../support/fakes/pms-clients.fake.ts';
import { FakePmsConfigRepository } from '../../../../support/fakes/pms-config.repository.fake.ts';
import { FakeSecretCipher } from '../../../../support/fakes/secret-cipher.fake.ts';
import { FakeInventory } from '../../../../support/fakes/inventory.repository.fake.ts';
import { aHotel, aPmsConfig, aRoomType, nights } from '../../../../support/fixtures.ts';

const NOW = '2026-03-01T10:00:00.000Z';

async function setup(vendor: 'generic' | 'opera' = 'generic') {
  const clock = fakeClock(NOW);
  const catalog = new FakeHotelCatalog();
  const pmsConfigs = new FakePmsConfigRepository();
  const cipher = new FakeSecretCipher();
  const pms = new FakePmsClients(pmsConfigs);
  const inventory = new FakeInventory();
  catalog.seed({ hotel: aHotel({ hotelId: 'h1', name: 'Han River Hotel', timeZone: 'Asia/Seoul', pms: { vendor, pmsHotelId: 'pms-1' } }), roomTypes: [aRoomType({ hotelId: 'h1', roomTypeId: 'rt_a' })] });
  // Yesterday (not re-applied: the past is left as it was) and two nights from today; the PMS refuses overbooking.
  inventory.seed(nights('h1', 'rt_a', '2026-02-28', '2026-03-02', 10).map((n) => ({ ...n, sellLimit: 10, remaining: 10 })));
  const storedKey = vendor === 'opera' ? 'client:secret:app' : 'gpk_old_key';
  const config = aPmsConfig({
    configId: 'cfg_1',
    hotelId: 'h1',
    vendor,
    pmsHotelId: 'pms-1',
    apiBaseUrl: 'https://pms.example/v1',
    credentials: await cipher.seal(storedKey, credentialContext('cfg_1')),
    createdAt: '2026-01-01T00:00:00.000Z',
    paused: true,
    consecutiveFailures: 5,
    circuit: { state: 'OPEN', failures: 5, openedAt: '2026-03-01T09:00:00.000Z' },
  });
  await pmsConfigs.put(config);
  return { clock, catalog, pmsConfigs, cipher, pms, config, inventory, deps: { pmsConfigs, catalog, cipher, pms, clock, inventory } };
}

describe('updatePmsConfig', () => {
  it('changes the flags given, stamps updatedAt and answers with the hotel name', async () => {
    const { deps, pmsConfigs, pms } = await setup();

    const summary = await updatePmsConfig(deps, 'cfg_1', { webhookEnabled: false, pollingIntervalSeconds: 600, pollingHorizonDays: undefined });

    expect(summary).toMatchObject({ hotelName: 'Han River Hotel', config: { webhookEnabled: false, pollingIntervalSeconds: 600, pollingHorizonDays: 30, updatedAt: NOW } });
    expect(pmsConfigs.patches).toEqual([{ configId: 'cfg_1', fields: { webhookEnabled: false, pollingIntervalSeconds: 600, updatedAt: NOW } }]);
    expect(pms.connections).toEqual([]);
  });

  it('resuming a paused config restarts the failure count and closes the circuit', async () => {
    const { deps } = await setup();

    const { config } = await updatePmsConfig(deps, 'cfg_1', { paused: false });

    expect(config).toMatchObject({ paused: false, consecutiveFailures: 0, circuit: { state: 'CLOSED', failures: 0 } });
  });

  it('tries a new API key on the PMS, then stores it sealed for this config only', async () => {
    // Prepare
    const { deps, pms, cipher, pmsConfigs } = await setup();
    const client = new FakePmsClient();
    pms.connector = () => client;

    // Act
    await updatePmsConfig(deps, 'cfg_1', { apiKey: 'gpk_new_key' });

    // Assess
    expect(pms.connections).toEqual([expect.objectContaining({ vendor: 'generic', pmsHotelId: 'pms-1', baseUrl: 'https://pms.example/v1', credentials: { kind: 'api_key', apiKey: 'gpk_new_key' } })]);
    expect(client.callsOf('getHotel')).toHaveLength(1);
    const stored = (await pmsConfigs.get('cfg_1'))!;
    expect(await cipher.open(stored.credentials, credentialContext('cfg_1'))).toBe('gpk_new_key');
    expect(JSON.stringify(stored)).not.toContain('gpk_new_key');
  });

  it('a key the PMS refuses answers PMS_AUTH_FAILED and keeps the working key', async () => {
    // Prepare
    const { deps, pms, cipher, pmsConfigs, config } = await setup();
    const client = new FakePmsClient();
    client.failures.arm('getHotel', new PmsAuthError('generic refused our credentials'));
    pms.connector = () => client;

    // Act
    const error = await updatePmsConfig(deps, 'cfg_1', { apiKey: 'gpk_wrong', webhookEnabled: false }).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(PmsAuthError);
    expect((error as PmsAuthError).code).toBe('PMS_AUTH_FAILED');
    expect(pmsConfigs.patches).toEqual([]);
    expect(await cipher.open((await pmsConfigs.get('cfg_1'))!.credentials, credentialContext('cfg_1'))).toBe('gpk_old_key');
    expect((await pmsConfigs.get('cfg_1'))?.webhookEnabled).toBe(config.webhookEnabled);
  });

  it('a new base URL is tried with the stored key, and the key stays as it is', async () => {
    const { deps, pms, pmsConfigs, config } = await setup();

    const { config: updated } = await updatePmsConfig(deps, 'cfg_1', { apiBaseUrl: 'https://pms.example/v2' });

    expect(pms.connections).toEqual([expect.objectContaining({ baseUrl: 'https://pms.example/v2', credentials: { kind: 'api_key', apiKey: 'gpk_old_key' } })]);
    expect(updated.apiBaseUrl).toBe('https://pms.example/v2');
    expect((await pmsConfigs.get('cfg_1'))?.credentials).toEqual(config.credentials);
  });

  it('a new base URL the egress rules refuse is a 422 PMS_HOST_NOT_ALLOWED on body.apiBaseUrl, and nothing changes', async () => {
    // Prepare: the guard (played by the fake) refuses the metadata service's address.
    const { deps, pms, pmsConfigs, config } = await setup();
    pms.failures.arm('connect', new PmsHostNotAllowedError('link_local_address', '169.254.169.254', 'The PMS address 169.254.169.254 is a link-local address'));

    // Act
    const error = await updatePmsConfig(deps, 'cfg_1', { apiBaseUrl: 'https://169.254.169.254/latest', webhookEnabled: false }).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(PmsHostNotAllowedError);
    expect((error as PmsHostNotAllowedError).code).toBe('PMS_HOST_NOT_ALLOWED');
    expect((error as PmsHostNotAllowedError).details).toEqual([{ field: 'body.apiBaseUrl', rule: 'link_local_address', message: expect.stringContaining('link-local') }]);
    expect(pms.connections).toEqual([]);
    expect(pmsConfigs.patches).toEqual([]);
    expect((await pmsConfigs.get('cfg_1'))?.apiBaseUrl).toBe(config.apiBaseUrl);
  });

  it('an OPERA key not of the form clientId:clientSecret:appKey is a 422 on body.apiKey, and nothing is tried', async () => {
    const { deps, pms } = await setup('opera');

    const error = await updatePmsConfig(deps, 'cfg_1', { apiKey: 'just-a-key' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details).toEqual([expect.objectContaining({ field: 'body.apiKey' })]);
    expect(JSON.stringify((error as ValidationError).details)).not.toContain('just-a-key');
    expect(pms.connections).toEqual([]);
  });

  it('acceptsOverbooking re-applies the hotel\'s limits to every stored night from today, with a policy movement each, and back', async () => {
    // Prepare: 10 rooms a night at the default 110% policy, capped at total while the PMS refuses overbooking.
    const { deps, inventory } = await setup();

    // Act
    const accepted = await updatePmsConfig(deps, 'cfg_1', { acceptsOverbooking: true }, 'admin-7');
    const again = await updatePmsConfig(deps, 'cfg_1', { acceptsOverbooking: true }, 'admin-7');
    const afterAccept = ['2026-02-28', '2026-03-01', '2026-03-02'].map((d) => inventory.night('h1', 'rt_a', d)?.sellLimit);
    const refused = await updatePmsConfig(deps, 'cfg_1', { acceptsOverbooking: false }, 'admin-7');

    // Assess
    expect(accepted).toMatchObject({ nightsChanged: 2, config: { acceptsOverbooking: true } });
    expect(again.nightsChanged).toBeUndefined();
    expect(afterAccept).toEqual([10, 11, 11]);
    expect(refused.nightsChanged).toBe(2);
    expect(inventory.night('h1', 'rt_a', '2026-03-01')).toMatchObject({ sellLimit: 10, remaining: 10 });
    expect(inventory.movements.filter((m) => m.kind === 'policy').map((m) => [m.date, m.reason, m.ref])).toEqual([
      ['2026-03-01', 'the PMS accepts overbooking', { type: 'admin', id: 'admin-7' }],
      ['2026-03-02', 'the PMS accepts overbooking', { type: 'admin', id: 'admin-7' }],
      ['2026-03-01', 'the PMS refuses overbooking', { type: 'admin', id: 'admin-7' }],
      ['2026-03-02', 'the PMS refuses overbooking', { type: 'admin', id: 'admin-7' }],
    ]);
  });

  it('answers 404 for an unknown config', async () => {
    const { deps } = await setup();

    await expect(updatePmsConfig(deps, 'cfg_none', { isActive: false })).rejects.toBeInstanceOf(NotFoundError);
  });
});
