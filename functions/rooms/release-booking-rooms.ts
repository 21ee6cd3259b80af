import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { busEventOf } from '#adapters/eventbridge/bus-event.ts';
import { roomAssignmentDeps } from '#composition/rooms.deps.ts';
import { logger } from '#observability/logger.ts';
import { lambdaObservability } from '#observability/middleware.ts';
import { releaseRoomAssignment } from '#use-cases/rooms/release-rooms.use-case.ts';

async function release(record: SQSRecord): Promise<void> {
  const event = busEventOf(record.body);
  const bookingId = event?.detail.bookingId;
  if (!event || typeof bookingId !== 'string') {
    logger.error('Unreadable room-release message dropped', { messageId: record.messageId });
    return;
  }
  const outcome = await releaseRoomAssignment(roomAssignmentDeps(), bookingId);
  logger.info('Room nights of a booking released', { bookingId, eventType: event.type, outcome });
}

const processor = new BatchProcessor(EventType.SQS);

/**
 * The `RoomReleases` queue consumer: a cancelled, no-show, checked-out or modified stay gives its
 * room nights back (a modified one is assigned again by the job, for its new nights).
 */
export const handler = middy<SQSEvent, SQSBatchResponse, Error, Context>()
  .use(lambdaObservability())
  .handler(async function handleRoomRelease(event, context) {
    return processPartialResponse(event, release, processor, { context, throwOnFullBatchFailure: false });
  });
