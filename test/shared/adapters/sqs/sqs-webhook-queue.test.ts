import { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalAws, type LocalAws } from '../../../../local/aws/local-aws.ts';
import { SqsWebhookQueue } from '../../../../shared/adapters/sqs/sqs-webhook-queue.ts';

describe('SqsWebhookQueue against the local SQS emulator', () => {
  let aws: LocalAws;
  let client: SQSClient;

  beforeAll(async () => {
    aws = await startLocalAws({ invoke: async () => undefined });
    client = new SQSClient({ region: 'local', endpoint: aws.url, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  });

  afterAll(async () => {
    client.destroy();
    await aws.stop();
  });

  it('sends only the event key, with the vendor as an attribute', async () => {
    const url = aws.queues.createQueue('webhooks-test');

    await new SqsWebhookQueue(client, url).enqueue({ vendor: 'cloudbeds', eventId: 'reservation/created:1:2.5' });

    const [message] = aws.queues.messages('webhooks-test');
    expect(JSON.parse(message!.body)).toEqual({ vendor: 'cloudbeds', eventId: 'reservation/created:1:2.5' });
    expect(message!.attributes.vendor).toMatchObject({ DataType: 'String', StringValue: 'cloudbeds' });
  });

  it('throws when the queue does not take the message', async () => {
    const queue = new SqsWebhookQueue(client, `${aws.url}/000000000000/missing`);

    await expect(queue.enqueue({ vendor: 'generic', eventId: 'evt_1' })).rejects.toThrow();
  });
});
