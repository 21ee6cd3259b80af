import { describe, expect, it } from 'vitest';
import type { RecordedDeadLetter } from '../../../shared/domain/dead-letter.ts';
import { FakeDeadLetterStore } from './dead-letter.fake.ts';

function aRecord(bookingId: string, letterId: string, at: string): RecordedDeadLetter {
  return { letterId, bookingId, kind: 'checkout', reason: 'r', failures: [], state: {}, at, status: 'open' };
}

/** The fake keeps the table adapter's rules (test/shared/adapters/dynamodb/dead-letter.dynamodb.test.ts). */
describe('FakeDeadLetterStore', () => {
  it('keeps the first record of a letter id, pages newest first, and resolves only open letters of the booking', async () => {
    const store = new FakeDeadLetterStore();
    await store.record(aRecord('bk_a', 'l1', '2026-01-01T00:00:00.000Z'));
    await store.record({ ...aRecord('bk_a', 'l1', '2026-01-09T00:00:00.000Z'), reason: 'again' });
    await store.record(aRecord('bk_b', 'l2', '2026-01-02T00:00:00.000Z'));
    await store.record(aRecord('bk_a', 'l3', '2026-01-03T00:00:00.000Z'));

    const first = await store.list({ status: 'open', limit: 2 });
    const second = await store.list({ status: 'open', limit: 2, ...(first.next ? { after: first.next } : {}) });
    const changed = await store.resolveForBooking('bk_a', { via: 'resolve', by: 'adm', at: '2026-01-04T00:00:00.000Z' });
    const again = await store.resolveForBooking('bk_a', { via: 'resolve', by: 'adm', at: '2026-01-05T00:00:00.000Z' });

    expect(first.items.map((l) => l.letterId)).toEqual(['l3', 'l2']);
    expect(second.items.map((l) => [l.letterId, l.reason])).toEqual([['l1', 'r']]);
    expect(second.next).toBeUndefined();
    expect([changed, again]).toEqual([2, 0]);
    expect((await store.list({ status: 'resolved', limit: 10 })).items.map((l) => l.resolution?.at)).toEqual(['2026-01-04T00:00:00.000Z', '2026-01-04T00:00:00.000Z']);
  });
});
