import { scanInventoryState, scanSummaryState } from '../../shared/adapters/dynamodb/inventory-audit.ts';
import { checkSummary } from '../../shared/use-cases/search/check-summary.ts';
import { checkInventory } from '../../shared/use-cases/inventory/check-inventory.ts';
import { expect } from 'vitest';
import { type TestAdapters, resetTestConfig, useTestConfig } from './composition.ts';
import { startLocalAws, type LocalAws } from '../../local/aws/local-aws.ts';
import { createFunctionInvoker } from '../../local/handlers/function-invoker.ts';
import { FaultRegistry } from '../../local/faults/fault-registry.ts';
import { startStripeSimulator, type StripeSimulator } from '../../local/simulators/payment/stripe-simulator.ts';
import { createTestTable, testConfig } from './dynamodb.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentialContext } from '../../shared/adapters/pms/config-pms-resolver.ts';
import { pmsConfigIdFor, type PmsConfig } from '../../shared/domain/pms-config.ts';
import { aPmsConfig } from './fixtures.ts';
import { formatPmsSecret, type PmsVendor } from '../../shared/domain/pms.ts';
import { SIM_CREDENTIALS, SIM_PMS_HOTEL_IDS } from '../../local/simulators/pms/sim-hotels.ts';
import type { PmsSimulator } from '../../local/simulators/pms/pms-simulator.ts';

/**
 * Everything a checkout needs, for real: a DynamoDB Local table, the Stripe simulator, and the
 * checkout ASL running in the local Step Functions emulator with every Task bound to its handler.
 * Retry pauses are shortened to keep failure paths quick; the state machine is otherwise the file
 * CDK deploys.
 */
export interface SagaHarness {
  table: Awaited<ReturnType<typeof createTestTable>>;
  faults: FaultRegistry;
  stripe: StripeSimulator;
  aws: LocalAws;
  container: TestAdapters;
  /** Resolves when no Lambda the runner invoked is still running (a Task that timed out goes on, as a Lambda does). */
  lambdasIdle(): Promise<void>;
  stop(): Promise<void>;
}

/** The webhook processor's queue, as the queue table names it. */
export const WEBHOOK_QUEUE = 'PmsWebhookEvents';

/**
 * `webhookQueue`: the PMS webhook queue with its processor Lambda as consumer (an item the
 * processor reports in `batchItemFailures` is delivered again, as SQS does), and
 * `PMS_WEBHOOK_QUEUE_URL` pointing at it, so a receiver handler's events are applied.
 */
export async function startSagaHarness(
  env: Record<string, string> = {},
  options: { webhookQueue?: boolean; taskTimeoutSeconds?: number } = {},
): Promise<SagaHarness> {
  const table = await createTestTable();
  const faults = new FaultRegistry();
  const stripe = await startStripeSimulator({ faults });
  const real = createFunctionInvoker({ region: 'local' });
  const inFlight = new Set<Promise<unknown>>();
  const invoke: typeof real = (handler, event) => {
    const run = real(handler, event);
    const tracked = run.catch(() => undefined).finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    return run;
  };
  const queueConsumers = options.webhookQueue
    ? {
        [WEBHOOK_QUEUE]: {
          consumer: async (event: unknown) => {
            const result = (await invoke('webhooks/process-pms-webhook', event)) as { batchItemFailures: unknown[] };
            if (result.batchItemFailures.length > 0) throw new Error('batch item failures');
            return result;
          },
          maxReceiveCount: 5,
        },
      }
    : undefined;
  const aws = await startLocalAws({
    invoke,
    retryIntervalMs: 5,
    waitMs: 20,
    ...(options.taskTimeoutSeconds !== undefined ? { taskTimeoutSeconds: options.taskTimeoutSeconds } : {}),
    ...(queueConsumers ? { queueConsumers } : {}),
  });
  const container = useTestConfig(
    testConfig(table.tableName, table.endpoint, {
      ...aws.env,
      ...(options.webhookQueue ? { PMS_WEBHOOK_QUEUE_URL: `${aws.url}/000000000000/${WEBHOOK_QUEUE}` } : {}),
      STRIPE_SECRET_KEY: stripe.secretKey,
      STRIPE_API_BASE: stripe.url,
      STRIPE_TIMEOUT_MS: '500',
      PMS_TIMEOUT_MS: '1000',
      PMS_CREDENTIALS_KEY_FILE: join(mkdtempSync(join(tmpdir(), 'saga-keys-')), 'pms.key'),
      CHECKOUT_WAIT_MS: '20000',
      ...env,
    }),
  );
  return {
    table,
    faults,
    stripe,
    aws,
    container,
    async lambdasIdle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    async stop() {
      await aws.idle();
      await aws.stop();
      await stripe.stop();
      resetTestConfig();
      await table.drop();
    },
  };
}

/**
 * The inventory invariant, checked against storage (`checkInventory`, the same check
 * `npm run inventory:check` runs): on every night, `reserved` equals the rooms of the HELD and
 * CONVERTED holds that cover it and the sum of its ledger movements, `inPms` equals the rooms the
 * PMS counts, and `remaining = sellLimit - external - reserved`. Unless a night is flagged
 * overbooked (the PMS shrank it below what was sold), all channels together never sell beyond it.
 */
export async function assertInventoryInvariant(h: SagaHarness): Promise<void> {
  await h.aws.idle();
  const state = await scanInventoryState(h.table.doc, h.table.tableName);
  expect(checkInventory(state)).toEqual([]);
  // The search's availability summary mirrors every night (issue 9).
  expect(checkSummary(await scanSummaryState(h.table.doc, h.table.tableName))).toEqual([]);
  for (const night of state.nights.filter((n) => !n.overbooked)) {
    expect({ night: `${night.hotelId}/${night.roomTypeId}/${night.date}`, sold: night.reserved + (night.external ?? 0) <= night.sellLimit }).toEqual({
      night: `${night.hotelId}/${night.roomTypeId}/${night.date}`,
      sold: true,
    });
  }
}
/**
 * Connects one of our hotels to a simulated PMS hotel the way an import would: a config with sealed
 * credentials, and room types that carry the PMS's room type ids.
 */
export async function connectToSimulatedPms(
  h: SagaHarness,
  sim: PmsSimulator,
  vendor: PmsVendor,
  hotelId: string,
  roomTypes: Record<string, string>,
): Promise<PmsConfig> {
  const pmsHotelId = SIM_PMS_HOTEL_IDS[vendor];
  const configId = pmsConfigIdFor(vendor, pmsHotelId);
  const config = aPmsConfig({
    configId,
    hotelId,
    vendor,
    pmsHotelId,
    apiBaseUrl: sim.baseUrl(vendor),
    credentials: await h.container.cipher().seal(formatPmsSecret(SIM_CREDENTIALS[vendor]), credentialContext(configId)),
    webhookEnabled: vendor !== 'opera',
  });
  await h.container.pmsConfigs.put(config);
  for (const [roomTypeId, pmsRoomTypeId] of Object.entries(roomTypes)) {
    const existing = await h.container.catalog.getRoomType(hotelId, roomTypeId);
    if (existing) await h.container.catalog.putRoomType({ ...existing, pmsRoomTypeId });
  }
  const hotel = await h.container.catalog.getHotel(hotelId);
  if (hotel) await h.container.catalog.putHotel({ ...hotel, pms: { vendor, pmsHotelId } });
  return config;
}

