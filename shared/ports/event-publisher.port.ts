/** Domain events for other systems (EventBridge). Consumers must dedupe by the id in `detail`. */
export interface DomainEvent {
  /** e.g. `booking.confirmed`, `inventory.overbooked`. */
  type: string;
  detail: Record<string, unknown>;
}

export interface EventPublisher {
  publish(events: DomainEvent[]): Promise<void>;
}
