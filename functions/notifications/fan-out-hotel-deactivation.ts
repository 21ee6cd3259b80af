import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { busEventOf } from '#adapters/eventbridge/bus-event.ts';
import { hotelDeactivationDeps } from '#composition/notifications.deps.ts';
import { logger } from '#observability/logger.ts';
import { lambdaObservability } from '#observability/middleware.ts';
import { fanOutHotelDeactivation } from '#use-cases/notifications/hotel-deactivation.use-case.ts';

async function fanOut(record: SQSRecord): Promise<void> {
  const event = busEventOf(record.body);
  if (!event) {
    logger.error('Unreadable hotel.deactivated message dropped', { messageId: record.messageId });
    return;
  }
  const { notified } = await fanOutHotelDeactivation(hotelDeactivationDeps(), event);
  logger.info('Guests of a deactivated hotel to be told', { hotelId: event.detail.hotelId, eventId: event.id, notified });
}

const processor = new BatchProcessor(EventType.SQS);

/** The `HotelDeactivations` queue consumer: one `booking.hotel_deactivated` per future booking of the hotel. */
export const handler = middy<SQSEvent, SQSBatchResponse, Error, Context>()
  .use(lambdaObservability())
  .handler(async function handleHotelDeactivation(event, context) {
    return processPartialResponse(event, fanOut, processor, { context, throwOnFullBatchFailure: false });
  });
