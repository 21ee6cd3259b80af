import type { WebhookOutboxDeps } from '#use-cases/pms/webhooks/webhook-outbox.ts';
import { provider } from './provider.ts';
import { webhookQueue } from './queues.ts';
import { clock } from './runtime.ts';
import { webhookEventRepository } from './storage.ts';

/** The outbox sweep (`EnqueueStoredWebhooks`): the stored events and the queue, nothing else. */
export const webhookOutboxDeps = /* @__PURE__ */ provider<WebhookOutboxDeps>(() => ({
  webhookEvents: webhookEventRepository(),
  queue: webhookQueue(),
  clock: clock(),
}));
