import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as resolveDeadLetter } from '../../../../functions/admin/dead-letters/resolve-dead-letter.ts';
import { RecordingDeadLetterQueue } from '../../../../shared/adapters/dead-letters/recording-dead-letter-queue.ts';
import { DynamoDbDeadLetterStore } from '../../../../shared/adapters/dynamodb/dead-letter.dynamodb.ts';
import { routes } from '../../../../shared/http/route-table.ts';
import { resetTestConfig, useTestConfig, type TestAdapters } from '../../../support/composition.ts';
import { createTestTable, testConfig } from '../../../support/dynamodb.ts';
import { httpEvent, invoke } from '../../../support/events.ts';
import { FakeDeadLetterQueue } from '../../../support/fakes/dead-letter.fake.ts';
import { aBooking } from '../../../support/fixtures.ts';

const admin = { sub: 'admin-dl-2', 'cognito:groups': '[admin]' };
const manager = { sub: 'hm_dl2', 'cognito:groups': '[hotel_manager]', 'custom:hotel_ids': 'htl_dl2' };

/** `POST /api/admin/dead-letters/{bookingId}/{letterId}/resolve` through its handler, against DynamoDB Local. */
describe('POST /api/admin/dead-letters/{bookingId}/{letterId}/resolve', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;
  let store: DynamoDbDeadLetterStore;
  let c: TestAdapters;
  const resolve = (bookingId: string, letterId: string, body: unknown, claims: Record<string, unknown> = admin) =>
    invoke(resolveDeadLetter, httpEvent(routes.adminResolveDeadLetter, { params: { bookingId, letterId }, body, claims }));

  async function letterOf(bookingId: string, status: 'CHECKED_OUT' | 'NEEDS_ATTENTION') {
    const booking = aBooking({ bookingId, hotelId: 'htl_dl2', status });
    await c.bookings.createPending(booking, { keyHash: `k-${bookingId}`, requestHash: 'r', bookingId, createdAt: booking.createdAt });
    await new RecordingDeadLetterQueue(store, new FakeDeadLetterQueue(), async () => 'htl_dl2').send({
      bookingId,
      reason: 'Compensation failed: refund',
      state: { bookingId, changeId: 'cancel-1', refundError: { Error: 'PaymentUnavailableError' } },
      at: '2026-06-05T00:00:00.000Z',
    });
    return (await store.list({ status: 'open', limit: 100 })).items.find((l) => l.bookingId === bookingId)!.letterId;
  }

  beforeAll(async () => {
    table = await createTestTable();
    c = useTestConfig(testConfig(table.tableName, table.endpoint));
    store = new DynamoDbDeadLetterStore(table.doc, table.tableName);
  });

  afterAll(async () => {
    resetTestConfig();
    await table.drop();
  });

  it('closes a letter whose booking cannot become NEEDS_ATTENTION, with the note, once', async () => {
    const letterId = await letterOf('bk_dl_out', 'CHECKED_OUT');

    const first = await resolve('bk_dl_out', letterId, { note: 'Refunded by hand in Stripe, ticket 4411' });
    const again = await resolve('bk_dl_out', letterId, { note: 'a second note' });

    expect(first.statusCode).toBe(200);
    expect(first.body.data).toMatchObject({ outcome: 'RESOLVED', letter: { status: 'resolved', resolution: { via: 'letter', by: 'admin-dl-2', note: 'Refunded by hand in Stripe, ticket 4411' } } });
    expect(again.body.data).toMatchObject({ outcome: 'ALREADY_RESOLVED', letter: { resolution: { note: 'Refunded by hand in Stripe, ticket 4411' } } });
    expect((await store.list({ status: 'open', limit: 100 })).items.map((l) => l.bookingId)).not.toContain('bk_dl_out');
  });

  it('refuses a letter whose booking needs attention (409), a missing note (422), an unknown letter (404) and a hotel manager (403), changing nothing', async () => {
    const letterId = await letterOf('bk_dl_att', 'NEEDS_ATTENTION');

    const inAttention = await resolve('bk_dl_att', letterId, { note: 'settled' });
    const noNote = await resolve('bk_dl_att', letterId, {});
    const unknown = await resolve('bk_dl_att', 'no-such-letter', { note: 'settled' });
    const asManager = await resolve('bk_dl_att', letterId, { note: 'settled' }, manager);

    expect([inAttention.statusCode, inAttention.body.error.code]).toEqual([409, 'LETTER_CLOSES_WITH_BOOKING']);
    expect(noNote.statusCode).toBe(422);
    expect([unknown.statusCode, unknown.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect(asManager.statusCode).toBe(403);
    expect(await store.get('bk_dl_att', letterId)).toMatchObject({ status: 'open' });
  });
});
