import { afterEach, describe, expect, it } from 'vitest';
import { OperaPmsClient, OperaTokenCache, OPERA_MAX_WINDOW_DAYS } from '../../../../shared/adapters/pms/opera.adapter.ts';
import { addDays, daysBetween, todayIn } from '../../../../shared/domain/dates.ts';
import { PmsAuthError } from '../../../../shared/domain/pms-errors.ts';
import type { PmsClient, PmsConnection } from '../../../../shared/ports/pms.port.ts';
import { startPmsSimulator, type PmsSimulator } from '../../../../local/simulators/pms/pms-simulator.ts';
import { describePmsContract, HOTEL_ZONE } from './pms-contract.ts';

type OperaConnection = Extract<PmsConnection, { vendor: 'opera' }>;

describePmsContract({
  vendor: 'opera',
  // A private token cache per client keeps the bad-credentials case from reusing a good token.
  client: (conn, options) => new OperaPmsClient(conn as OperaConnection, { ...options, tokenCache: new OperaTokenCache() }),
  badCredentials: (conn) => {
    const c = conn as OperaConnection;
    return { ...c, credentials: { ...c.credentials, clientSecret: 'not-the-secret' } };
  },
  oversold: 'clamped',
});

describe('opera adapter, vendor specifics', () => {
  let sim: PmsSimulator | undefined;

  afterEach(async () => {
    await sim?.stop();
    sim = undefined;
  });

  it('splits a range longer than 90 days into availability windows OPERA accepts', async () => {
    // Prepare
    sim = await startPmsSimulator();
    const client = new OperaPmsClient(sim.connection('opera') as OperaConnection, { tokenCache: new OperaTokenCache() });
    const start = todayIn(HOTEL_ZONE);
    const end = addDays(start, 199);

    // Act
    const nights = await client.getNights(start, end);

    // Assess: 200 nights for each of the 2 room types, from 3 calls of at most 90 days each.
    expect(nights).toHaveLength(400);
    expect(new Set(nights.map((n) => `${n.pmsRoomTypeId}|${n.date}`)).size).toBe(400);
    const calls = sim.requests({ vendor: 'opera', pathIncludes: '/availability' });
    expect(calls).toHaveLength(3);
    expect(calls.every((c) => c.status === 200)).toBe(true);
  });

  it('sends windows of at most 90 nights with departure dates OPERA accepts', async () => {
    // Prepare: record the query of each availability call through an observing fetch.
    sim = await startPmsSimulator();
    const queries: URLSearchParams[] = [];
    const spyFetch: typeof fetch = (input, init) => {
      const url = new URL(String(input));
      if (url.pathname.endsWith('/availability')) queries.push(url.searchParams);
      return fetch(input, init);
    };
    const client = new OperaPmsClient(sim.connection('opera') as OperaConnection, { tokenCache: new OperaTokenCache(), fetch: spyFetch });
    const start = todayIn(HOTEL_ZONE);

    // Act
    await client.getNights(start, addDays(start, 180));

    // Assess: contiguous windows, each within the limit.
    const spans = queries.map((q) => [q.get('roomStayStartDate')!, q.get('roomStayEndDate')!] as const);
    expect(spans).toHaveLength(3);
    expect(spans.every(([from, to]) => daysBetween(from, to) <= OPERA_MAX_WINDOW_DAYS)).toBe(true);
    expect(spans[0]![0]).toBe(start);
    expect(spans[1]![0]).toBe(spans[0]![1]);
    expect(spans[2]![1]).toBe(addDays(start, 181));
  });

  it('asks for one token for many calls and sends Bearer, x-app-key and x-hotelid', async () => {
    // Prepare
    sim = await startPmsSimulator();
    const conn = sim.connection('opera') as OperaConnection;
    const headers: Headers[] = [];
    const spyFetch: typeof fetch = (input, init) => {
      headers.push(new Headers(init?.headers));
      return fetch(input, init);
    };
    const tokens = new OperaTokenCache();
    const clients = [new OperaPmsClient(conn, { tokenCache: tokens, fetch: spyFetch }), new OperaPmsClient(conn, { tokenCache: tokens, fetch: spyFetch })];

    // Act
    await Promise.all(clients.flatMap((c) => [c.getHotel(), c.listRoomTypes(), c.getNights(todayIn(HOTEL_ZONE), todayIn(HOTEL_ZONE))]));

    // Assess: per client, hotel, room types, availability and restrictions.
    expect(sim.requests({ vendor: 'opera', pathIncludes: '/oauth/v1/tokens' })).toHaveLength(1);
    const apiCalls = headers.filter((h) => h.get('authorization')?.startsWith('Bearer '));
    expect(apiCalls).toHaveLength(8);
    expect(apiCalls.every((h) => h.get('x-app-key') === conn.credentials.appKey && h.get('x-hotelid') === conn.pmsHotelId)).toBe(true);
    const tokenCall = headers.find((h) => h.get('authorization')?.startsWith('Basic '))!;
    expect(Buffer.from(tokenCall.get('authorization')!.slice(6), 'base64').toString()).toBe(`${conn.credentials.clientId}:${conn.credentials.clientSecret}`);
  });

  it('gets a new token when the cached one is about to expire', async () => {
    // Prepare: one clock for the simulator and the adapter.
    let now = Date.parse('2026-03-02T00:00:00Z');
    sim = await startPmsSimulator({ clock: () => new Date(now) });
    const client = new OperaPmsClient(sim.connection('opera') as OperaConnection, { tokenCache: new OperaTokenCache(), now: () => now });
    await client.getHotel();
    await client.listRoomTypes();

    // Act: 59 minutes later the token is within the refresh margin (60 s before its 60-minute expiry).
    now += 59 * 60_000 + 1_000;
    await client.getHotel();

    // Assess
    const tokenCalls = sim.requests({ vendor: 'opera', pathIncludes: '/oauth/v1/tokens' });
    expect(tokenCalls).toHaveLength(2);
    expect(sim.requests({ vendor: 'opera' }).filter((r) => r.status === 401)).toHaveLength(0);
  });

  it('fetches a new token once when OPERA rejects the cached one', async () => {
    // Prepare: a valid cached token that the PMS then forgets (revoked, server restarted).
    sim = await startPmsSimulator();
    const client = new OperaPmsClient(sim.connection('opera') as OperaConnection, { tokenCache: new OperaTokenCache() });
    await client.getHotel();
    sim.state.operaTokens.clear();

    // Act
    const hotel = await client.getHotel();

    // Assess
    expect(hotel.pmsHotelId).toBe('GNBS01');
    expect(sim.requests({ vendor: 'opera', pathIncludes: '/oauth/v1/tokens' })).toHaveLength(2);
    expect(sim.requests({ vendor: 'opera' }).filter((r) => r.status === 401)).toHaveLength(1);
  });

  it('reports a wrong app key as an auth failure', async () => {
    sim = await startPmsSimulator();
    const conn = sim.connection('opera') as OperaConnection;
    const client: PmsClient = new OperaPmsClient({ ...conn, credentials: { ...conn.credentials, appKey: 'wrong-app-key' } }, { tokenCache: new OperaTokenCache() });

    await expect(client.listRoomTypes()).rejects.toBeInstanceOf(PmsAuthError);
  });

  it('does not offer holds or webhooks', () => {
    const client: PmsClient = new OperaPmsClient({ vendor: 'opera', pmsHotelId: 'X', baseUrl: 'http://127.0.0.1:9', credentials: { kind: 'oauth_client', clientId: 'a', clientSecret: 'b', appKey: 'c' } });

    expect(client.capabilities).toEqual({ holds: false, webhooks: false });
    expect(client.hold).toBeUndefined();
  });
});
