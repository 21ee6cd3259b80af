import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { EventBridgePublisher } from '#adapters/eventbridge/eventbridge-publisher.ts';
import { requireSetting } from '#config/config.ts';
import type { EventPublisher } from '#ports/event-publisher.port.ts';
import { awsClientOptions, traced } from './aws-clients.ts';
import { provider } from './provider.ts';
import { config } from './runtime.ts';

/** The product's EventBridge bus. */
export const eventPublisher = /* @__PURE__ */ provider<EventPublisher>(
  () =>
    new EventBridgePublisher(
      traced(new EventBridgeClient(awsClientOptions(config().eventBridgeEndpoint))),
      requireSetting(config().eventBusName, 'EVENT_BUS_NAME'),
    ),
);

/**
 * The publisher, reached on first publish only: a use case that publishes only on a rare path
 * (an overbooked night) does not need EVENT_BUS_NAME until it does.
 */
export function lazyEventPublisher(): EventPublisher {
  return { publish: (events) => eventPublisher().publish(events) };
}
