import { describe, expect, it } from 'vitest';
import type { PmsConfig } from '../../../../../shared/domain/pms-config.ts';
import { dispatchReconciliations, reconcileSkipReason } from '../../../../../shared/use-cases/pms/reconciliation/dispatch-reconciliations.use-case.ts';
import { fakeClock } from '../../../../support/fakes/clock.fake.ts';
import { FakeBookingRepository } from '../../../../support/fakes/booking.repository.fake.ts';
import { FakeEventPublisher } from '../../../../support/fakes/event-publisher.fake.ts';
import { FakeFindingRepository } from '../../../../support/fakes/finding.repository.fake.ts';
import { FakeHoldRepository } from '../../../../support/fakes/hold.repository.fake.ts';
import { FakeHotelCatalog } from '../../../../support/fakes/hotel-catalog.repository.fake.ts';
import { FakeInventory } from '../../../../support/fakes/inventory.repository.fake.ts';
import { FakePmsClient } from '../../../../support/fakes/pms-client.fake.ts';
import { FakePmsClients } from '../../../../support/fakes/pms-clients.fake.ts';
import { FakePmsConfigRepository } from '../../../../support/fakes/pms-config.repository.fake.ts';
import { aHotel, aPmsConfig } from '../../../../support/fixtures.ts';

const NOW = '2026-03-02T00:00:00.000Z';
const SEALED = { v: 1 as const, wrappedKey: 'w', keyId: 'fake', iv: 'i', tag: 't', ciphertext: 'c' };
const hoursAgo = (h: number) => new Date(Date.parse(NOW) - h * 3_600_000).toISOString();

function config(configId: string, fields: Partial<PmsConfig> = {}): PmsConfig {
  return aPmsConfig({ configId, hotelId: 'htl_1', vendor: 'generic', pmsHotelId: configId, apiBaseUrl: 'https://pms.example', credentials: SEALED, createdAt: hoursAgo(100), ...fields });
}

describe('reconcileSkipReason', () => {
  it.each([
    ['never reconciled', {}, undefined],
    ['reconciled a day ago', { lastReconciledAt: hoursAgo(24) }, undefined],
    ['reconciled two hours ago', { lastReconciledAt: hoursAgo(2) }, 'not_due'],
    ['a run started ten minutes ago', { lastReconciledAt: hoursAgo(30), lastReconcileAttemptAt: hoursAgo(1 / 6) }, 'not_due'],
    ['a failed run an hour ago', { lastReconciledAt: hoursAgo(30), lastReconcileAttemptAt: hoursAgo(1) }, undefined],
    ['inactive', { isActive: false }, 'inactive'],
    ['paused', { paused: true }, 'paused'],
    ['an open circuit', { circuit: { state: 'OPEN' as const, failures: 5, openedAt: hoursAgo(0) } }, 'circuit_open'],
    ['an open circuit whose cool-down is over', { circuit: { state: 'OPEN' as const, failures: 5, openedAt: hoursAgo(1) } }, undefined],
  ])('%s: %s', (_what, fields, reason) => {
    expect(reconcileSkipReason(config('c', fields), new Date(NOW))).toBe(reason);
  });
});

describe('dispatchReconciliations', () => {
  it('runs each due config once, the longest unreconciled first, and defers when out of time', async () => {
    // Prepare: three due configs, one not due; time for two runs.
    const clock = fakeClock(NOW);
    const configs = new FakePmsConfigRepository();
    const catalog = new FakeHotelCatalog();
    const pmsClients = new FakePmsClients(configs);
    catalog.seed({ hotel: aHotel({ hotelId: 'htl_1', timeZone: 'Asia/Seoul' }) });
    for (const c of [config('a', { lastReconciledAt: hoursAgo(25) }), config('b', { lastReconciledAt: hoursAgo(48) }), config('c'), config('d', { lastReconciledAt: hoursAgo(1) })]) {
      await configs.put(c);
      pmsClients.register(c.configId, new FakePmsClient({ pmsHotelId: c.pmsHotelId }));
    }
    const inventory = new FakeInventory();
    const deps = { configs, pms: pmsClients, catalog, inventory, bookings: new FakeBookingRepository(), holds: new FakeHoldRepository(inventory), findings: new FakeFindingRepository(), events: new FakeEventPublisher(), clock };
    let left = 2;

    // Act
    const summary = await dispatchReconciliations(deps, { remainingMs: () => (left-- > 0 ? 120_000 : 1_000), minRemainingMs: 60_000 });

    // Assess: c (never) before b (48 h) before a (25 h); a waits for the next run.
    expect(summary).toMatchObject({ configs: 4, due: 3, succeeded: 2, failed: 0, deferred: 1, skipped: { not_due: 1 } });
    expect(summary.runs.map((r) => r.configId)).toEqual(['c', 'b']);
    expect((await configs.get('c'))?.lastReconciledAt).toBe(NOW);
    expect((await configs.get('a'))?.lastReconcileAttemptAt).toBeUndefined();
  });
});
