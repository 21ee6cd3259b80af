import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestAdapters, useTestConfig } from '../../../../support/composition.ts';
import type { PmsConfig } from '../../../../../shared/domain/pms-config.ts';
import { PmsAuthError, PmsUnavailableError } from '../../../../../shared/domain/pms-errors.ts';
import type { PmsNight, PmsReservation } from '../../../../../shared/domain/pms.ts';
import type { WebhookEvent } from '../../../../../shared/domain/webhook.ts';
import type { DomainEvent } from '../../../../../shared/ports/event-publisher.port.ts';
import type { PmsClient } from '../../../../../shared/ports/pms.port.ts';
import { processPmsWebhook, type ProcessWebhookDeps } from '../../../../../shared/use-cases/pms/webhooks/process-pms-webhook.use-case.ts';
import { createTestTable, testConfig } from '../../../../support/dynamodb.ts';
import { aHotel, aPmsConfig, aRatePlan, aRoomType, nights } from '../../../../support/fixtures.ts';

const NOW = new Date('2026-11-21T00:00:00.000Z');

function aConfig(vendor: 'generic' | 'cloudbeds', pmsHotelId: string): PmsConfig {
  return aPmsConfig({
    configId: `pms_${vendor}_${pmsHotelId}`,
    hotelId: 'htl_seoul_1',
    vendor,
    pmsHotelId,
    apiBaseUrl: 'http://127.0.0.1:1',
    credentials: { v: 1, wrappedKey: '', keyId: 'local', iv: '', tag: '', ciphertext: '' },
    pollingEnabled: false,
    pollingHorizonDays: 3,
    createdAt: NOW.toISOString(),
  });
}

/** A PMS whose `getNights` answers from a script, one entry per call. */
function scriptedPms(script: Array<PmsNight[] | Error>): PmsClient & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    vendor: 'cloudbeds',
    pmsHotelId: '318204',
    capabilities: { holds: false, webhooks: true },
    calls,
    async getNights(from: string, to: string) {
      calls.push([from, to]);
      const next = script.shift();
      if (!next) throw new Error('script exhausted');
      if (next instanceof Error) throw next;
      return next;
    },
    // The events below name reservations of other channels' the PMS no longer has.
    async getReservation(): Promise<PmsReservation | undefined> {
      return undefined;
    },
  } as unknown as PmsClient & { calls: string[][] };
}

describe('processPmsWebhook against DynamoDB Local', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;
  let c: TestAdapters;
  const published: DomainEvent[] = [];
  let pms: ReturnType<typeof scriptedPms>;
  const deps = (): ProcessWebhookDeps => ({
    webhookEvents: c.webhookEvents,
    pmsConfigs: c.pmsConfigs,
    catalog: c.catalog,
    inventory: c.inventory,
    bookings: c.bookings,
    holds: c.holds,
    findings: c.findings,
    events: { publish: async (e) => void published.push(...e) },
    pms: { forConfig: async () => pms },
    clock: () => NOW,
  });

  async function store(eventId: string, payload: Record<string, unknown>, overrides: Partial<WebhookEvent> = {}) {
    const vendor = overrides.vendor ?? 'generic';
    await c.webhookEvents.create({
      vendor,
      eventId,
      eventType: String(payload.eventType ?? payload.event),
      pmsHotelId: vendor === 'generic' ? 'pms-seoul' : '318204',
      payload: JSON.stringify(payload),
      receivedAt: NOW.toISOString(),
      status: 'RECEIVED',
      attempts: 0,
      ...overrides,
    });
    return { vendor, eventId } as const;
  }

  function generic(eventId: string, eventType: string, data: unknown, timestamp = '2026-11-20T23:59:00.000Z') {
    return { eventId, eventType, hotelId: 'pms-seoul', roomTypeId: 'pms-deluxe', timestamp, data };
  }

  const cloudbeds = (reservationID: string) => ({ version: '1.0', event: 'reservation/created', timestamp: 1_795_000_000.25, propertyID: 318204, reservationID });

  beforeAll(async () => {
    table = await createTestTable();
    c = useTestConfig(testConfig(table.tableName, table.endpoint));
    await c.catalog.putHotel(aHotel());
    await c.catalog.putRoomType(aRoomType({ pmsRoomTypeId: 'pms-deluxe' }));
    await c.catalog.putRatePlan(aRatePlan());
    await c.inventory.createNights(nights('htl_seoul_1', 'rt_deluxe', '2026-12-01', '2026-12-05', 10));
    await c.pmsConfigs.put(aConfig('generic', 'pms-seoul'));
    await c.pmsConfigs.put({ ...aConfig('cloudbeds', '318204'), configId: 'pms_cloudbeds_318204' });
  });

  afterAll(async () => {
    await table.drop();
  });

  it('marks the event FAILED as retryable and throws while the PMS is down, then applies it on redelivery', async () => {
    // Prepare
    pms = scriptedPms([
      new PmsUnavailableError('Cloudbeds did not answer', { vendor: 'cloudbeds' }),
      [{ pmsRoomTypeId: 'pms-deluxe', date: '2026-11-22', total: 6, priceMinor: 140_000, currency: 'KRW' }],
    ]);
    const message = await store('cb_1', cloudbeds('1'), { vendor: 'cloudbeds', eventType: 'reservation/created' });

    // Act
    const first = processPmsWebhook(deps(), message);
    await expect(first).rejects.toBeInstanceOf(PmsUnavailableError);
    const afterFailure = await c.webhookEvents.get('cloudbeds', 'cb_1');
    const second = await processPmsWebhook(deps(), message);

    // Assess: the window is today (hotel zone) plus the config's horizon.
    expect(afterFailure).toMatchObject({ status: 'FAILED', retryable: true, attempts: 1, error: 'Cloudbeds did not answer' });
    expect(second).toMatchObject({ status: 'PROCESSED', result: { created: 1 } });
    expect(pms.calls).toEqual([['2026-11-21', '2026-11-23'], ['2026-11-21', '2026-11-23']]);
    expect(await c.webhookEvents.get('cloudbeds', 'cb_1')).toMatchObject({ status: 'PROCESSED', attempts: 2 });
    expect(await c.inventory.getNights('htl_seoul_1', 'rt_deluxe', '2026-11-22', '2026-11-22')).toEqual([
      expect.objectContaining({ total: 6, sellLimit: 6, priceMinor: 140_000 }),
    ]);
  });

  it('marks the event FAILED for good when the PMS refuses our credentials, and skips it afterwards', async () => {
    pms = scriptedPms([new PmsAuthError('Cloudbeds refused the API key', { vendor: 'cloudbeds' })]);
    const message = await store('cb_2', cloudbeds('2'), { vendor: 'cloudbeds', eventType: 'reservation/created' });

    const first = await processPmsWebhook(deps(), message);
    const again = await processPmsWebhook(deps(), message);

    expect(first).toEqual({ status: 'FAILED', reason: 'Cloudbeds refused the API key' });
    expect(again.status).toBe('SKIPPED');
    expect(await c.webhookEvents.get('cloudbeds', 'cb_2')).toMatchObject({ status: 'FAILED', retryable: false, attempts: 1 });
  });

  it('skips an event already processed, and one that is not stored', async () => {
    const message = await store('evt_done', generic('evt_done', 'inventory_update', { inventory: [{ date: '2026-12-01', total: 1 }] }), {
      status: 'PROCESSED',
    });

    const done = await processPmsWebhook(deps(), message);
    const missing = await processPmsWebhook(deps(), { vendor: 'generic', eventId: 'evt_never' });

    expect(done.status).toBe('SKIPPED');
    expect(missing.status).toBe('SKIPPED');
    expect((await c.inventory.getNights('htl_seoul_1', 'rt_deluxe', '2026-12-01', '2026-12-01'))[0]!.total).toBe(10);
    expect((await c.webhookEvents.get('generic', 'evt_done'))!.attempts).toBe(0);
  });

  it('refuses rates in a currency other than the hotel’s, for good', async () => {
    const message = await store('evt_usd', generic('evt_usd', 'rate_update', { rates: [{ date: '2026-12-02', price: 99.5, currency: 'USD' }] }));

    const result = await processPmsWebhook(deps(), message);

    expect(result).toEqual({ status: 'FAILED', reason: "Rates must be in the hotel's currency KRW, not USD." });
    expect((await c.inventory.getNights('htl_seoul_1', 'rt_deluxe', '2026-12-02', '2026-12-02'))[0]!.priceMinor).toBe(150_000);
  });

  it('orders a PMS timestamp from the future at its arrival + 60 s (the skew allowance), so it cannot block later updates', async () => {
    const ahead = await store('evt_ahead', generic('evt_ahead', 'inventory_update', { inventory: [{ date: '2026-12-03', total: 4 }] }, '2099-01-01T00:00:00.000Z'));
    const later = await store(
      'evt_later',
      generic('evt_later', 'inventory_update', { inventory: [{ date: '2026-12-03', total: 8 }] }, '2026-11-21T00:01:05.000Z'),
      { receivedAt: '2026-11-21T00:01:06.000Z' },
    );

    await processPmsWebhook(deps(), ahead);
    const result = await processPmsWebhook(deps(), later);

    expect(result).toMatchObject({ status: 'PROCESSED', result: { applied: 1, stale: 0 } });
    expect((await c.inventory.getNights('htl_seoul_1', 'rt_deluxe', '2026-12-03', '2026-12-03'))[0]!.total).toBe(8);
  });

  it("applies a generic reservation_update by reading the stay's nights again: another channel's sale lowers what we sell", async () => {
    // Prepare: the front desk sold 3 of the 10 rooms of 1 December; the PMS now reports 7 unsold.
    pms = scriptedPms([[{ pmsRoomTypeId: 'pms-deluxe', date: '2026-12-01', total: 10, available: 7, priceMinor: 120_000, currency: 'KRW' }]]);
    const message = await store(
      'evt_rsv',
      generic('evt_rsv', 'reservation_update', { reservationId: 'r1', externalId: '', status: 'confirmed', checkIn: '2026-12-01', checkOut: '2026-12-02', rooms: 3 }),
    );

    // Act
    const result = await processPmsWebhook(deps(), message);

    // Assess: one read of the stay, other channels' 3 rooms counted, a ledger entry naming the event.
    expect(result.status).toBe('PROCESSED');
    expect(pms.calls).toEqual([['2026-12-01', '2026-12-01']]);
    const [night] = await c.inventory.getNights('htl_seoul_1', 'rt_deluxe', '2026-12-01', '2026-12-01');
    expect(night).toMatchObject({ total: 10, external: 3, sellLimit: 10, reserved: 0, remaining: 7, pmsAvailable: 7 });
    const movements = await c.inventory.listMovements('htl_seoul_1', 'rt_deluxe', '2026-12-01');
    expect(movements.find((m) => m.kind === 'pms-sync')).toMatchObject({ ref: { type: 'event', id: 'generic:evt_rsv' }, after: { external: 3, remaining: 7 } });
  });
});
