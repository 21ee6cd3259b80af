import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventPublisher } from '../../../../../shared/composition/messaging.ts';
import { pmsSyncDeps, pmsSyncMetrics } from '../../../../../shared/composition/pms-sync.deps.ts';
import { clock } from '../../../../../shared/composition/runtime.ts';
import { type TestAdapters, resetTestConfig, useTestConfig } from '../../../../support/composition.ts';
import { todayIn } from '../../../../../shared/domain/dates.ts';
import type { PmsConfig } from '../../../../../shared/domain/pms-config.ts';
import type { PmsVendor } from '../../../../../shared/domain/pms.ts';
import { credentialContext } from '../../../../../shared/adapters/pms/config-pms-resolver.ts';
import { formatPmsSecret } from '../../../../../shared/domain/pms.ts';
import type { DomainEvent } from '../../../../../shared/ports/event-publisher.port.ts';
import type { PmsSyncDeps } from '../../../../../shared/use-cases/pms/polling/poll-pms-config.use-case.ts';
import type { PmsMetricName, PmsSyncMetrics } from '../../../../../shared/use-cases/pms/polling/pms-sync-metrics.ts';
import { FaultRegistry } from '../../../../../local/faults/fault-registry.ts';
import {
  SIM_CREDENTIALS,
  SIM_PMS_HOTEL_IDS,
  startPmsSimulator,
  type PmsSimulator,
} from '../../../../../local/simulators/pms/pms-simulator.ts';
import { createTestTable, testConfig } from '../../../../support/dynamodb.ts';
import { aHotel, aPmsConfig, aRoomType } from '../../../../support/fixtures.ts';

/** Our side of the simulator's demo hotels: the catalog ids and the PMS room type each maps to. */
export const SIM_ROOM_TYPES: Record<PmsVendor, { roomTypeId: string; pmsRoomTypeId: string }[]> = {
  generic: [
    { roomTypeId: 'rt_ocean_double', pmsRoomTypeId: 'ocean-double' },
    { roomTypeId: 'rt_family_villa', pmsRoomTypeId: 'family-villa' },
  ],
  cloudbeds: [
    { roomTypeId: 'rt_deluxe_double', pmsRoomTypeId: '501101' },
    { roomTypeId: 'rt_river_suite', pmsRoomTypeId: '501102' },
  ],
  opera: [
    { roomTypeId: 'rt_standard_twin', pmsRoomTypeId: 'STDT' },
    { roomTypeId: 'rt_executive_king', pmsRoomTypeId: 'EXKG' },
  ],
};

export interface RecordedMetric {
  name: PmsMetricName;
  vendor: string;
  value: number;
}

/**
 * Real storage and a real PMS over HTTP: a DynamoDB Local table, the PMS simulator (all three
 * dialects, with faults), credentials sealed with a local key file, and a container whose clock,
 * event publisher and metrics the test controls. The clock runs with real time plus `advance()`d
 * offsets, so "today" stays the simulator's today.
 */
export interface PmsSyncFixture {
  table: Awaited<ReturnType<typeof createTestTable>>;
  sim: PmsSimulator;
  faults: FaultRegistry;
  container: TestAdapters;
  events: DomainEvent[];
  metrics: RecordedMetric[];
  deps(): PmsSyncDeps;
  now(): Date;
  advance(ms: number): void;
  /** Today in the demo hotels' zone (Asia/Seoul), as the simulator sees it. */
  today(): string;
  /** Puts a hotel with the vendor's room types in the catalog and a PMS config feeding it. */
  addPmsHotel(hotelId: string, options?: { vendor?: PmsVendor; config?: Partial<PmsConfig>; secret?: string }): Promise<PmsConfig>;
  /** Requests the simulator received for nights (any vendor's inventory endpoints). */
  nightRequests(): number;
  /** Marks every config inactive, so a dispatcher run sees only what a test adds next. */
  deactivateAll(): Promise<void>;
  stop(): Promise<void>;
}

const NIGHT_PATHS: Record<PmsVendor, string> = { generic: '/nights', cloudbeds: '/getRatePlans', opera: '/availability' };

export async function startPmsSyncFixture(): Promise<PmsSyncFixture> {
  const table = await createTestTable();
  const keyDir = await mkdtemp(join(tmpdir(), 'pms-sync-key-'));
  const faults = new FaultRegistry();
  // One clock for us and the simulated PMS, started at noon in Seoul (the fixture hotels' zone), so
  // "today" is the same day on both sides however close to midnight the suite runs.
  const noonInSeoul = Date.parse(`${todayIn('Asia/Seoul', new Date())}T03:00:00.000Z`);
  let offsetMs = noonInSeoul - Date.now();
  const now = () => new Date(Date.now() + offsetMs);
  const sim = await startPmsSimulator({ faults, clock: now });
  const events: DomainEvent[] = [];
  const metrics: RecordedMetric[] = [];
  const recorder: PmsSyncMetrics = { record: (name, vendor, value = 1) => void metrics.push({ name, vendor, value }) };
  const container: TestAdapters = useTestConfig(
    testConfig(table.tableName, table.endpoint, { PMS_CREDENTIALS_KEY_FILE: join(keyDir, 'master.key'), PMS_TIMEOUT_MS: '2000' }),
  );
  clock.override(now);
  eventPublisher.override({ publish: async (e: DomainEvent[]) => void events.push(...e) });
  pmsSyncMetrics.override(recorder);

  return {
    table,
    sim,
    faults,
    container,
    events,
    metrics,
    deps: () => pmsSyncDeps(),
    now,
    advance(ms) {
      offsetMs += ms;
    },
    today: () => todayIn('Asia/Seoul', now()),
    async addPmsHotel(hotelId, options = {}) {
      const vendor = options.vendor ?? 'generic';
      const stamp = now().toISOString();
      await container.catalog.putHotel(aHotel({ hotelId, name: `Hotel ${hotelId}`, timeZone: 'Asia/Seoul', currency: 'KRW' }));
      for (const rt of SIM_ROOM_TYPES[vendor]) {
        await container.catalog.putRoomType(aRoomType({ hotelId, roomTypeId: rt.roomTypeId, pmsRoomTypeId: rt.pmsRoomTypeId }));
      }
      const configId = `cfg_${hotelId}`;
      const secret = options.secret ?? formatPmsSecret(SIM_CREDENTIALS[vendor]);
      const config = aPmsConfig({
        configId,
        hotelId,
        vendor,
        pmsHotelId: SIM_PMS_HOTEL_IDS[vendor],
        apiBaseUrl: sim.baseUrl(vendor),
        credentials: await container.cipher().seal(secret, credentialContext(configId)),
        webhookEnabled: false,
        createdAt: stamp,
        ...options.config,
      });
      await container.pmsConfigs.put(config);
      return config;
    },
    nightRequests: () =>
      (Object.keys(NIGHT_PATHS) as PmsVendor[]).reduce((sum, v) => sum + sim.requests({ vendor: v, pathIncludes: NIGHT_PATHS[v] }).length, 0),
    async deactivateAll() {
      for (const config of await container.pmsConfigs.list()) await container.pmsConfigs.patch(config.configId, { isActive: false });
    },
    async stop() {
      resetTestConfig();
      await sim.stop();
      await table.drop();
      await rm(keyDir, { recursive: true, force: true });
    },
  };
}
