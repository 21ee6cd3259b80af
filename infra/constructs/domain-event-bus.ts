import * as events from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import type { PermissionRegistry } from './permission-registry.ts';

export interface DomainEventBusProps {
  /** Registers `events:publish` on it. */
  access: PermissionRegistry;
  /** Part of the bus name, so several stages can share an account. */
  stage: string;
}

/** `hotel-booking-<stage>`: the bus is named so that consumers in other stacks or accounts can find it. */
export function eventBusNameOf(stage: string): string {
  return `hotel-booking-${stage}`;
}

/**
 * The product's own EventBridge bus (`booking.confirmed`, `inventory.overbooked`,
 * `pms.polling.paused`, ... with source `hotel-booking`), kept off the default bus so its rules
 * and permissions concern this product only. No resource policy: only principals of this account
 * holding `events:PutEvents` on it can publish.
 *
 * Functions declaring `events:publish` get `events:PutEvents` on this bus alone, and `EVENT_BUS_NAME`.
 */
export class DomainEventBus extends Construct {
  readonly bus: events.EventBus;

  constructor(scope: Construct, id: string, props: DomainEventBusProps) {
    super(scope, id);
    this.bus = new events.EventBus(this, 'Bus', {
      eventBusName: eventBusNameOf(props.stage),
      description: `Hotel booking (${props.stage}) domain events`,
    });
    props.access.provide('events:publish', (fn) => {
      this.bus.grantPutEventsTo(fn);
      fn.addEnvironment('EVENT_BUS_NAME', this.bus.eventBusName);
    });
  }
}
