import { describe, expect, it } from 'vitest';
import { CIRCUIT_COOL_DOWN_MS } from '../../../../../shared/domain/circuit-breaker.ts';
import type { PmsConfig } from '../../../../../shared/domain/pms-config.ts';
import { PmsUnavailableError } from '../../../../../shared/domain/pms-errors.ts';
import { DUE_TOLERANCE_MS, dispatchPmsPolls, skipReason } from '../../../../../shared/use-cases/pms/polling/dispatch-pms-polls.use-case.ts';
import type { FakePmsClient } from '../../../../support/fakes/pms-client.fake.ts';
import { NOW, pmsSyncWorld, type PmsSyncWorld } from './pms-sync-world.ts';

const ago = (ms: number) => new Date(Date.parse(NOW) - ms).toISOString();
const plenty = { remainingMs: () => 60_000, minRemainingMs: 5_000 };

/** Counts the PMS calls in flight per vendor, and the most at once. */
function trackConcurrency(clients: FakePmsClient[]) {
  const inFlight = new Map<string, number>();
  const most = new Map<string, number>();
  for (const client of clients) {
    const original = client.getNights.bind(client);
    client.getNights = async (from, to) => {
      const now = (inFlight.get(client.vendor) ?? 0) + 1;
      inFlight.set(client.vendor, now);
      most.set(client.vendor, Math.max(most.get(client.vendor) ?? 0, now));
      try {
        return await original(from, to);
      } finally {
        inFlight.set(client.vendor, (inFlight.get(client.vendor) ?? 1) - 1);
      }
    };
  }
  return most;
}

async function hotels(w: PmsSyncWorld, specs: [string, Partial<PmsConfig>][]) {
  const out: Record<string, { config: PmsConfig; pms: FakePmsClient }> = {};
  for (const [hotelId, overrides] of specs) out[hotelId] = await w.addPmsHotel(hotelId, overrides);
  return out;
}

describe('skipReason', () => {
  it(`counts a config due ${DUE_TOLERANCE_MS / 1000} s before its interval is complete`, () => {
    const base = { isActive: true, pollingEnabled: true, paused: false, pollingIntervalSeconds: 300, circuit: { state: 'CLOSED' as const, failures: 0 } } as PmsConfig;
    const now = new Date(NOW);

    expect(skipReason({ ...base, lastPollAt: ago(300_000 - DUE_TOLERANCE_MS) }, now)).toBeUndefined();
    expect(skipReason({ ...base, lastPollAt: ago(300_000 - DUE_TOLERANCE_MS - 1) }, now)).toBe('not_due');
  });
});

describe('dispatchPmsPolls', () => {
  it('polls what is due and counts why the rest was skipped', async () => {
    // Prepare
    const w = pmsSyncWorld();
    const h = await hotels(w, [
      ['h_new', {}],
      ['h_due', { lastPollAt: ago(295_000) }],
      ['h_trial', { circuit: { state: 'OPEN', failures: 5, openedAt: ago(CIRCUIT_COOL_DOWN_MS) } }],
      ['h_inactive', { isActive: false }],
      ['h_disabled', { pollingEnabled: false }],
      ['h_paused', { paused: true }],
      ['h_recent', { lastPollAt: ago(100_000) }],
      ['h_open', { circuit: { state: 'OPEN', failures: 5, openedAt: ago(10_000) } }],
    ]);

    // Act
    const summary = await dispatchPmsPolls(w.deps, plenty);

    // Assess
    expect(summary).toMatchObject({
      configs: 8,
      due: 3,
      succeeded: 3,
      failed: 0,
      errors: 0,
      deferred: 0,
      skipped: { inactive: 1, polling_disabled: 1, paused: 1, not_due: 1, circuit_open: 1 },
    });
    const polled = Object.entries(h).filter(([, { pms }]) => pms.callsOf('getNights').length > 0).map(([id]) => id).sort();
    expect(polled).toEqual(['h_due', 'h_new', 'h_trial']);
    expect((await w.configs.get('cfg_h_trial'))?.circuit).toEqual({ state: 'CLOSED', failures: 0 });
  });

  it('runs vendors in parallel with at most two polls per vendor in flight', async () => {
    // Prepare: five generic and three cloudbeds configs, each PMS answering after 1 s (virtual).
    const w = pmsSyncWorld();
    const h = await hotels(w, [
      ...Array.from({ length: 5 }, (_, i) => [`h_generic_${i}`, {}] as [string, Partial<PmsConfig>]),
      ...Array.from({ length: 3 }, (_, i) => [`h_cb_${i}`, { vendor: 'cloudbeds' }] as [string, Partial<PmsConfig>]),
    ]);
    const clients = Object.values(h).map((x) => x.pms);
    for (const client of clients) client.latencyMs = 1_000;
    const most = trackConcurrency(clients);

    // Act
    const summary = await dispatchPmsPolls(w.deps, plenty);

    // Assess: generic takes three rounds of two; Cloudbeds two rounds, at the same time.
    expect(summary.succeeded).toBe(8);
    expect(Object.fromEntries(most)).toEqual({ generic: 2, cloudbeds: 2 });
    expect(w.clock.nowMs() - Date.parse(NOW)).toBe(3_000);
  });

  // Known defect, reported to the lead: the worker loop compares against `queue.length` while the
  // workers it starts already take from the queue, so a vendor with exactly two due configs gets
  // one worker and polls them one after the other. `it.fails` turns into a failure once fixed.
  it.fails('polls a vendor\'s two due configs at once', async () => {
    const w = pmsSyncWorld();
    const h = await hotels(w, [['h_cb_1', { vendor: 'cloudbeds' }], ['h_cb_2', { vendor: 'cloudbeds' }]]);
    const clients = Object.values(h).map((x) => x.pms);
    for (const client of clients) client.latencyMs = 1_000;
    const most = trackConcurrency(clients);

    await dispatchPmsPolls(w.deps, plenty);

    expect(most.get('cloudbeds')).toBe(2);
  });

  it('polls the longest-waiting config first', async () => {
    const w = pmsSyncWorld();
    const h = await hotels(w, [
      ['h_b', { lastPollAt: ago(400_000) }],
      ['h_a', { lastPollAt: ago(900_000) }],
      ['h_c', {}],
    ]);
    const order: string[] = [];
    for (const [id, { pms }] of Object.entries(h)) {
      const original = pms.getNights.bind(pms);
      pms.getNights = (from, to) => {
        order.push(id);
        return original(from, to);
      };
    }

    await dispatchPmsPolls(w.deps, { ...plenty, perVendorConcurrency: 1 });

    expect(order).toEqual(['h_c', 'h_a', 'h_b']);
  });

  it('starts no poll when the run is short of time: the rest are deferred to the next tick', async () => {
    // Prepare: time for two polls only.
    const w = pmsSyncWorld();
    await hotels(w, [['h_1', {}], ['h_2', {}], ['h_3', {}], ['h_4', {}]]);
    let left = 3;
    const remainingMs = () => (left-- > 0 ? 60_000 : 1_000);

    // Act
    const summary = await dispatchPmsPolls(w.deps, { remainingMs, minRemainingMs: 5_000, perVendorConcurrency: 1 });

    // Assess
    expect(summary).toMatchObject({ due: 4, succeeded: 3, deferred: 1 });
    expect(w.metrics.of('PmsPollsDeferred')).toEqual([{ name: 'PmsPollsDeferred', vendor: 'generic', value: 1 }]);
    expect((await w.configs.list()).filter((c) => c.lastPollAt === undefined)).toHaveLength(1);
  });

  it('one config failing, or one whose outcome cannot be stored, never stops the others', async () => {
    // Prepare
    const w = pmsSyncWorld();
    const h = await hotels(w, [['h_ok', {}], ['h_down', {}], ['h_unstorable', {}]]);
    h.h_down!.pms.failures.arm('getNights', new PmsUnavailableError('down'));
    const patch = w.configs.patch.bind(w.configs);
    w.configs.patch = (configId, fields) => (configId === 'cfg_h_unstorable' ? Promise.reject(new Error('DynamoDB down')) : patch(configId, fields));

    // Act
    const summary = await dispatchPmsPolls(w.deps, plenty);

    // Assess
    expect(summary).toMatchObject({ due: 3, succeeded: 1, failed: 1, errors: 1 });
    expect(summary.polls).toContainEqual({ configId: 'cfg_h_unstorable', vendor: 'generic', status: 'failed', durationMs: 0, error: 'Error: DynamoDB down' });
    expect(summary.polls).toContainEqual(expect.objectContaining({ configId: 'cfg_h_down', status: 'failed', error: expect.stringContaining('PMS_UNAVAILABLE') }));
  });
});
