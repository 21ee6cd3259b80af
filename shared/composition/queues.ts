import { SQSClient } from '@aws-sdk/client-sqs';
import { RecordingDeadLetterQueue } from '#adapters/dead-letters/recording-dead-letter-queue.ts';
import { SqsDeadLetterQueue } from '#adapters/sqs/sqs-dead-letter-queue.ts';
import { SqsWebhookQueue } from '#adapters/sqs/sqs-webhook-queue.ts';
import { requireSetting } from '#config/config.ts';
import type { DeadLetterQueue } from '#ports/dead-letter.port.ts';
import type { WebhookQueue } from '#ports/webhook-queue.port.ts';
import { awsClientOptions, traced } from './aws-clients.ts';
import { provider } from './provider.ts';
import { config } from './runtime.ts';
import { bookingRepository, deadLetterStore } from './storage.ts';

const sqsClient = /* @__PURE__ */ provider(() => traced(new SQSClient(awsClientOptions(config().sqsEndpoint))));

/**
 * Sagas whose compensation failed, for an admin: recorded in the table (the console's list), then
 * sent to the SQS queue ops are alarmed on. The senders already hold `table:write` (they move the
 * booking to NEEDS_ATTENTION); the booking is read only when the state does not name its hotel.
 */
export const deadLetterQueue = /* @__PURE__ */ provider<DeadLetterQueue>(
  () =>
    new RecordingDeadLetterQueue(
      deadLetterStore(),
      new SqsDeadLetterQueue(sqsClient(), requireSetting(config().sagaDlqUrl, 'SAGA_DLQ_URL')),
      async (bookingId) => (await bookingRepository().get(bookingId))?.hotelId,
    ),
);

/** Between the webhook endpoint and its processor. */
export const webhookQueue = /* @__PURE__ */ provider<WebhookQueue>(
  () => new SqsWebhookQueue(sqsClient(), requireSetting(config().pmsWebhookQueueUrl, 'PMS_WEBHOOK_QUEUE_URL')),
);
