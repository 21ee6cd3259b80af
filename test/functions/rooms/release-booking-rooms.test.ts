import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler } from '../../../functions/rooms/release-booking-rooms.ts';
import { roomAssignmentDeps } from '../../../shared/composition/rooms.deps.ts';
import { roomAssignmentStore, roomRepository } from '../../../shared/composition/storage.ts';
import { assignRooms } from '../../../shared/use-cases/rooms/assign-rooms.use-case.ts';
import { resetTestConfig, useTestConfig, type TestAdapters } from '../../support/composition.ts';
import { createTestTable, testConfig } from '../../support/dynamodb.ts';
import { FakeEventPublisher } from '../../support/fakes/event-publisher.fake.ts';
import { aBooking, aHotel, aRoomType } from '../../support/fixtures.ts';

/** The bus's envelope as the RoomReleases queue receives it. */
function busMessage(type: string, bookingId: string, messageId = 'm-1'): SQSEvent {
  const body = JSON.stringify({ version: '0', id: `eb-${messageId}`, 'detail-type': type, source: 'hotel-booking', time: '2026-12-03T00:00:00Z', detail: { version: 1, bookingId, hotelId: 'htl_seoul_1' } });
  return { Records: [{ messageId, body, receiptHandle: 'r', attributes: {} as never, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:local:000000000000:RoomReleases', awsRegion: 'local' }] };
}

describe('RoomReleases consumer', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;
  let c: TestAdapters;

  beforeAll(async () => {
    table = await createTestTable();
    c = useTestConfig(testConfig(table.tableName, table.endpoint));
    await c.catalog.putHotel(aHotel());
    await c.catalog.putRoomType(aRoomType());
    const now = new Date().toISOString();
    await roomRepository().create({ hotelId: 'htl_seoul_1', roomId: 'rm_1204', roomTypeId: 'rt_deluxe', number: '1204', floor: 12, features: [], status: 'available', createdAt: now, updatedAt: now });
    const booking = aBooking({ bookingId: 'bk_rel_1', checkIn: '2099-03-10', status: 'CONFIRMED' });
    await c.bookings.createPending(booking, { keyHash: 'h-rel-1', requestHash: 'r', bookingId: booking.bookingId, createdAt: booking.createdAt });
    await assignRooms({ ...roomAssignmentDeps(), events: new FakeEventPublisher() }, { bookingId: 'bk_rel_1', source: 'auto', by: 'job' });
  });

  afterAll(async () => {
    resetTestConfig();
    await table?.drop();
  });

  it('gives back the room nights of a cancelled stay, once however often the event arrives, and drops an unreadable message', async () => {
    const before = await roomAssignmentStore().heldOn('htl_seoul_1', ['2099-03-10', '2099-03-11']);

    const first = (await handler(busMessage('booking.cancelled', 'bk_rel_1'), {} as never)) as SQSBatchResponse;
    const again = (await handler(busMessage('booking.cancelled', 'bk_rel_1', 'm-2'), {} as never)) as SQSBatchResponse;
    const junk = (await handler({ Records: [{ ...busMessage('x', 'y').Records[0]!, body: 'not json' }] }, {} as never)) as SQSBatchResponse;

    const after = await roomAssignmentStore().heldOn('htl_seoul_1', ['2099-03-10', '2099-03-11']);
    expect([...before.values()].map((holders) => [...holders.values()])).toEqual([['bk_rel_1'], ['bk_rel_1']]);
    expect([...after.values()].every((holders) => holders.size === 0)).toBe(true);
    expect([first.batchItemFailures, again.batchItemFailures, junk.batchItemFailures]).toEqual([[], [], []]);
    expect((await c.bookings.get('bk_rel_1'))?.roomAssignment).toBeUndefined();
  });
});
