import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as listDeadLetters } from '../../../../functions/admin/dead-letters/list-dead-letters.ts';
import { RecordingDeadLetterQueue } from '../../../../shared/adapters/dead-letters/recording-dead-letter-queue.ts';
import { DynamoDbDeadLetterStore } from '../../../../shared/adapters/dynamodb/dead-letter.dynamodb.ts';
import { routes } from '../../../../shared/http/route-table.ts';
import { resetTestConfig, useTestConfig } from '../../../support/composition.ts';
import { createTestTable, testConfig } from '../../../support/dynamodb.ts';
import { httpEvent, invoke } from '../../../support/events.ts';
import { FakeDeadLetterQueue } from '../../../support/fakes/dead-letter.fake.ts';

const admin = { sub: 'admin-dl-1', 'cognito:groups': '[admin]' };
const manager = { sub: 'hm_dl', 'cognito:groups': '[hotel_manager]', 'custom:hotel_ids': 'htl_dl' };

/** `GET /api/admin/dead-letters` through its handler: sealed cursors per status, admin only. */
describe('GET /api/admin/dead-letters', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;
  const list = (query: Record<string, string>, claims: Record<string, unknown> = admin) => invoke(listDeadLetters, httpEvent(routes.adminListDeadLetters, { query, claims }));

  beforeAll(async () => {
    table = await createTestTable();
    useTestConfig(testConfig(table.tableName, table.endpoint));
    const store = new DynamoDbDeadLetterStore(table.doc, table.tableName);
    const letters = new RecordingDeadLetterQueue(store, new FakeDeadLetterQueue(), async () => 'htl_dl');
    for (const [bookingId, at] of [
      ['bk_h1', '2026-06-01T00:00:00.000Z'],
      ['bk_h2', '2026-06-02T00:00:00.000Z'],
      ['bk_h3', '2026-06-03T00:00:00.000Z'],
    ] as const) {
      await letters.send({ bookingId, reason: 'Recovery could not settle the booking: ABORTED', state: { bookingId, source: 'recovery' }, at });
    }
    await store.resolveForBooking('bk_h2', { via: 'resolve', by: 'admin-dl-1', at: '2026-06-04T00:00:00.000Z' });
  });

  afterAll(async () => {
    resetTestConfig();
    await table.drop();
  });

  it('pages the open letters newest first with a sealed cursor, and lists the resolved ones apart', async () => {
    const first = await list({ limit: '1' });
    const second = await list({ limit: '1', cursor: first.body.nextCursor as string });
    const resolved = await list({ status: 'resolved' });

    expect(first.statusCode).toBe(200);
    expect(first.body.data).toEqual([expect.objectContaining({ bookingId: 'bk_h3', hotelId: 'htl_dl', kind: 'recovery', status: 'open', failures: [{ step: 'recovery' }] })]);
    expect(second.body.data.map((l: { bookingId: string }) => l.bookingId)).toEqual(['bk_h1']);
    expect(second.body.nextCursor).toBeUndefined();
    expect(resolved.body.data).toEqual([expect.objectContaining({ bookingId: 'bk_h2', status: 'resolved', resolution: { via: 'resolve', by: 'admin-dl-1', at: '2026-06-04T00:00:00.000Z' } })]);
  });

  it("refuses an open list's cursor on the resolved list (400 BAD_CURSOR), an unknown status (422), and a hotel manager (403)", async () => {
    const first = await list({ limit: '1' });

    const crossed = await list({ status: 'resolved', cursor: first.body.nextCursor as string });
    const unknown = await list({ status: 'pending' });
    const asManager = await list({}, manager);

    expect(crossed.statusCode).toBe(400);
    expect(crossed.body.error.code).toBe('BAD_CURSOR');
    expect(unknown.statusCode).toBe(422);
    expect(asManager.statusCode).toBe(403);
  });
});
