import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsDeadLetterQueue } from '#adapters/sqs/sqs-dead-letter-queue.ts';
import { SqsWebhookQueue } from '#adapters/sqs/sqs-webhook-queue.ts';
import { requireSetting } from '#config/config.ts';
import type { DeadLetterQueue } from '#ports/dead-letter.port.ts';
import type { WebhookQueue } from '#ports/webhook-queue.port.ts';
import { awsClientOptions, traced } from './aws-clients.ts';
import { provider } from './provider.ts';
import { config } from './runtime.ts';

const sqsClient = /* @__PURE__ */ provider(() => traced(new SQSClient(awsClientOptions(config().sqsEndpoint))));

/** Sagas whose compensation failed, for an admin. */
export const deadLetterQueue = /* @__PURE__ */ provider<DeadLetterQueue>(
  () => new SqsDeadLetterQueue(sqsClient(), requireSetting(config().sagaDlqUrl, 'SAGA_DLQ_URL')),
);

/** Between the webhook endpoint and its processor. */
export const webhookQueue = /* @__PURE__ */ provider<WebhookQueue>(
  () => new SqsWebhookQueue(sqsClient(), requireSetting(config().pmsWebhookQueueUrl, 'PMS_WEBHOOK_QUEUE_URL')),
);
