import type { ProcessWebhookDeps } from '#use-cases/pms/webhooks/process-pms-webhook.use-case.ts';
import type { ReceiveWebhookDeps } from '#use-cases/pms/webhooks/receive-pms-webhook.use-case.ts';
import { lazyEventPublisher } from './messaging.ts';
import { pmsClients, secretCipher } from './pms.ts';
import { asyncProvider, provider } from './provider.ts';
import { webhookQueue } from './queues.ts';
import { clock } from './runtime.ts';
import {
  bookingRepository,
  findingRepository,
  holdRepository,
  hotelCatalog,
  inventoryStore,
  pmsConfigRepository,
  webhookEventRepository,
} from './storage.ts';
import { webhookSecret } from './webhook-secret.ts';

/** `POST /api/webhooks/pms/{vendor}`: verify, store once, queue. */
export const receiveWebhookDeps = /* @__PURE__ */ asyncProvider<ReceiveWebhookDeps>(async () => {
  const fallbackSecret = await webhookSecret();
  return {
    webhookEvents: webhookEventRepository(),
    queue: { enqueue: (message) => webhookQueue().enqueue(message) },
    pmsConfigs: pmsConfigRepository(),
    openSecret: (sealed, context) => secretCipher().open(sealed, context),
    ...(fallbackSecret ? { fallbackSecret } : {}),
    clock: clock(),
  };
});

/** The webhook queue's consumer: applies stored events to the inventory. */
export const processWebhookDeps = /* @__PURE__ */ provider<ProcessWebhookDeps>(() => ({
  webhookEvents: webhookEventRepository(),
  pmsConfigs: pmsConfigRepository(),
  catalog: hotelCatalog(),
  inventory: inventoryStore(),
  bookings: bookingRepository(),
  holds: holdRepository(),
  findings: findingRepository(),
  events: lazyEventPublisher(),
  pms: pmsClients(),
  clock: clock(),
}));
