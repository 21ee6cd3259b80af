import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it, onTestFinished } from 'vitest';
import { SqsDeadLetterQueue } from '../../../../shared/adapters/sqs/sqs-dead-letter-queue.ts';

describe('SqsDeadLetterQueue', () => {
  it('sends the saga state as JSON with the booking id as an attribute', async () => {
    const client = new SQSClient({ region: 'eu-west-1' });
    const sqs = mockClient(client);
    onTestFinished(() => sqs.restore());
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm1' });
    const letter = { bookingId: 'bk_1', reason: 'Compensation failed: voidPayment', state: { bookingId: 'bk_1' }, at: '2026-11-21T00:00:00.000Z' };
    await new SqsDeadLetterQueue(client, 'https://sqs/1/dlq').send(letter);
    const input = sqs.commandCalls(SendMessageCommand)[0]!.args[0].input;
    expect(input.QueueUrl).toBe('https://sqs/1/dlq');
    expect(JSON.parse(input.MessageBody!)).toEqual(letter);
    expect(input.MessageAttributes).toEqual({ bookingId: { DataType: 'String', StringValue: 'bk_1' } });
  });
});
