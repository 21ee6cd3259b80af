import type { WebhookQueueMessage } from '#domain/webhook.ts';

/**
 * Hands a stored webhook event to the processor (SQS on AWS, the local emulator on a laptop), with
 * the queue's retries and dead-letter queue behind it. Throws when the message was not accepted.
 */
export interface WebhookQueue {
  enqueue(message: WebhookQueueMessage): Promise<void>;
}
