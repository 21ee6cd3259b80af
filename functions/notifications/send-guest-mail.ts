import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { busEventOf } from '#adapters/eventbridge/bus-event.ts';
import { guestMailDeps } from '#composition/notifications.deps.ts';
import { logger } from '#observability/logger.ts';
import { lambdaObservability } from '#observability/middleware.ts';
import { sendGuestMail } from '#use-cases/notifications/send-guest-mail.use-case.ts';

/** One event: mailed (or known as mailed), or thrown so SQS redelivers it. Logs ids only, never an address. */
async function mailRecord(record: SQSRecord): Promise<void> {
  const event = busEventOf(record.body);
  if (!event) {
    logger.error('Unreadable guest-mail message dropped', { messageId: record.messageId });
    return;
  }
  try {
    const outcome = await sendGuestMail(guestMailDeps(), event);
    logger.info('Guest mail', { eventType: event.type, eventId: event.id, bookingId: event.detail.bookingId, ...outcome });
  } catch (error) {
    // The error's name only: SES puts the recipient's address in some messages (MessageRejected).
    logger.warn('Guest mail will be retried', { eventType: event.type, eventId: event.id, bookingId: event.detail.bookingId, errorName: (error as Error).name });
    throw error;
  }
}

const processor = new BatchProcessor(EventType.SQS);

/**
 * The `GuestMail` queue consumer (shared/queues/queue-table.ts), fed by the bus rule for the
 * booking events: one mail per event id. A failed record is reported in `batchItemFailures` and
 * redelivered alone, then moved to the dead-letter queue after `maxReceiveCount`.
 */
export const handler = middy<SQSEvent, SQSBatchResponse, Error, Context>()
  .use(lambdaObservability())
  .handler(async function handleGuestMail(event, context) {
    return processPartialResponse(event, mailRecord, processor, { context, throwOnFullBatchFailure: false });
  });
