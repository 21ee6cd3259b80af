import { describe, expect, it } from 'vitest';
import { ConfigPmsClients } from '../../../../shared/adapters/pms/config-pms-resolver.ts';
import { PmsEgressGuard } from '../../../../shared/adapters/pms/egress-guard.ts';
import { PmsHostNotAllowedError } from '../../../../shared/domain/pms-egress.ts';
import { credentialContext } from '../../../../shared/domain/pms-config.ts';
import { PmsUnavailableError } from '../../../../shared/domain/pms-errors.ts';
import type { PmsConnection } from '../../../../shared/ports/pms.port.ts';
import { fakeClock } from '../../../support/fakes/clock.fake.ts';
import { FakePmsClient } from '../../../support/fakes/pms-client.fake.ts';
import { FakePmsConfigRepository } from '../../../support/fakes/pms-config.repository.fake.ts';
import { FakeSecretCipher } from '../../../support/fakes/secret-cipher.fake.ts';
import { aPmsConfig } from '../../../support/fixtures.ts';

/** The AWS rules, with DNS and the admin's generic list as the test sets them. */
function egress(genericHosts: string[] = ['pms.example'], dns: Record<string, string> = { 'pms.example': '203.0.114.10', 'inside.example': '10.0.0.9' }) {
  return new PmsEgressGuard(
    { allowPrivate: 'none', allowedHosts: { cloudbeds: ['api.cloudbeds.com'], opera: ['.oraclecloud.com'] } },
    { resolve: async (host) => (dns[host] ? [{ address: dns[host], family: 4 }] : []), genericHosts: async () => genericHosts },
  );
}

async function setup(genericHosts?: string[]) {
  const clock = fakeClock('2026-03-01T10:00:00.000Z');
  const configs = new FakePmsConfigRepository();
  const cipher = new FakeSecretCipher();
  const built: PmsConnection[] = [];
  const factory = (conn: PmsConnection) => {
    built.push(conn);
    return new FakePmsClient({ vendor: conn.vendor, pmsHotelId: conn.pmsHotelId });
  };
  const config = aPmsConfig({
    configId: 'cfg_1',
    hotelId: 'h1',
    vendor: 'generic',
    pmsHotelId: 'pms-1',
    apiBaseUrl: 'https://pms.example',
    credentials: await cipher.seal('gpk_key', credentialContext('cfg_1')),
    createdAt: '2026-01-01T00:00:00.000Z',
  });
  await configs.put(config);
  const clients = new ConfigPmsClients(configs, cipher, factory, { ttlMs: 60_000, now: clock.nowMs, egress: egress(genericHosts) });
  return { clock, configs, built, config, clients };
}

describe('ConfigPmsClients', () => {
  it('refuses an admin-typed address the egress rules do not allow, before building a client', async () => {
    const { built, clients } = await setup();

    const metadata = await clients.connect({ vendor: 'generic', pmsHotelId: 'x', baseUrl: 'https://169.254.169.254/latest', secret: 'k' }).catch((e: unknown) => e);
    const plainHttp = await clients.connect({ vendor: 'generic', pmsHotelId: 'x', baseUrl: 'http://pms.example', secret: 'k' }).catch((e: unknown) => e);
    const allowed = await clients.connect({ vendor: 'generic', pmsHotelId: 'x', baseUrl: 'https://pms.example/api', secret: 'k' });

    expect((metadata as PmsHostNotAllowedError).rule).toBe('link_local_address');
    expect((plainHttp as PmsHostNotAllowedError).rule).toBe('https_required');
    expect(allowed.baseUrl).toBe('https://pms.example/api');
    expect(built.map((c) => c.baseUrl)).toEqual(['https://pms.example/api']);
  });

  it("makes a hotel's PMS unavailable, saying why, when its stored address is no longer allowed", async () => {
    // Prepare: the admin has since taken pms.example off the generic list.
    const { built, config, clients } = await setup([]);

    const error = await clients.forHotel(config.hotelId).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PmsUnavailableError);
    expect((error as Error).message).toMatch(/cfg_1 is not allowed any more \(host_not_allowed\)/);
    expect(built).toEqual([]);
  });

  it('keeps a config\'s client for the TTL by the injected clock, then opens the credentials again', async () => {
    // Prepare
    const { clock, built, config, clients } = await setup();
    const first = await clients.forConfig(config);

    // Act
    clock.advance(59_999);
    const cached = await clients.forConfig(config);
    clock.advance(1);
    const rebuilt = await clients.forConfig(config);

    // Assess
    expect(cached).toBe(first);
    expect(rebuilt).not.toBe(first);
    expect(built).toHaveLength(2);
    expect(built[0]).toMatchObject({ vendor: 'generic', baseUrl: 'https://pms.example', credentials: { kind: 'api_key', apiKey: 'gpk_key' } });
  });

  it('rebuilds at once when the config changed (an admin rotated the key)', async () => {
    const { built, config, clients } = await setup();
    await clients.forConfig(config);

    await clients.forConfig({ ...config, updatedAt: '2026-03-01T10:00:01.000Z' });

    expect(built).toHaveLength(2);
  });

  it('finds no client for a hotel without a config, and refuses one whose config is turned off', async () => {
    const { configs, config, clients } = await setup();
    await configs.put({ ...config, configId: 'cfg_2', hotelId: 'h2', isActive: false });

    await expect(clients.forHotel('h2')).rejects.toBeInstanceOf(PmsUnavailableError);
    expect(await clients.forHotel('h_none')).toBeUndefined();
    expect((await clients.forHotel('h1'))?.client.pmsHotelId).toBe('pms-1');
  });
});
