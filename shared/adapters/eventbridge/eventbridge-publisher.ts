import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { DomainEvent, EventPublisher } from '#ports/event-publisher.port.ts';

/** Source of every event this product publishes; rules match on it. */
export const EVENT_SOURCE = 'hotel-booking';

/**
 * Publishes domain events to our EventBridge bus, 10 per call (the PutEvents limit). A partial
 * failure is an error, so the caller (a saga step, a processor) is retried rather than losing events.
 */
export class EventBridgePublisher implements EventPublisher {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly busName: string,
  ) {}

  async publish(events: DomainEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += 10) {
      const batch = events.slice(i, i + 10);
      const result = await this.client.send(
        new PutEventsCommand({
          Entries: batch.map((e) => ({
            EventBusName: this.busName,
            Source: EVENT_SOURCE,
            DetailType: e.type,
            Detail: JSON.stringify(e.detail),
          })),
        }),
      );
      if ((result.FailedEntryCount ?? 0) > 0) {
        const first = result.Entries?.find((e) => e.ErrorCode);
        throw new Error(`EventBridge rejected ${result.FailedEntryCount} event(s): ${first?.ErrorCode} ${first?.ErrorMessage}`);
      }
    }
  }
}
