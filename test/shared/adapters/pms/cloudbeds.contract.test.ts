import { afterEach, describe, expect, it } from 'vitest';
import { CloudbedsPmsClient } from '../../../../shared/adapters/pms/cloudbeds.adapter.ts';
import { UNLIMITED } from '../../../../shared/adapters/pms/rate-limiter.ts';
import { PmsRateLimitedError } from '../../../../shared/domain/pms-errors.ts';
import type { PmsConnection } from '../../../../shared/ports/pms.port.ts';
import { startPmsSimulator, type PmsSimulator } from '../../../../local/simulators/pms/pms-simulator.ts';
import { aReservation, describePmsContract } from './pms-contract.ts';

type CloudbedsConnection = Extract<PmsConnection, { vendor: 'cloudbeds' }>;

// The contract is about Cloudbeds' dialect; its rate limit (client limiter and simulator) has the
// vendor-specific tests below, so the contract runs without it instead of waiting out seconds.
describePmsContract({
  vendor: 'cloudbeds',
  client: (conn, options) => new CloudbedsPmsClient(conn as CloudbedsConnection, { rateLimiter: UNLIMITED, ...options }),
  simulator: { cloudbedsRequestsPerSecond: false },
  badCredentials: (conn) => ({ ...(conn as CloudbedsConnection), credentials: { kind: 'api_key', apiKey: 'cbat_wrong_key' } }),
  oversold: 'clamped',
});

describe('cloudbeds adapter, vendor specifics', () => {
  let sim: PmsSimulator | undefined;

  afterEach(async () => {
    await sim?.stop();
    sim = undefined;
  });

  it('keeps at most 5 requests in any second per property, across clients of the process', async () => {
    // Prepare: a fresh simulator that enforces Cloudbeds' limit (it answers 429 to a 6th request
    // inside a second); three clients of the same property.
    sim = await startPmsSimulator();
    const conn = sim.connection('cloudbeds') as CloudbedsConnection;
    const clients = [0, 1, 2].map(() => new CloudbedsPmsClient(conn));

    // Act: 6 getHotel calls (2 requests each) at once.
    const hotels = await Promise.all(clients.flatMap((c) => [c.getHotel(), c.getHotel()]));

    // Assess: none refused. Sent at once without the limiter, 12 would exceed the simulator's
    // margin (10 at once) and 2 would be refused; the spacing itself is rate-limiter.test.ts's to
    // check, since arrival times on a busy machine say nothing about when requests were sent.
    const seen = sim.requests({ vendor: 'cloudbeds' });
    expect(seen).toHaveLength(12);
    expect(seen.every((r) => r.status === 200)).toBe(true);
  });

  it('is refused by the simulated Cloudbeds when the limiter is bypassed', async () => {
    // Prepare: a client whose limiter lets everything through, to prove the simulator enforces the
    // limit; the simulator's clock stands still, so its bucket (10 at once) does not refill meanwhile.
    const frozen = new Date();
    sim = await startPmsSimulator({ clock: () => frozen });
    const conn = sim.connection('cloudbeds') as CloudbedsConnection;
    const reckless = new CloudbedsPmsClient(conn, { rateLimiter: UNLIMITED, sleep: async () => undefined });

    const results = await Promise.allSettled(Array.from({ length: 15 }, () => reckless.listRoomTypes()));

    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason);
    expect(refused).toHaveLength(5);
    expect(refused.every((e) => e instanceof PmsRateLimitedError)).toBe(true);
  });

  it('sends form-encoded writes with the booking id as thirdPartyIdentifier and keeps the key out of URLs', async () => {
    // Prepare
    sim = await startPmsSimulator();
    const conn = sim.connection('cloudbeds') as CloudbedsConnection;
    const client = new CloudbedsPmsClient(conn);
    const roomTypeId = sim.state.hotel(conn.pmsHotelId)!.roomTypes[0]!.pmsRoomTypeId;

    // Act
    const created = await client.createReservation(aReservation(roomTypeId, { externalId: 'bk_form_check' }));

    // Assess
    const stored = sim.state.reservation(conn.pmsHotelId, created.reservationId)!;
    expect(stored.externalId).toBe('bk_form_check');
    const posts = sim.requests({ vendor: 'cloudbeds', method: 'POST' });
    expect(posts.map((r) => [r.path, r.contentType])).toEqual([['/cloudbeds/api/v1.3/postReservation', 'application/x-www-form-urlencoded']]);
    expect(sim.requests({ vendor: 'cloudbeds' }).every((r) => !r.path.includes(conn.credentials.apiKey))).toBe(true);
  });
});
