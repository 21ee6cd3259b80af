import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { WebhookQueueMessage } from '#domain/webhook.ts';
import type { WebhookQueue } from '#ports/webhook-queue.port.ts';

/**
 * Queues a stored webhook event for the processor Lambda (`PmsWebhookEvents` in the queue table).
 * The message is only the event's key: the payload stays in DynamoDB, so a message never carries
 * more than it must and the processor always reads the stored, verified body.
 */
export class SqsWebhookQueue implements WebhookQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(message: WebhookQueueMessage): Promise<void> {
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify({ vendor: message.vendor, eventId: message.eventId }),
        MessageAttributes: { vendor: { DataType: 'String', StringValue: message.vendor } },
      }),
    );
  }
}
