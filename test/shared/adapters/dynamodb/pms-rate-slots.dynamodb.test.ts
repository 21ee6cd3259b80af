import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbRateSlotStore } from '../../../../shared/adapters/dynamodb/pms-rate-slots.dynamodb.ts';
import { pmsEgressKeys } from '../../../../shared/adapters/dynamodb/keys.ts';
import { SlotRateLimiter } from '../../../../shared/adapters/pms/rate-limiter.ts';
import { PmsRateLimitedError } from '../../../../shared/domain/pms-errors.ts';
import { createTestTable } from '../../../support/dynamodb.ts';
import { describeRateSlotStoreContract } from '../pms/rate-slot-store-contract.ts';

let table: Awaited<ReturnType<typeof createTestTable>>;

beforeAll(async () => {
  table = await createTestTable();
});

afterAll(async () => {
  await table.drop();
});

describeRateSlotStoreContract('DynamoDbRateSlotStore', () => ({ functionStore: () => new DynamoDbRateSlotStore(table.doc, table.tableName) }));

describe('DynamoDbRateSlotStore, shared by functions', () => {
  it('keeps one small record per key that TTL removes an hour after its last slot', async () => {
    const store = new DynamoDbRateSlotStore(table.doc, table.tableName);
    const now = Date.parse('2026-03-01T00:00:00.000Z');

    await store.take('cloudbeds|api.cloudbeds.com|42', { now, intervalMs: 220, latestStart: now + 5_000, expiresAt: Math.ceil((now + 5_220) / 1000) + 3600 });

    const { Item } = await table.doc.send(new GetCommand({ TableName: table.tableName, Key: pmsEgressKeys.rateSlots('cloudbeds|api.cloudbeds.com|42'), ConsistentRead: true }));
    expect(Item).toMatchObject({ pk: 'PMSRATE#cloudbeds|api.cloudbeds.com|42', sk: 'SLOTS', nextAt: now + 220, intervalMs: 220, entity: 'PmsRateSlots' });
    expect(Item!.ttl).toBe(Math.ceil((now + 5_220) / 1000) + 3600);
  });

  it('gives 40 limiters (one per function) taking slots for one property at once 5 per second, and sheds the rest', async () => {
    // Prepare: each limiter has its own store instance, as each Lambda container would; the clock
    // stands still and sleeping returns at once, so the outcome is the slots DynamoDB handed out.
    const now = Date.parse('2026-03-01T00:00:00.000Z');
    const key = `cloudbeds|api.cloudbeds.com|contention-${Date.now()}`;
    const limiters = Array.from(
      { length: 40 },
      () => new SlotRateLimiter(new DynamoDbRateSlotStore(table.doc, table.tableName), { now: () => now, sleep: async () => undefined, maxWaitMs: 5_000 }),
    );

    // Act
    const outcomes = await Promise.allSettled(limiters.map((l) => l.takeSlot(key, { ratePerSecond: 5 })));

    // Assess: slots 0, 220, ..., 4840 (23 fit in 5 s), each once; the other 17 refused by us, retryable.
    const granted = outcomes.flatMap((o) => (o.status === 'fulfilled' && o.value ? [o.value.startAt - now] : [])).sort((a, b) => a - b);
    expect(granted).toEqual(Array.from({ length: 23 }, (_, k) => k * 220));
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
    expect(refused).toHaveLength(17);
    expect(refused.every((e) => e instanceof PmsRateLimitedError && e.origin === 'client')).toBe(true);
  });
});
