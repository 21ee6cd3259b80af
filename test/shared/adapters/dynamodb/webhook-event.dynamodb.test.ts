import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbWebhookEventRepository } from '../../../../shared/adapters/dynamodb/webhook-event.dynamodb.ts';
import type { WebhookEvent } from '../../../../shared/domain/webhook.ts';
import { createTestTable } from '../../../support/dynamodb.ts';

function anEvent(eventId: string, overrides: Partial<WebhookEvent> = {}): WebhookEvent {
  return {
    vendor: 'generic',
    eventId,
    eventType: 'inventory_update',
    pmsHotelId: 'jeju-oceanview',
    roomTypeId: 'ocean-double',
    payload: `{"eventId":"${eventId}"}`,
    receivedAt: '2026-05-04T03:00:00.000Z',
    status: 'RECEIVED',
    attempts: 0,
    ...overrides,
  };
}

describe('DynamoDbWebhookEventRepository against DynamoDB Local', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;
  let repo: DynamoDbWebhookEventRepository;

  beforeAll(async () => {
    table = await createTestTable();
    repo = new DynamoDbWebhookEventRepository(table.doc, table.tableName);
  });

  afterAll(async () => {
    await table.drop();
  });

  it('stores an event under WEBHOOK#<vendor>#<eventId> with a 30-day TTL', async () => {
    const created = await repo.create(anEvent('evt_a'));

    const { Item } = await table.doc.send(new GetCommand({ TableName: table.tableName, Key: { pk: 'WEBHOOK#generic#evt_a', sk: 'META' } }));
    expect(created).toBe('created');
    expect(Item).toMatchObject({ entity: 'WebhookEvent', status: 'RECEIVED', ttl: Date.parse('2026-06-03T03:00:00.000Z') / 1000 });
    expect(await repo.get('generic', 'evt_a')).toEqual(anEvent('evt_a'));
  });

  it('takes exactly one of many concurrent deliveries of one event, and keeps the first', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) => repo.create(anEvent('evt_race', { payload: `{"copy":${i}}` }))),
    );

    expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(7);
    expect((await repo.get('cloudbeds', 'evt_race'))).toBeUndefined();
  });

  it('counts attempts and records each outcome, clearing an earlier error', async () => {
    await repo.create(anEvent('evt_b'));

    await repo.startAttempt('generic', 'evt_b');
    await repo.finish('generic', 'evt_b', { status: 'FAILED', error: 'PMS down', retryable: true }, new Date('2026-05-04T03:00:01Z'));
    const failed = await repo.get('generic', 'evt_b');
    const second = await repo.startAttempt('generic', 'evt_b');
    await repo.finish('generic', 'evt_b', { status: 'PROCESSED', result: { applied: 1, created: 0, stale: 0, overbooked: [] } }, new Date('2026-05-04T03:00:02Z'));
    const processed = await repo.get('generic', 'evt_b');

    expect(failed).toMatchObject({ status: 'FAILED', error: 'PMS down', retryable: true, attempts: 1, processedAt: '2026-05-04T03:00:01.000Z' });
    expect(second?.attempts).toBe(2);
    expect(processed).toMatchObject({ status: 'PROCESSED', attempts: 2, result: { applied: 1 }, processedAt: '2026-05-04T03:00:02.000Z' });
    expect(processed).not.toHaveProperty('error');
    expect(processed).not.toHaveProperty('retryable');
    expect(await repo.startAttempt('generic', 'evt_missing')).toBeUndefined();
  });

  it('keeps a RECEIVED event in the outbox (sparse gsi1) until it is marked queued, and never an IGNORED one', async () => {
    // Prepare: times of their own, so the other tests' events stay out of the window.
    await repo.create(anEvent('evt_out_late', { receivedAt: '2026-07-01T00:00:20.000Z' }));
    await repo.create(anEvent('evt_out_early', { receivedAt: '2026-07-01T00:00:10.000Z' }));
    await repo.create(anEvent('evt_out_ignored', { status: 'IGNORED', receivedAt: '2026-07-01T00:00:05.000Z' }));
    await repo.create(anEvent('evt_out_queued', { receivedAt: '2026-07-01T00:00:01.000Z' }));

    // Act
    await repo.markQueued('generic', 'evt_out_queued', new Date('2026-07-01T00:00:02.000Z'));
    await repo.markQueued('generic', 'evt_out_queued', new Date('2026-07-01T00:09:00.000Z'));
    await repo.markQueued('generic', 'evt_missing', new Date('2026-07-01T00:09:00.000Z'));
    const outbox = await repo.listUnqueued(new Date('2026-07-01T00:00:30.000Z'), 10);
    const { Item } = await table.doc.send(new GetCommand({ TableName: table.tableName, Key: { pk: 'WEBHOOK#generic#evt_out_queued', sk: 'META' } }));

    // Assess
    expect(outbox.filter((e) => e.receivedAt.startsWith('2026-07-01')).map((e) => e.eventId)).toEqual(['evt_out_early', 'evt_out_late']);
    expect(outbox[0]).not.toHaveProperty('gsi1pk');
    expect(Item).toMatchObject({ queuedAt: '2026-07-01T00:00:02.000Z' });
    expect(Item).not.toHaveProperty('gsi1pk');
    expect(await repo.get('generic', 'evt_missing')).toBeUndefined();
  });

  it('lists FAILED events on a sparse index, newest failure first and page by page; a later success or a reopen takes one off', async () => {
    // Prepare: a table of its own, so other tests' events do not count.
    const own = await createTestTable();
    const events = new DynamoDbWebhookEventRepository(own.doc, own.tableName);
    try {
      for (const id of ['f1', 'f2', 'ok', 'f3']) await events.create(anEvent(id));
      await events.finish('generic', 'f1', { status: 'FAILED', error: 'unmapped room type', retryable: false }, new Date('2026-05-04T03:01:00.000Z'));
      await events.finish('generic', 'f2', { status: 'FAILED', error: 'PMS down', retryable: true }, new Date('2026-05-04T03:02:00.000Z'));
      await events.finish('generic', 'ok', { status: 'FAILED', error: 'PMS down', retryable: true }, new Date('2026-05-04T03:03:00.000Z'));
      await events.finish('generic', 'ok', { status: 'PROCESSED', result: { applied: 1, created: 0, stale: 0, overbooked: [] } }, new Date('2026-05-04T03:04:00.000Z'));
      await events.finish('generic', 'f3', { status: 'FAILED', error: 'no config', retryable: false }, new Date('2026-05-04T03:05:00.000Z'));

      // Act
      const first = await events.listFailed({ limit: 2 });
      const second = await events.listFailed({ limit: 2, after: first.next! });
      const reopened = await Promise.all([events.reopenFailed('generic', 'f1', new Date('2026-05-04T04:00:00.000Z')), events.reopenFailed('generic', 'f1', new Date('2026-05-04T04:00:00.000Z'))]);
      const afterReopen = await events.listFailed({ limit: 10 });

      // Assess
      expect(first.items.map((e) => [e.eventId, e.error])).toEqual([['f3', 'no config'], ['f2', 'PMS down']]);
      expect(second.items.map((e) => e.eventId)).toEqual(['f1']);
      expect(second.next).toBeUndefined();
      expect(first.items[0]).not.toHaveProperty('gsi1pk');
      expect(reopened.sort()).toEqual([false, true]);
      expect(await events.get('generic', 'f1')).toMatchObject({ status: 'RECEIVED', retriedAt: '2026-05-04T04:00:00.000Z', error: 'unmapped room type' });
      expect((await events.get('generic', 'f1'))).not.toHaveProperty('retryable');
      expect(afterReopen.items.map((e) => e.eventId)).toEqual(['f3', 'f2']);
      expect(await events.reopenFailed('generic', 'ok', new Date())).toBe(false);
    } finally {
      await own.drop();
    }
  });
});
