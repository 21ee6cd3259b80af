/** Domain events for other systems (EventBridge). Consumers must dedupe by the id in `detail`. */
export interface DomainEvent {
  /** e.g. `booking.confirmed`, `inventory.overbooked`. */
  type: string;
  detail: Record<string, unknown>;
}

export interface EventPublisher {
  publish(events: DomainEvent[]): Promise<void>;
}

/**
 * A published event as a subscriber receives it (an EventBridge rule's SQS delivery): EventBridge's
 * own `id` for this delivery's event, its type (`detail-type`) and `detail`.
 */
export interface BusEvent {
  id: string;
  type: string;
  detail: Record<string, unknown>;
}
