import { createHash, randomUUID } from 'node:crypto';

export interface QueueMessage {
  messageId: string;
  body: string;
  attributes: Record<string, { DataType: string; StringValue?: string }>;
  sentAt: string;
  receiveCount: number;
}

/** Delivers SQS-style records to a consumer, like a Lambda event source mapping with batch size 1. */
export type QueueConsumer = (event: { Records: unknown[] }) => Promise<unknown>;

interface LocalQueue {
  url: string;
  messages: QueueMessage[];
  consumer?: QueueConsumer;
  maxReceiveCount: number;
  deadLetterUrl?: string;
}

const ACCOUNT = '000000000000';

/**
 * SQS on a laptop: `SendMessage` (what our adapters call) into named queues; a queue may have a
 * consumer that gets each message as an SQS event, retried up to `maxReceiveCount` times and then
 * moved to its dead-letter queue, as a redrive policy would. Messages that nobody consumes stay
 * visible through `GET /_local/queues`.
 */
export class QueueEmulator {
  private readonly queues = new Map<string, LocalQueue>();
  private readonly pending = new Set<Promise<void>>();

  private baseUrl = 'http://127.0.0.1';

  /** Queue URLs carry the endpoint's address, known once the emulator's server listens. */
  setBaseUrl(url: string): void {
    this.baseUrl = url;
  }

  createQueue(name: string, options: { consumer?: QueueConsumer; maxReceiveCount?: number; deadLetterQueue?: string } = {}): string {
    const url = `${this.baseUrl}/${ACCOUNT}/${name}`;
    this.queues.set(url, {
      url,
      messages: [],
      maxReceiveCount: options.maxReceiveCount ?? 3,
      ...(options.consumer ? { consumer: options.consumer } : {}),
      ...(options.deadLetterQueue ? { deadLetterUrl: `${this.baseUrl}/${ACCOUNT}/${options.deadLetterQueue}` } : {}),
    });
    return url;
  }

  sendMessage(request: { QueueUrl?: string; MessageBody?: string; MessageAttributes?: QueueMessage['attributes'] }) {
    const queue = this.queues.get(request.QueueUrl ?? '');
    if (!queue) {
      const error = new Error('The specified queue does not exist.');
      error.name = 'QueueDoesNotExist';
      throw error;
    }
    const message: QueueMessage = {
      messageId: randomUUID(),
      body: request.MessageBody ?? '',
      attributes: request.MessageAttributes ?? {},
      sentAt: new Date().toISOString(),
      receiveCount: 0,
    };
    this.enqueue(queue, message);
    return {
      MessageId: message.messageId,
      MD5OfMessageBody: createHash('md5').update(message.body).digest('hex'),
    };
  }

  messages(name: string): QueueMessage[] {
    return this.queues.get(`${this.baseUrl}/${ACCOUNT}/${name}`)?.messages ?? [];
  }

  list(): Array<{ url: string; depth: number; messages: QueueMessage[] }> {
    return [...this.queues.values()].map((q) => ({ url: q.url, depth: q.messages.length, messages: q.messages }));
  }

  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private enqueue(queue: LocalQueue, message: QueueMessage): void {
    if (!queue.consumer) {
      queue.messages.push(message);
      return;
    }
    const delivery = this.deliver(queue, message);
    this.pending.add(delivery);
    void delivery.finally(() => this.pending.delete(delivery));
  }

  private async deliver(queue: LocalQueue, message: QueueMessage): Promise<void> {
    while (message.receiveCount < queue.maxReceiveCount) {
      message.receiveCount += 1;
      try {
        const result = (await queue.consumer!({
          Records: [
            {
              messageId: message.messageId,
              receiptHandle: message.messageId,
              body: message.body,
              attributes: { ApproximateReceiveCount: String(message.receiveCount), SentTimestamp: String(Date.parse(message.sentAt)) },
              messageAttributes: message.attributes,
              md5OfBody: createHash('md5').update(message.body).digest('hex'),
              eventSource: 'aws:sqs',
              eventSourceARN: `arn:aws:sqs:local:${ACCOUNT}:${queue.url.split('/').pop()}`,
              awsRegion: 'local',
            },
          ],
        })) as { batchItemFailures?: unknown[] } | undefined;
        // With ReportBatchItemFailures, a consumer reports a failed message instead of throwing.
        if (!result?.batchItemFailures?.length) return;
      } catch {
        /* a thrown error fails the whole batch: deliver again */
      }
      await new Promise((r) => setTimeout(r, 50 * message.receiveCount));
    }
    const dlq = queue.deadLetterUrl ? this.queues.get(queue.deadLetterUrl) : undefined;
    if (dlq) dlq.messages.push(message);
    else queue.messages.push(message);
  }
}
