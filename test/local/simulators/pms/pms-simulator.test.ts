import { afterEach, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../../../shared/domain/dates.ts';
import { FaultRegistry } from '../../../../local/faults/fault-registry.ts';
import { SIM_CREDENTIALS, SIM_IMPORT_ONLY_HOTEL, startPmsSimulator, type PmsSimulator } from '../../../../local/simulators/pms/pms-simulator.ts';

const TODAY = () => todayIn('Asia/Seoul');

async function operaToken(sim: PmsSimulator): Promise<string> {
  const { clientId, clientSecret, appKey } = SIM_CREDENTIALS.opera;
  const res = await fetch(`${sim.baseUrl('opera')}/oauth/v1/tokens`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`, 'x-app-key': appKey, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

function operaHeaders(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, 'x-app-key': SIM_CREDENTIALS.opera.appKey, 'x-hotelid': 'GNBS01' };
}

describe('simulated PMS server', () => {
  let sim: PmsSimulator | undefined;

  afterEach(async () => {
    await sim?.stop();
    sim = undefined;
  });

  it('answers wrong credentials in each vendor\'s own error shape', async () => {
    sim = await startPmsSimulator();

    const cloudbeds = await fetch(`${sim.baseUrl('cloudbeds')}/getHotelDetails?propertyID=318204`, { headers: { 'x-api-key': 'cbat_nope' } });
    const opera = await fetch(`${sim.baseUrl('opera')}/par/v1/hotels/GNBS01/availability?roomStayStartDate=${TODAY()}&roomStayEndDate=${addDays(TODAY(), 1)}`, { headers: operaHeaders('forged') });
    const operaToken401 = await fetch(`${sim.baseUrl('opera')}/oauth/v1/tokens`, { method: 'POST', headers: { authorization: 'Basic eDp5', 'x-app-key': 'k', 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' });
    const generic = await fetch(`${sim.baseUrl('generic')}/v1/hotels/jeju-oceanview`, { headers: { authorization: 'Bearer nope' } });

    expect([cloudbeds.status, opera.status, operaToken401.status, generic.status]).toEqual([401, 401, 401, 401]);
    expect(await cloudbeds.json()).toMatchObject({ success: false, message: expect.any(String) });
    expect(await opera.json()).toMatchObject({ title: 'Unauthorized', status: 401, 'o:errorCode': expect.any(String) });
    expect(await operaToken401.json()).toMatchObject({ error: 'invalid_client' });
    expect(await generic.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });

  it('keeps each key to its own hotel', async () => {
    sim = await startPmsSimulator();

    const otherProperty = await fetch(`${sim.baseUrl('cloudbeds')}/getHotelDetails?propertyID=999`, { headers: { 'x-api-key': SIM_CREDENTIALS.cloudbeds.apiKey } });
    const otherHotel = await fetch(`${sim.baseUrl('generic')}/v1/hotels/GNBS01`, { headers: { authorization: `Bearer ${SIM_CREDENTIALS.generic.apiKey}` } });

    expect(otherProperty.status).toBe(403);
    expect(otherHotel.status).toBe(404);
  });

  it('answers an injected error with the vendor\'s 503 and consumes the fault', async () => {
    const faults = new FaultRegistry();
    sim = await startPmsSimulator({ faults });
    faults.arm({ point: 'pms.details', mode: 'error', times: 2 });
    const headers = { authorization: `Bearer ${SIM_CREDENTIALS.generic.apiKey}` };

    const first = await fetch(`${sim.baseUrl('cloudbeds')}/getHotelDetails?propertyID=318204`, { headers: { 'x-api-key': SIM_CREDENTIALS.cloudbeds.apiKey } });
    const second = await fetch(`${sim.baseUrl('generic')}/v1/hotels/jeju-oceanview`, { headers });
    const third = await fetch(`${sim.baseUrl('generic')}/v1/hotels/jeju-oceanview`, { headers });

    expect(first.status).toBe(503);
    expect(await first.json()).toEqual({ success: false, message: 'Service Unavailable' });
    expect(second.status).toBe(503);
    expect(await second.json()).toMatchObject({ error: { code: 'unavailable' } });
    expect(third.status).toBe(200);
    expect(faults.list()).toEqual([]);
  });

  it('refuses an OPERA availability window over 90 days', async () => {
    sim = await startPmsSimulator();
    const token = await operaToken(sim);
    const url = (days: number) => `${sim!.baseUrl('opera')}/par/v1/hotels/GNBS01/availability?roomStayStartDate=${TODAY()}&roomStayEndDate=${addDays(TODAY(), days)}`;

    const ok = await fetch(url(90), { headers: operaHeaders(token) });
    const tooLong = await fetch(url(91), { headers: operaHeaders(token) });

    expect(ok.status).toBe(200);
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toMatchObject({ 'o:errorCode': 'PAR-WINDOW-TOO-LONG' });
  });

  it('expires OPERA tokens after their lifetime on the simulator clock', async () => {
    let now = Date.now();
    sim = await startPmsSimulator({ clock: () => new Date(now), operaTokenTtlSeconds: 60 });
    const token = await operaToken(sim);
    const url = `${sim.baseUrl('opera')}/ent/config/v1/hotels/GNBS01`;

    const fresh = await fetch(url, { headers: operaHeaders(token) });
    now += 61_000;
    const stale = await fetch(url, { headers: operaHeaders(token) });

    expect(fresh.status).toBe(200);
    expect(stale.status).toBe(401);
  });

  it('adds the global latency to every vendor request', async () => {
    const waits: number[] = [];
    sim = await startPmsSimulator({ latencyMs: 150, delay: async (ms) => void waits.push(ms) });

    const res = await fetch(`${sim.baseUrl('generic')}/v1/hotels/jeju-oceanview`, { headers: { authorization: `Bearer ${SIM_CREDENTIALS.generic.apiKey}` } });

    expect(res.status).toBe(200);
    expect(waits).toEqual([150]);
  });

  it('limits Cloudbeds to 5 requests per second per property, with a second\'s worth of margin for bunching, on its clock', async () => {
    let now = Date.parse('2026-12-03T00:00:00Z');
    sim = await startPmsSimulator({ clock: () => new Date(now) });
    const call = () => fetch(`${sim!.baseUrl('cloudbeds')}/getHotels?propertyID=318204`, { headers: { 'x-api-key': SIM_CREDENTIALS.cloudbeds.apiKey } }).then((r) => r.status);

    const burst = await Promise.all(Array.from({ length: 12 }, call));
    now += 200;
    const oneMore = [await call(), await call()];
    now += 1_000;
    const nextSecond = await Promise.all(Array.from({ length: 6 }, call));

    expect(burst.filter((s) => s === 200)).toHaveLength(10);
    expect(burst.filter((s) => s === 429)).toHaveLength(2);
    expect(oneMore).toEqual([200, 429]);
    expect(nextSecond.filter((s) => s === 200)).toHaveLength(5);
  });

  it('consults a fault scoped to a hotel only for that hotel\'s requests, found by our id or the PMS\'s', async () => {
    const faults = new FaultRegistry();
    sim = await startPmsSimulator({ faults });
    faults.arm({ point: 'pms.details', mode: 'error', times: 1, hotelId: 'htl_seoul_gangnam' });
    const token = await operaToken(sim);

    const cloudbeds = await fetch(`${sim.baseUrl('cloudbeds')}/getHotelDetails?propertyID=318204`, { headers: { 'x-api-key': SIM_CREDENTIALS.cloudbeds.apiKey } });
    const opera = await fetch(`${sim.baseUrl('opera')}/ent/config/v1/hotels/GNBS01`, { headers: operaHeaders(token) });

    expect(cloudbeds.status).toBe(200);
    expect(opera.status).toBe(503);
    expect(faults.list()).toEqual([]);
  });

  it('changes nights through the admin API and never shows credentials in its state dump', async () => {
    sim = await startPmsSimulator();
    const date = addDays(TODAY(), 2);

    const put = await fetch(`${sim.url}/_sim/hotels/GNBS01/room-types/STDT/nights/${date}`, { method: 'PUT', body: JSON.stringify({ total: 3, priceMinor: 99_000 }) });
    const dump = await (await fetch(`${sim.url}/_sim/state`)).text();

    expect(put.status).toBe(200);
    expect(sim.state.night('GNBS01', 'STDT', date)).toEqual({ total: 3, priceMinor: 99_000 });
    for (const secret of [SIM_CREDENTIALS.cloudbeds.apiKey, SIM_CREDENTIALS.opera.clientSecret, SIM_CREDENTIALS.generic.apiKey, SIM_IMPORT_ONLY_HOTEL.credentials.apiKey]) expect(dump).not.toContain(secret);
    // The three demo hotels and the import-only one.
    expect(JSON.parse(dump).hotels).toHaveLength(4);
  });

  it('stops even while a timeout fault holds a request: the wait is aborted and the client is cut off', async () => {
    const held: Array<{ ms: number; signal: AbortSignal }> = [];
    const waitUntilAborted = (ms: number, signal: AbortSignal) =>
      new Promise<void>((_resolve, reject) => {
        held.push({ ms, signal });
        signal.addEventListener('abort', () => reject(signal.reason));
      });
    sim = await startPmsSimulator({ delay: waitUntilAborted });
    sim.faults.arm({ point: 'pms.details', mode: 'timeout', times: 1 });
    const hanging = fetch(`${sim.baseUrl('generic')}/v1/hotels/jeju-oceanview`, { headers: { authorization: `Bearer ${SIM_CREDENTIALS.generic.apiKey}` } }).then(
      (r) => r.status,
      () => 'closed',
    );
    await expect.poll(() => held.length).toBe(1);

    await sim.stop();
    const outcome = await hanging;

    expect(held[0]).toMatchObject({ ms: 120_000, signal: { aborted: true } });
    expect(outcome).toBe('closed');
  });
});
