import { describe, expect, it } from 'vitest';
import { cachedHostList, PmsEgressGuard, type HostResolver, type PmsEgressPolicy } from '../../../../shared/adapters/pms/egress-guard.ts';
import { DEFAULT_CLOUDBEDS_ALLOWED_HOSTS, DEFAULT_OPERA_ALLOWED_HOSTS, parseConfig } from '../../../../shared/config/config.ts';
import { PmsHostNotAllowedError, type PmsHostRule } from '../../../../shared/domain/pms-egress.ts';
import type { PmsVendor } from '../../../../shared/domain/pms.ts';
import { PmsUnavailableError } from '../../../../shared/domain/pms-errors.ts';

const AWS: PmsEgressPolicy = {
  allowPrivate: 'none',
  allowedHosts: { cloudbeds: DEFAULT_CLOUDBEDS_ALLOWED_HOSTS.split(','), opera: DEFAULT_OPERA_ALLOWED_HOSTS.split(',') },
};
const LOCAL: PmsEgressPolicy = { ...AWS, allowPrivate: 'loopback' };

/** DNS as the test says: unknown names fail like NXDOMAIN; every question is recorded. */
function fakeDns(answers: Record<string, string[]>): { resolve: HostResolver; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    resolve: async (host) => {
      asked.push(host);
      const found = answers[host];
      if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
      return found.map((address) => ({ address, family: address.includes(':') ? (6 as const) : (4 as const) }));
    },
  };
}

const PUBLIC_DNS = {
  'api.cloudbeds.com': ['104.18.20.1'],
  'hotels.cloudbeds.com': ['104.18.21.1'],
  'ohip.eu.oraclecloud.com': ['138.1.2.3'],
  'pms.partner.example': ['203.0.114.7'],
};

function guard(policy: PmsEgressPolicy, dns = fakeDns(PUBLIC_DNS), genericHosts: string[] = ['pms.partner.example']) {
  return { guard: new PmsEgressGuard(policy, { resolve: dns.resolve, genericHosts: async () => genericHosts }), dns };
}

async function refusal(vendor: PmsVendor, url: string, g = guard(AWS).guard): Promise<{ rule: PmsHostRule; message: string } | 'allowed' | unknown> {
  try {
    await g.vet(vendor, url);
    return 'allowed';
  } catch (error) {
    if (error instanceof PmsHostNotAllowedError) return { rule: error.rule, message: error.message };
    return error;
  }
}

describe('PmsEgressGuard.vet: where an admin-typed or stored PMS address may point', () => {
  it('allows the vendors on their own hosts, over HTTPS', async () => {
    const { guard: g } = guard(AWS);

    await expect(g.vet('cloudbeds', 'https://api.cloudbeds.com/api/v1.3')).resolves.toBeUndefined();
    await expect(g.vet('cloudbeds', 'https://hotels.cloudbeds.com/api/v1.2/')).resolves.toBeUndefined();
    await expect(g.vet('opera', 'https://ohip.eu.oraclecloud.com')).resolves.toBeUndefined();
    await expect(g.vet('generic', 'https://pms.partner.example/api')).resolves.toBeUndefined();
  });

  it.each([
    ['https://169.254.169.254/latest/meta-data', 'link_local_address'],
    ['https://127.0.0.1:8443/', 'loopback_address'],
    ['https://10.0.0.5/', 'private_address'],
    ['https://172.20.1.1/', 'private_address'],
    ['https://192.168.0.10/', 'private_address'],
    ['https://100.100.100.200/', 'cgnat_address'],
    ['https://224.0.0.251/', 'multicast_address'],
    ['https://0.0.0.0/', 'unspecified_address'],
    ['https://255.255.255.255/', 'reserved_address'],
    ['https://[::1]/', 'loopback_address'],
    ['https://[::]/', 'unspecified_address'],
    ['https://[fe80::1]/', 'link_local_address'],
    ['https://[fd00:ec2::254]/', 'unique_local_address'],
    ['https://[ff02::1]/', 'multicast_address'],
    ['https://[::ffff:169.254.169.254]/', 'link_local_address'],
    ['https://[::ffff:7f00:1]/', 'loopback_address'],
    ['https://2852039166/', 'link_local_address'],
    ['https://0xa9.0xfe.0xa9.0xfe/', 'link_local_address'],
    ['https://0177.0.0.1/', 'loopback_address'],
  ] as const)('refuses %s (%s), for every vendor', async (url, rule) => {
    for (const vendor of ['cloudbeds', 'opera', 'generic'] as const) {
      expect(await refusal(vendor, url)).toMatchObject({ rule });
    }
  });

  it.each([
    ['169.254.169.254', 'link_local_address'],
    ['10.1.2.3', 'private_address'],
    ['127.0.0.1', 'loopback_address'],
    ['100.64.1.1', 'cgnat_address'],
    ['fd12:3456::1', 'unique_local_address'],
    ['::ffff:169.254.169.254', 'link_local_address'],
  ] as const)('refuses an allowed name that resolves to %s (%s), after DNS', async (address, rule) => {
    const dns = fakeDns({ 'pms.partner.example': [address] });
    const { guard: g } = guard(AWS, dns);

    const outcome = await refusal('generic', 'https://pms.partner.example/', g);

    expect(outcome).toMatchObject({ rule });
    expect((outcome as { message: string }).message).toContain(`resolves to ${address}`);
    expect(dns.asked).toEqual(['pms.partner.example']);
  });

  it('refuses a name that resolves to a public and a private address: DNS would pick which one we use', async () => {
    const { guard: g } = guard(AWS, fakeDns({ 'pms.partner.example': ['203.0.114.7', '10.0.0.7'] }));

    expect(await refusal('generic', 'https://pms.partner.example/', g)).toMatchObject({ rule: 'private_address' });
  });

  it("refuses hosts off the vendor's list without asking DNS about them", async () => {
    const { guard: g, dns } = guard(AWS);

    expect(await refusal('cloudbeds', 'https://cloudbeds.evil.example/api', g)).toMatchObject({ rule: 'host_not_allowed' });
    expect(await refusal('cloudbeds', 'https://api.cloudbeds.com.evil.example/', g)).toMatchObject({ rule: 'host_not_allowed' });
    expect(await refusal('opera', 'https://evil-oraclecloud.com/', g)).toMatchObject({ rule: 'host_not_allowed' });
    expect(await refusal('opera', 'https://oraclecloud.com/', g)).toMatchObject({ rule: 'host_not_allowed' });
    expect(await refusal('generic', 'https://api.cloudbeds.com/', g)).toMatchObject({ rule: 'host_not_allowed' });
    expect(dns.asked).toEqual([]);
  });

  it('tells the admin how to allow a generic host, and allows what the list names (subdomains by .suffix)', async () => {
    const dns = fakeDns({ 'eu.pms.example': ['203.0.114.8'], 'pms.example': ['203.0.114.9'] });
    const { guard: g } = guard(AWS, dns, ['.pms.example']);

    const none = await refusal('generic', 'https://pms.partner.example/', guard(AWS, dns, []).guard);

    expect(none).toMatchObject({ rule: 'host_not_allowed', message: expect.stringContaining('PUT /api/admin/pms/allowed-hosts') });
    expect(await refusal('generic', 'https://eu.pms.example/', g)).toBe('allowed');
    expect(await refusal('generic', 'https://pms.example/', g)).toMatchObject({ rule: 'host_not_allowed' });
  });

  it('reads a trailing dot and upper case as the same host', async () => {
    expect(await refusal('cloudbeds', 'https://API.Cloudbeds.com./api/v1.3')).toBe('allowed');
  });

  it('requires HTTPS on AWS, even for the right host', async () => {
    expect(await refusal('cloudbeds', 'http://api.cloudbeds.com/api/v1.3')).toMatchObject({ rule: 'https_required' });
    expect(await refusal('opera', 'http://ohip.eu.oraclecloud.com')).toMatchObject({ rule: 'https_required' });
  });

  it('refuses what is not an https URL, and credentials in it', async () => {
    expect(await refusal('generic', 'not a url')).toMatchObject({ rule: 'invalid_url' });
    expect(await refusal('generic', 'ftp://pms.partner.example/')).toMatchObject({ rule: 'invalid_url' });
    expect(await refusal('generic', 'file:///etc/passwd')).toMatchObject({ rule: 'invalid_url' });
    expect(await refusal('generic', 'https://user:pw@pms.partner.example/')).toMatchObject({ rule: 'credentials_in_url' });
  });

  it('answers PMS_UNAVAILABLE when an allowed name does not resolve', async () => {
    const { guard: g } = guard(AWS, fakeDns({}));

    expect(await refusal('cloudbeds', 'https://api.cloudbeds.com/api/v1.3', g)).toBeInstanceOf(PmsUnavailableError);
  });

  it('in the local stack, allows loopback (over HTTP too) for every vendor, and nothing else private', async () => {
    const dns = fakeDns({ ...PUBLIC_DNS, localhost: ['127.0.0.1', '::1'], 'sneaky.example': ['10.0.0.1'] });
    const { guard: g } = guard(LOCAL, dns);

    expect(await refusal('cloudbeds', 'http://127.0.0.1:4010/cloudbeds/api/v1.3', g)).toBe('allowed');
    expect(await refusal('opera', 'http://localhost:4010/opera', g)).toBe('allowed');
    expect(await refusal('generic', 'http://[::1]:4010/generic', g)).toBe('allowed');
    expect(await refusal('generic', 'http://10.0.0.1/', g)).toMatchObject({ rule: 'private_address' });
    expect(await refusal('generic', 'https://169.254.169.254/', g)).toMatchObject({ rule: 'link_local_address' });
    expect(await refusal('cloudbeds', 'http://api.cloudbeds.com/api/v1.3', g)).toMatchObject({ rule: 'https_required' });
    expect(await refusal('generic', 'https://sneaky.example/', g)).toMatchObject({ rule: 'host_not_allowed' });
  });
});

describe('PmsEgressGuard.target: each request, checked again and resolved once', () => {
  it('returns the checked addresses the connection must use', async () => {
    const dns = fakeDns({ 'api.cloudbeds.com': ['104.18.20.1', '2606:4700::6812:1401'] });
    const { guard: g } = guard(AWS, dns);

    const target = await g.target('https://api.cloudbeds.com/api/v1.3/getHotelDetails?propertyID=1');

    expect(target.host).toBe('api.cloudbeds.com');
    expect(target.addresses).toEqual([
      { address: '104.18.20.1', family: 4 },
      { address: '2606:4700::6812:1401', family: 6 },
    ]);
    expect(dns.asked).toEqual(['api.cloudbeds.com']);
  });

  it('refuses a stored host that now resolves inside (DNS rebinding), before anything is sent', async () => {
    let answer = '104.18.20.1';
    const rebinding: HostResolver = async () => [{ address: answer, family: 4 }];
    const g = new PmsEgressGuard(AWS, { resolve: rebinding, genericHosts: async () => [] });
    await g.vet('cloudbeds', 'https://api.cloudbeds.com/api/v1.3');

    answer = '169.254.169.254';
    const error = await g.target('https://api.cloudbeds.com/api/v1.3/getHotelDetails').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PmsHostNotAllowedError);
    expect((error as PmsHostNotAllowedError).rule).toBe('link_local_address');
  });
});

describe('egress settings', () => {
  it('default to HTTPS-only, public addresses, and the vendors\' own hosts; the local stack sets loopback', () => {
    const aws = parseConfig({ TABLE_NAME: 'Main' });
    const local = parseConfig({ TABLE_NAME: 'Main', PMS_ALLOW_PRIVATE_HOSTS: 'loopback', PMS_OPERA_ALLOWED_HOSTS: 'ohip.example.com, .ohip.example.net' });

    expect(aws.pmsAllowPrivateHosts).toBe('none');
    expect(aws.pmsAllowedHosts).toEqual({ cloudbeds: ['api.cloudbeds.com', 'hotels.cloudbeds.com'], opera: ['.oraclecloud.com', '.oracle.com', '.oraclehospitality.com'] });
    expect(local.pmsAllowPrivateHosts).toBe('loopback');
    expect(local.pmsAllowedHosts.opera).toEqual(['ohip.example.com', '.ohip.example.net']);
    expect(() => parseConfig({ TABLE_NAME: 'Main', PMS_ALLOW_PRIVATE_HOSTS: 'all' })).toThrow(/PMS_ALLOW_PRIVATE_HOSTS/);
    expect(() => parseConfig({ TABLE_NAME: 'Main', PMS_CLOUDBEDS_ALLOWED_HOSTS: 'https://api.cloudbeds.com' })).toThrow(/PMS_CLOUDBEDS_ALLOWED_HOSTS/);
  });
});

describe('cachedHostList', () => {
  it('reads the list at most once a minute by the injected clock, and again at once after a failed read', async () => {
    let now = 0;
    let reads = 0;
    let fail = true;
    const load = async () => {
      reads += 1;
      if (fail) throw new Error('DynamoDB throttled');
      return [`v${reads}.example`];
    };
    const hosts = cachedHostList(load, { ttlMs: 60_000, now: () => now });

    await expect(hosts()).rejects.toThrow('throttled');
    fail = false;
    const first = await hosts();
    now = 59_999;
    const cached = await hosts();
    now = 60_001;
    const fresh = await hosts();

    expect([first, cached, fresh]).toEqual([['v2.example'], ['v2.example'], ['v3.example']]);
    expect(reads).toBe(3);
  });
});
