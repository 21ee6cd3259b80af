import { randomUUID } from 'node:crypto';

export interface BusEvent {
  id: string;
  source: string;
  'detail-type': string;
  detail: unknown;
  time: string;
  eventBusName: string;
}

export interface BusRule {
  source?: string;
  detailType?: string;
  target: (event: BusEvent) => Promise<void>;
}

/**
 * The product's EventBridge bus on a laptop: `PutEvents` (the call our publisher makes) keeps the
 * events for inspection (`GET /_local/events`) and delivers them to rules asynchronously, as
 * EventBridge does.
 */
export class EventBusEmulator {
  readonly events: BusEvent[] = [];
  private readonly rules: BusRule[] = [];
  private readonly pending = new Set<Promise<void>>();
  private static readonly KEEP = 1000;

  addRule(rule: BusRule): void {
    this.rules.push(rule);
  }

  putEvents(request: { Entries?: Array<{ Source?: string; DetailType?: string; Detail?: string; EventBusName?: string }> }) {
    const entries = (request.Entries ?? []).map((entry) => {
      const event: BusEvent = {
        id: randomUUID(),
        source: entry.Source ?? '',
        'detail-type': entry.DetailType ?? '',
        detail: JSON.parse(entry.Detail ?? '{}'),
        time: new Date().toISOString(),
        eventBusName: entry.EventBusName ?? 'default',
      };
      this.events.push(event);
      if (this.events.length > EventBusEmulator.KEEP) this.events.shift();
      for (const rule of this.rules) {
        if (rule.source && rule.source !== event.source) continue;
        if (rule.detailType && rule.detailType !== event['detail-type']) continue;
        const delivery = rule.target(event).catch(() => undefined);
        this.pending.add(delivery);
        void delivery.finally(() => this.pending.delete(delivery));
      }
      return { EventId: event.id };
    });
    return { FailedEntryCount: 0, Entries: entries };
  }

  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}
