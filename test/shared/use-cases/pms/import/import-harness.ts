import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { saveListingDeps } from '../../../../../shared/composition/pms-admin.deps.ts';
import { type TestAdapters, resetTestConfig, useTestConfig } from '../../../../support/composition.ts';
import { formatPmsSecret, type PmsVendor } from '../../../../../shared/domain/pms.ts';
import type { SaveListingDeps } from '../../../../../shared/use-cases/pms/import/save-imported-listing.use-case.ts';
import { FaultRegistry } from '../../../../../local/faults/fault-registry.ts';
import { startPmsSimulator, type PmsSimulator, type PmsSimulatorOptions } from '../../../../../local/simulators/pms/pms-simulator.ts';
import { SIM_CREDENTIALS, SIM_PMS_HOTEL_IDS } from '../../../../../local/simulators/pms/sim-hotels.ts';
import { createTestTable, testConfig } from '../../../../support/dynamodb.ts';

/**
 * What the import tests run against: a DynamoDB Local table, the PMS simulator over real HTTP on
 * a loopback port, and a container whose credential cipher uses a fresh local key file.
 */
export interface ImportHarness {
  table: Awaited<ReturnType<typeof createTestTable>>;
  sim: PmsSimulator;
  faults: FaultRegistry;
  container: TestAdapters;
  deps(): Promise<SaveListingDeps>;
  /** Every item of the table, key attributes included. */
  scan(): Promise<Record<string, unknown>[]>;
  stop(): Promise<void>;
}

export const TEST_WEBHOOK_SECRET = 'whsec_test_import_0123456789';
export const TEST_API_BASE_URL = 'http://api.example.test';

/** The simulator's demo credentials as the one string an admin pastes. */
export const SIM_KEYS: Record<PmsVendor, string> = {
  cloudbeds: formatPmsSecret(SIM_CREDENTIALS.cloudbeds),
  opera: formatPmsSecret(SIM_CREDENTIALS.opera),
  generic: formatPmsSecret(SIM_CREDENTIALS.generic),
};

export { SIM_PMS_HOTEL_IDS };

export async function startImportHarness(options: { sim?: PmsSimulatorOptions; env?: Record<string, string> } = {}): Promise<ImportHarness> {
  const table = await createTestTable();
  const faults = new FaultRegistry();
  const sim = await startPmsSimulator({ faults, ...options.sim });
  const keyDir = mkdtempSync(join(tmpdir(), 'import-keys-'));
  const container = useTestConfig(
    testConfig(table.tableName, table.endpoint, {
      PMS_CREDENTIALS_KEY_FILE: join(keyDir, 'pms.key'),
      PMS_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
      API_BASE_URL: TEST_API_BASE_URL,
      PMS_TIMEOUT_MS: '3000',
      ...options.env,
    }),
  );
  return {
    table,
    sim,
    faults,
    container,
    deps: () => saveListingDeps(),
    async scan() {
      const items: Record<string, unknown>[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await table.doc.send(new ScanCommand({ TableName: table.tableName, ExclusiveStartKey: startKey, ConsistentRead: true }));
        items.push(...((page.Items ?? []) as Record<string, unknown>[]));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return items;
    },
    async stop() {
      resetTestConfig();
      await sim.stop();
      await table.drop();
      rmSync(keyDir, { recursive: true, force: true });
    },
  };
}
