import type { DomainEvent, EventPublisher } from '../../../shared/ports/event-publisher.port.ts';
import { Failures } from './failures.ts';

/**
 * Records published events in order. A batch is all or nothing, like one `PutEvents` that the
 * adapter treats as failed when any entry failed: an armed failure publishes none of it.
 */
export class FakeEventPublisher implements EventPublisher {
  readonly events: DomainEvent[] = [];
  readonly failures = new Failures<'publish'>();

  async publish(events: DomainEvent[]): Promise<void> {
    await this.failures.run('publish', () => {
      this.events.push(...structuredClone(events));
    });
  }

  /** Test helper: the events of one type. */
  ofType(type: string): DomainEvent[] {
    return this.events.filter((e) => e.type === type);
  }
}
