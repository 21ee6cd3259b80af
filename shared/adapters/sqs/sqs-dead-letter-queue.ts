import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { DeadLetter, DeadLetterQueue } from '#ports/dead-letter.port.ts';

/** Sends what a saga could not undo to the SQS dead-letter queue that ops watch (alarm on depth). */
export class SqsDeadLetterQueue implements DeadLetterQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(letter: DeadLetter): Promise<void> {
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(letter),
        MessageAttributes: { bookingId: { DataType: 'String', StringValue: letter.bookingId } },
      }),
    );
  }
}
