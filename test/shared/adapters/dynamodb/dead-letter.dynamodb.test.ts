import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingDeadLetterQueue } from '../../../../shared/adapters/dead-letters/recording-dead-letter-queue.ts';
import { DynamoDbDeadLetterStore } from '../../../../shared/adapters/dynamodb/dead-letter.dynamodb.ts';
import type { DeadLetter } from '../../../../shared/ports/dead-letter.port.ts';
import { createTestTable } from '../../../support/dynamodb.ts';
import { FakeDeadLetterQueue } from '../../../support/fakes/dead-letter.fake.ts';

function aLetter(bookingId: string, at: string, reason = 'Compensation failed: voidPayment'): DeadLetter {
  return {
    bookingId,
    reason,
    state: { bookingId, booking: { bookingId, hotelId: 'htl_dl', paymentMethodId: 'pm_card_visa' }, failedStep: 'capture', voidPaymentError: { Error: 'PaymentUnavailableError', Cause: 'gateway down' } },
    at,
  };
}

describe('DynamoDbDeadLetterStore (through RecordingDeadLetterQueue) against DynamoDB Local', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;
  let store: DynamoDbDeadLetterStore;

  beforeAll(async () => {
    table = await createTestTable();
    store = new DynamoDbDeadLetterStore(table.doc, table.tableName);
  });

  afterAll(async () => {
    await table.drop();
  });

  it('records a letter whose SQS send failed, and its retried send (a later clock) adds no second letter', async () => {
    const queue = new FakeDeadLetterQueue();
    const letters = new RecordingDeadLetterQueue(store, queue, async () => undefined);
    queue.failures.arm('send', new Error('SQS down'));

    await expect(letters.send(aLetter('bk_dl_retry', '2026-04-01T00:00:00.000Z'))).rejects.toThrow('SQS down');
    await letters.send(aLetter('bk_dl_retry', '2026-04-01T00:00:07.000Z'));
    const open = await store.list({ status: 'open', limit: 100 });

    const mine = open.items.filter((l) => l.bookingId === 'bk_dl_retry');
    expect(mine).toEqual([
      expect.objectContaining({ hotelId: 'htl_dl', at: '2026-04-01T00:00:00.000Z', kind: 'checkout', failures: [{ step: 'capture' }, { step: 'voidPayment', error: 'PaymentUnavailableError: gateway down' }] }),
    ]);
    expect(JSON.stringify(mine)).not.toContain('pm_card_visa');
    expect(queue.letters).toHaveLength(1);
  });

  it('lists one status newest first across pages, and resolving moves every open letter of the booking (once) to the resolved list', async () => {
    const letters = new RecordingDeadLetterQueue(store, new FakeDeadLetterQueue(), async () => undefined);
    await letters.send(aLetter('bk_dl_a', '2026-05-01T00:00:00.000Z'));
    await letters.send(aLetter('bk_dl_b', '2026-05-02T00:00:00.000Z'));
    await letters.send(aLetter('bk_dl_a', '2026-05-03T00:00:00.000Z', 'Change chg_1 could not finish: refund failed'));

    const first = await store.list({ status: 'open', limit: 2 });
    const second = await store.list({ status: 'open', limit: 2, ...(first.next ? { after: first.next } : {}) });
    const changed = await store.resolveForBooking('bk_dl_a', { via: 'resolve', by: 'admin-1', at: '2026-05-04T00:00:00.000Z' });
    const again = await store.resolveForBooking('bk_dl_a', { via: 'retry-compensation', by: 'admin-2', at: '2026-05-05T00:00:00.000Z' });
    const open = await store.list({ status: 'open', limit: 100 });
    const resolved = await store.list({ status: 'resolved', limit: 100 });

    expect(first.items.map((l) => [l.bookingId, l.at])).toEqual([
      ['bk_dl_a', '2026-05-03T00:00:00.000Z'],
      ['bk_dl_b', '2026-05-02T00:00:00.000Z'],
    ]);
    expect(first.next).toBeDefined();
    expect(second.items.map((l) => [l.bookingId, l.at])).toEqual([
      ['bk_dl_a', '2026-05-01T00:00:00.000Z'],
      ['bk_dl_retry', '2026-04-01T00:00:00.000Z'],
    ]);
    expect(changed).toBe(2);
    expect(again).toBe(0);
    expect(open.items.map((l) => l.bookingId)).toEqual(['bk_dl_b', 'bk_dl_retry']);
    expect(resolved.items).toEqual([
      expect.objectContaining({ bookingId: 'bk_dl_a', at: '2026-05-03T00:00:00.000Z', status: 'resolved', resolution: { via: 'resolve', by: 'admin-1', at: '2026-05-04T00:00:00.000Z' } }),
      expect.objectContaining({ bookingId: 'bk_dl_a', at: '2026-05-01T00:00:00.000Z', status: 'resolved', resolution: { via: 'resolve', by: 'admin-1', at: '2026-05-04T00:00:00.000Z' } }),
    ]);
    expect(resolved.next).toBeUndefined();
  });

  it('does not reopen a resolved letter when the same letter is recorded again', async () => {
    const letters = new RecordingDeadLetterQueue(store, new FakeDeadLetterQueue(), async () => undefined);

    await letters.send(aLetter('bk_dl_a', '2026-05-09T00:00:00.000Z'));
    const open = await store.list({ status: 'open', limit: 100 });

    expect(open.items.map((l) => l.bookingId)).not.toContain('bk_dl_a');
  });
});
