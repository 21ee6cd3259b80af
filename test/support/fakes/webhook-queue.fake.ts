import type { WebhookQueueMessage } from '../../../shared/domain/webhook.ts';
import type { WebhookQueue } from '../../../shared/ports/webhook-queue.port.ts';
import { Failures } from './failures.ts';

/**
 * Records enqueued messages and delivers nothing by itself: a test hands them to the processor
 * when it wants to (`take`), which is how it proves that the receiver never applies an event.
 */
export class FakeWebhookQueue implements WebhookQueue {
  readonly messages: WebhookQueueMessage[] = [];
  readonly failures = new Failures<'enqueue'>();

  async enqueue(message: WebhookQueueMessage): Promise<void> {
    await this.failures.run('enqueue', () => {
      this.messages.push(structuredClone(message));
    });
  }

  /** Test helper: removes and returns every queued message. */
  take(): WebhookQueueMessage[] {
    return this.messages.splice(0);
  }
}
