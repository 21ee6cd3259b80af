import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as getAllowedHosts } from '../../../../functions/admin/pms/get-allowed-hosts.ts';
import { handler as replaceAllowedHosts } from '../../../../functions/admin/pms/replace-allowed-hosts.ts';
import { handler as fetchHotelData } from '../../../../functions/admin/pms-fetch-hotel-data.ts';
import { handler as updatePmsConfig } from '../../../../functions/admin/update-pms-config.ts';
import { routes } from '../../../../shared/http/route-table.ts';
import { importDemoHotels } from '../../../../local/stack/demo-import.ts';
import { useTestConfig } from '../../../support/composition.ts';
import { httpEvent, invoke } from '../../../support/events.ts';
import { SIM_KEYS, SIM_PMS_HOTEL_IDS, startImportHarness, type ImportHarness } from '../../../shared/use-cases/pms/import/import-harness.ts';

const admin = { sub: 'admin-1', 'cognito:groups': '[admin]' };

const fetchBody = (vendor: 'cloudbeds' | 'opera' | 'generic', apiBaseUrl: string) => ({ vendor, hotelId: SIM_PMS_HOTEL_IDS[vendor], apiKey: SIM_KEYS[vendor], apiBaseUrl });

describe('PMS egress rules on the admin routes, as on AWS (no private address allowed)', () => {
  let h: ImportHarness;

  beforeAll(async () => {
    h = await startImportHarness({ env: { PMS_ALLOW_PRIVATE_HOSTS: 'none' } });
  });

  afterAll(async () => {
    await h.stop();
  });

  it.each([
    ['generic', 'http://169.254.169.254/latest/meta-data', 'link_local_address'],
    ['generic', 'https://[::ffff:169.254.169.254]/', 'link_local_address'],
    ['opera', 'https://10.0.0.1/', 'private_address'],
    ['cloudbeds', 'https://api.cloudbeds.com.evil.example/api/v1.3', 'host_not_allowed'],
    ['cloudbeds', 'http://api.cloudbeds.com/api/v1.3', 'https_required'],
  ] as const)('fetch-hotel-data refuses %s at %s with 422 PMS_HOST_NOT_ALLOWED (%s), asking nothing', async (vendor, url, rule) => {
    const before = h.sim.requests().length;

    const res = await invoke(fetchHotelData, httpEvent(routes.adminPmsFetchHotelData, { body: fetchBody(vendor, url), claims: admin }));

    expect(res.statusCode).toBe(422);
    expect(res.body.error.code).toBe('PMS_HOST_NOT_ALLOWED');
    expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'body.apiBaseUrl', rule })]);
    expect(h.sim.requests().length).toBe(before);
  });

  it('refuses the simulator itself (loopback) when the local setting is off', async () => {
    const res = await invoke(fetchHotelData, httpEvent(routes.adminPmsFetchHotelData, { body: fetchBody('cloudbeds', h.sim.baseUrl('cloudbeds')), claims: admin }));

    expect(res.statusCode).toBe(422);
    expect(res.body.error.details[0].rule).toBe('loopback_address');
    expect(h.sim.requests()).toEqual([]);
  });

  it('lets an admin read and replace the generic allow-list, audited in the item, and applies it to the next import', async () => {
    // Prepare: nothing allowed yet.
    const empty = await invoke(getAllowedHosts, httpEvent(routes.adminGetPmsAllowedHosts, { claims: admin }));

    // Act
    const put = await invoke(replaceAllowedHosts, httpEvent(routes.adminReplacePmsAllowedHosts, { body: { hosts: ['LocalHost', '.partner.example'] }, claims: admin }));
    const read = await invoke(getAllowedHosts, httpEvent(routes.adminGetPmsAllowedHosts, { claims: admin }));
    const bad = await invoke(replaceAllowedHosts, httpEvent(routes.adminReplacePmsAllowedHosts, { body: { hosts: ['https://x.example'] }, claims: admin }));
    // The import runs in another function, which reads the list afresh (each keeps it a minute).
    useTestConfig(h.container.config);
    const fetched = await invoke(fetchHotelData, httpEvent(routes.adminPmsFetchHotelData, { body: fetchBody('generic', 'https://localhost:9/generic'), claims: admin }));

    // Assess
    expect(empty.body.data).toEqual({ vendor: 'generic', hosts: [], version: 0, updatedAt: null, updatedBy: null, history: [] });
    expect(put.statusCode).toBe(200);
    expect(read.body.data).toMatchObject({ hosts: ['.partner.example', 'localhost'], version: 1, updatedBy: 'admin-1', history: [{ version: 1, by: 'admin-1', hosts: ['.partner.example', 'localhost'] }] });
    expect(bad.statusCode).toBe(422);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ field: 'body.hosts[0]' })]);
    // localhost is now on the list, so the next rule decides: it resolves to loopback.
    expect(fetched.body.error.details[0].rule).toBe('loopback_address');
  });

  it('turns away guests from the allow-list routes', async () => {
    const res = await invoke(replaceAllowedHosts, httpEvent(routes.adminReplacePmsAllowedHosts, { body: { hosts: ['x.example'] }, claims: { sub: 'g', 'cognito:groups': '[guest]' } }));

    expect(res.statusCode).toBe(403);
  });
});

describe('PMS egress rules in the local stack (loopback allowed)', () => {
  let h: ImportHarness;

  beforeAll(async () => {
    h = await startImportHarness();
  });

  afterAll(async () => {
    await h.stop();
  });

  it('imports the demo hotels from the simulator on 127.0.0.1, and still refuses anything else private', async () => {
    const imported = await importDemoHotels({ simulator: h.sim, horizonDays: 3 });
    const metadata = await invoke(fetchHotelData, httpEvent(routes.adminPmsFetchHotelData, { body: fetchBody('generic', 'http://169.254.169.254/'), claims: admin }));

    expect(imported.map((r) => r.vendor).sort()).toEqual(['cloudbeds', 'generic', 'opera']);
    expect(metadata.statusCode).toBe(422);
    expect(metadata.body.error.details[0].rule).toBe('link_local_address');
  });

  it('refuses a PATCH that points a stored config at the metadata service, and keeps the old address', async () => {
    const config = (await h.container.pmsConfigs.findByVendorHotel('opera', SIM_PMS_HOTEL_IDS.opera))!;

    const res = await invoke(updatePmsConfig, httpEvent(routes.adminUpdatePmsConfig, { params: { id: config.configId }, body: { apiBaseUrl: 'https://169.254.169.254/' }, claims: admin }));

    expect(res.statusCode).toBe(422);
    expect(res.body.error.code).toBe('PMS_HOST_NOT_ALLOWED');
    expect((await h.container.pmsConfigs.get(config.configId))!.apiBaseUrl).toBe(config.apiBaseUrl);
  });
});
