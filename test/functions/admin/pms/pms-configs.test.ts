import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as listPmsConfigs } from '../../../../functions/admin/list-pms-configs.ts';
import { handler as updatePmsConfig } from '../../../../functions/admin/update-pms-config.ts';
import { credentialContext } from '../../../../shared/adapters/pms/config-pms-resolver.ts';
import { todayIn } from '../../../../shared/domain/dates.ts';
import { routes } from '../../../../shared/http/route-table.ts';
import { fetchHotelData } from '../../../../shared/use-cases/pms/import/fetch-hotel-data.use-case.ts';
import { saveInputFromForm } from '../../../../shared/use-cases/pms/import/hotel-import-form.ts';
import { saveImportedListing } from '../../../../shared/use-cases/pms/import/save-imported-listing.use-case.ts';
import { httpEvent, invoke } from '../../../support/events.ts';
import { SIM_KEYS, SIM_PMS_HOTEL_IDS, startImportHarness, type ImportHarness } from '../../../shared/use-cases/pms/import/import-harness.ts';

const admin = { sub: 'admin-1', 'cognito:groups': '[admin]' };
const CONFIG_ID = 'pms_generic_jeju-oceanview';
const ROTATED_KEY = 'gpk_sim_jeju_rotated_Zx41';

describe('PMS config administration (DynamoDB Local + simulated PMS over HTTP)', () => {
  let h: ImportHarness;
  const bodies: string[] = [];

  async function patch(id: string, body: unknown) {
    const res = await invoke(updatePmsConfig, httpEvent(routes.adminUpdatePmsConfig, { params: { id }, body, claims: admin }));
    bodies.push(JSON.stringify(res.body));
    return res;
  }

  beforeAll(async () => {
    h = await startImportHarness();
    const form = await fetchHotelData(
      { pms: h.container.pms, clock: h.container.clock },
      { vendor: 'generic', hotelId: SIM_PMS_HOTEL_IDS.generic, apiKey: SIM_KEYS.generic, apiBaseUrl: h.sim.baseUrl('generic') },
    );
    await saveImportedListing(await h.deps(), saveInputFromForm(form, { apiKey: SIM_KEYS.generic, listingId: 'htl_jeju' }));
  });

  afterAll(async () => {
    await h.stop();
  });

  it('answers 404 for a config that does not exist', async () => {
    const res = await patch('pms_generic_nowhere', { pollingEnabled: false });

    expect(res.statusCode).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('answers 422 naming each bad field: out-of-range values, unknown fields, an empty change', async () => {
    const range = await patch(CONFIG_ID, { pollingIntervalSeconds: 10, pollingHorizonDays: 365 });
    const unknown = await patch(CONFIG_ID, { credentials: 'x' });
    const empty = await patch(CONFIG_ID, {});

    expect([range.statusCode, unknown.statusCode, empty.statusCode]).toEqual([422, 422, 422]);
    expect(range.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['body.pollingHorizonDays', 'body.pollingIntervalSeconds']);
    expect(unknown.body.error.code).toBe('VALIDATION_ERROR');
    expect(empty.body.error.details[0].message).toBe('give at least one field to change');
    expect((await h.container.pmsConfigs.get(CONFIG_ID))!.pollingIntervalSeconds).toBe(300);
  });

  it('changes the sync settings and shows them in the list', async () => {
    const res = await patch(CONFIG_ID, { webhookEnabled: false, pollingIntervalSeconds: 900, pollingHorizonDays: 60 });

    expect(res.statusCode).toBe(200);
    expect(res.body.data).toMatchObject({ configId: CONFIG_ID, hotelName: 'Jeju Ocean View Resort', webhookEnabled: false, pollingIntervalSeconds: 900, pollingHorizonDays: 60 });
    const list = await invoke(listPmsConfigs, httpEvent(routes.adminListPmsConfigs, { claims: admin }));
    expect(list.body.data[0]).toMatchObject({ configId: CONFIG_ID, webhookEnabled: false, pollingIntervalSeconds: 900 });
  });

  it("acceptsOverbooking sets every stored night's limit again (110% of total), and back to total", async () => {
    // Prepare: the imported nights of every room type, capped at total while the PMS refuses overbooking.
    const roomTypes = await h.container.catalog.listRoomTypes('htl_jeju');
    const today = todayIn((await h.container.catalog.getHotel('htl_jeju'))!.timeZone);
    const stored = async () =>
      (await Promise.all(roomTypes.map((r) => h.container.inventory.getNights('htl_jeju', r.roomTypeId, today, '2999-12-31')))).flat();
    const before = await stored();

    // Act
    const accepted = await patch(CONFIG_ID, { acceptsOverbooking: true });
    const afterAccept = await stored();
    const refused = await patch(CONFIG_ID, { acceptsOverbooking: false });

    // Assess: 110% of total, rounded down, where that differs from total (a 1-room night stays at 1).
    const raised = before.filter((n) => Math.floor((n.total * 110) / 100) !== n.total).length;
    expect(raised).toBeGreaterThan(0);
    expect(before.every((n) => n.sellLimit === n.total)).toBe(true);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.body.data).toMatchObject({ acceptsOverbooking: true, nightsChanged: raised });
    expect(afterAccept.every((n) => n.sellLimit === Math.floor((n.total * 110) / 100))).toBe(true);
    expect(refused.body.data).toMatchObject({ acceptsOverbooking: false, nightsChanged: raised });
    expect((await stored()).every((n) => n.sellLimit === n.total && n.remaining === n.sellLimit - (n.external ?? 0) - n.reserved)).toBe(true);
  });

  it('resumes a paused config: the failure count restarts and the circuit closes', async () => {
    // Prepare: five failed polls paused the config and opened its circuit.
    await h.container.pmsConfigs.patch(CONFIG_ID, {
      paused: true,
      consecutiveFailures: 5,
      lastError: 'generic PMS unavailable',
      circuit: { state: 'OPEN', failures: 5, openedAt: new Date().toISOString() },
    });

    const res = await patch(CONFIG_ID, { paused: false });

    expect(res.statusCode).toBe(200);
    expect(res.body.data).toMatchObject({ paused: false, consecutiveFailures: 0, circuit: { state: 'CLOSED', failures: 0, openedAt: null } });
  });

  it('keeps the working key when the new one is refused (422 PMS_AUTH_FAILED)', async () => {
    const before = (await h.container.pmsConfigs.get(CONFIG_ID))!.credentials;

    const res = await patch(CONFIG_ID, { apiKey: 'gpk_not_a_key_of_this_hotel' });

    expect(res.statusCode).toBe(422);
    expect(res.body.error.code).toBe('PMS_AUTH_FAILED');
    expect((await h.container.pmsConfigs.get(CONFIG_ID))!.credentials).toEqual(before);
  });

  it('re-seals a rotated key once the PMS accepts it, and the stored config then reaches the PMS with it', async () => {
    // Prepare: the hotel rotates its key in the PMS.
    const hotel = h.sim.state.hotel(SIM_PMS_HOTEL_IDS.generic)!;
    hotel.credentials = { kind: 'api_key', apiKey: ROTATED_KEY };
    const before = (await h.container.pmsConfigs.get(CONFIG_ID))!;

    // Act
    const res = await patch(CONFIG_ID, { apiKey: ROTATED_KEY });

    // Assess
    expect(res.statusCode).toBe(200);
    const after = (await h.container.pmsConfigs.get(CONFIG_ID))!;
    expect(after.credentials.ciphertext).not.toBe(before.credentials.ciphertext);
    expect(await h.container.cipher().open(after.credentials, credentialContext(CONFIG_ID))).toBe(ROTATED_KEY);
    const client = await h.container.pms.forConfig(after);
    await expect(client.getHotel()).resolves.toMatchObject({ pmsHotelId: SIM_PMS_HOTEL_IDS.generic });
    const stored = JSON.stringify(await h.scan());
    expect(stored).not.toContain(ROTATED_KEY);
    expect(bodies.filter((b) => b.includes(ROTATED_KEY) || b.includes(SIM_KEYS.generic) || b.includes('credentials":{'))).toEqual([]);
  });
});
