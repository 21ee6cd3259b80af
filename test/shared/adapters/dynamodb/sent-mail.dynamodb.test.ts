import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbSentMailLog } from '../../../../shared/adapters/dynamodb/sent-mail.dynamodb.ts';
import { mailKeys } from '../../../../shared/adapters/dynamodb/keys.ts';
import { createTestTable } from '../../../support/dynamodb.ts';
import { sentMailLogContract } from '../../../support/sent-mail-log.contract.ts';

describe('DynamoDbSentMailLog against DynamoDB Local', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;

  beforeAll(async () => {
    table = await createTestTable();
  });

  afterAll(async () => {
    await table.drop();
  });

  sentMailLogContract(() => new DynamoDbSentMailLog(table.doc, table.tableName));

  it('keeps a sent mail as ids only (booking, kind, event type, SES message id) with a one-year TTL', async () => {
    const log = new DynamoDbSentMailLog(table.doc, table.tableName);
    const now = new Date('2026-12-03T10:00:00.000Z');
    await log.claim('room.assigned:bk_9:1', { bookingId: 'bk_9', kind: 'room_assigned', eventType: 'room.assigned' }, now, 60_000);
    await log.markSent('room.assigned:bk_9:1', 'ses-123', now);

    const { Item } = await table.doc.send(new GetCommand({ TableName: table.tableName, Key: mailKeys.sent('room.assigned:bk_9:1') }));

    expect(Item).toMatchObject({ entity: 'SentMail', status: 'SENT', messageId: 'ses-123', bookingId: 'bk_9', kind: 'room_assigned', sentAt: now.toISOString() });
    expect(Item!.ttl).toBe(Date.parse('2027-12-03T10:00:00.000Z') / 1000);
    expect(Item!.claimedAt).toBeUndefined();
  });
});
