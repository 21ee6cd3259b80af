import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { createContainer, setContainer, type Container } from '../../shared/composition/container.ts';
import type { InventoryNight } from '../../shared/domain/inventory.ts';
import type { Hold } from '../../shared/ports/hold.repository.ts';
import { startLocalAws, type LocalAws } from '../../local/aws/local-aws.ts';
import { createFunctionInvoker } from '../../local/aws/function-invoker.ts';
import { FaultRegistry } from '../../local/simulators/fault-registry.ts';
import { startStripeSimulator, type StripeSimulator } from '../../local/simulators/payment/stripe-simulator.ts';
import { createTestTable, testConfig } from './dynamodb.ts';

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
  container: Container;
  stop(): Promise<void>;
}

export async function startSagaHarness(env: Record<string, string> = {}): Promise<SagaHarness> {
  const table = await createTestTable();
  const faults = new FaultRegistry();
  const stripe = await startStripeSimulator({ faults });
  const aws = await startLocalAws({ invoke: createFunctionInvoker({ region: 'local' }), retryIntervalMs: 5 });
  const container = createContainer(
    testConfig(table.tableName, table.endpoint, {
      ...aws.env,
      STRIPE_SECRET_KEY: stripe.secretKey,
      STRIPE_API_BASE: stripe.url,
      STRIPE_TIMEOUT_MS: '500',
      CHECKOUT_WAIT_MS: '20000',
      ...env,
    }),
  );
  setContainer(container);
  return {
    table,
    faults,
    stripe,
    aws,
    container,
    async stop() {
      await aws.idle();
      await aws.stop();
      await stripe.stop();
      setContainer(undefined);
      await table.drop();
    },
  };
}

/**
 * The booking invariant, checked against storage: on every night, `reserved` equals the rooms of
 * the HELD and CONVERTED holds that cover it, and never exceeds `sellLimit`.
 */
export async function assertInventoryInvariant(h: SagaHarness): Promise<void> {
  await h.aws.idle();
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await h.table.doc.send(new ScanCommand({ TableName: h.table.tableName, ExclusiveStartKey: startKey, ConsistentRead: true }));
    items.push(...((page.Items ?? []) as Record<string, unknown>[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  const nights = items.filter((i) => i.entity === 'InventoryNight') as unknown as InventoryNight[];
  const holds = items.filter((i) => i.entity === 'Hold') as unknown as Hold[];
  for (const night of nights) {
    const held = holds
      .filter((h) => h.status !== 'RELEASED' && h.hotelId === night.hotelId && h.roomTypeId === night.roomTypeId && h.nights.includes(night.date))
      .reduce((sum, h) => sum + h.rooms, 0);
    expect({ night: `${night.hotelId}/${night.roomTypeId}/${night.date}`, reserved: night.reserved }).toEqual({
      night: `${night.hotelId}/${night.roomTypeId}/${night.date}`,
      reserved: held,
    });
    expect(night.reserved).toBeLessThanOrEqual(night.sellLimit);
    expect(night.remaining).toBe(night.sellLimit - night.reserved);
  }
}
