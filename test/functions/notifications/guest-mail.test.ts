import type { SQSBatchResponse } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFunctionInvoker } from '../../../local/handlers/function-invoker.ts';
import { startLocalAws, type LocalAws } from '../../../local/aws/local-aws.ts';
import { FaultRegistry } from '../../../local/faults/fault-registry.ts';
import { eventPublisher } from '../../../shared/composition/messaging.ts';
import { queues } from '../../../shared/queues/queue-table.ts';
import { resetTestConfig, useTestConfig, type TestAdapters } from '../../support/composition.ts';
import { createTestTable, testConfig } from '../../support/dynamodb.ts';
import { aBooking, aHotel, aRoomType } from '../../support/fixtures.ts';

/**
 * Guest mail the way it runs: an event published through the EventBridge adapter reaches the
 * GuestMail queue by the bus rule of the queue table, the real handler mails it through the SES
 * adapter, and the SES emulator's mailbox is what a guest would receive.
 */
describe('guest mail from the bus to the mailbox', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;
  let aws: LocalAws;
  let c: TestAdapters;
  const faults = new FaultRegistry();

  beforeAll(async () => {
    table = await createTestTable();
    const invokeFunction = createFunctionInvoker({ region: 'local' });
    const busFed = queues.filter((q) => q.id === 'GuestMail' || q.id === 'HotelDeactivations');
    aws = await startLocalAws({
      invoke: invokeFunction,
      retryIntervalMs: 5,
      faults,
      queueConsumers: Object.fromEntries(
        busFed.map((q) => [
          q.id,
          {
            // SQS redelivers the items a consumer lists in batchItemFailures; the emulator, what throws.
            consumer: async (event: { Records: unknown[] }) => {
              const result = (await invokeFunction(q.handler, event)) as SQSBatchResponse;
              if (result.batchItemFailures.length > 0) throw new Error('batch item failures');
              return result;
            },
            maxReceiveCount: q.maxReceiveCount,
            deadLetterQueue: `${q.id}-dlq`,
            events: q.events!,
          },
        ]),
      ),
    });
    for (const q of busFed) aws.queues.createQueue(`${q.id}-dlq`);
    c = useTestConfig(testConfig(table.tableName, table.endpoint, { ...aws.env }));
    await c.catalog.putHotel(aHotel({ address: '1 Hangang-daero, Seoul' }));
    await c.catalog.putHotel(aHotel({ hotelId: 'htl_seoul_2', name: 'Namsan Stay' }));
    await c.catalog.putRoomType(aRoomType());
    for (const [bookingId, locale] of [['bk_mail_ko', 'ko'], ['bk_mail_ja', 'ja']] as const) {
      const booking = aBooking({ bookingId, idempotencyKey: `k-${bookingId}`, status: 'CONFIRMED', locale, checkIn: '2099-03-10' });
      await c.bookings.createPending(booking, { keyHash: `h-${bookingId}`, requestHash: 'r', bookingId, createdAt: booking.createdAt });
    }
  });

  afterAll(async () => {
    await aws?.idle();
    await aws?.stop();
    resetTestConfig();
    await table?.drop();
  });

  beforeEach(() => {
    aws.ses.clear();
    faults.clear();
  });

  it('mails a confirmation once in the booking\'s language, however often the event is published', async () => {
    const confirmed = { type: 'booking.confirmed', detail: { bookingId: 'bk_mail_ko', hotelId: 'htl_seoul_1', totalMinor: 300_000, currency: 'KRW' } };

    await eventPublisher().publish([confirmed]);
    await eventPublisher().publish([confirmed]);
    await aws.idle();

    expect(aws.ses.mailbox).toHaveLength(1);
    expect(aws.ses.mailbox[0]).toMatchObject({ to: ['jiwoo@example.com'], from: aws.env.MAIL_FROM, configurationSet: 'hotel-booking-local' });
    expect(aws.ses.mailbox[0]!.subject).toMatch(/^예약 확정: Han River Hotel/);
    expect(aws.queues.list().find((q) => q.url.endsWith('/GuestMail-dlq'))?.depth).toBe(0);
  });

  it('tells every guest of a deactivated hotel once, each in their own language', async () => {
    const deactivated = { type: 'hotel.deactivated', detail: { eventId: 'audit-1', hotelId: 'htl_seoul_1', name: 'Han River Hotel' } };

    await eventPublisher().publish([deactivated]);
    await aws.idle();
    await eventPublisher().publish([deactivated]);
    await aws.idle();

    expect(aws.ses.mailbox.map((m) => m.subject).sort()).toEqual(['重要: Han River Hotel 新規予約受付停止のお知らせ', '중요: Han River Hotel 신규 예약 중단 안내']);
  });

  it('retries a mail SES refused (fault mail.send) and sends it exactly once', async () => {
    // Every attempt of the first delivery is throttled (the SDK tries 3 times); the queue redelivers.
    faults.arm({ point: 'mail.send', mode: 'error', times: 3 });

    await eventPublisher().publish([{ type: 'room.assigned', detail: { eventId: 'room.assigned:bk_mail_ja:1', bookingId: 'bk_mail_ja', hotelId: 'htl_seoul_1', roomNumbers: ['1204'] } }]);
    await aws.idle();

    expect(faults.list()).toEqual([]);
    expect(aws.ses.mailbox.map((m) => m.subject)).toEqual(['お部屋のご案内: Han River Hotel 1204号室']);
    expect(aws.queues.list().find((q) => q.url.endsWith('/GuestMail-dlq'))?.depth).toBe(0);
  });
});
