import type { ReconcileDeps } from '#use-cases/pms/reconciliation/reconcile-pms-config.use-case.ts';
import type { RetryWebhookEventDeps } from '#use-cases/pms/webhooks/failed-webhook-events.use-case.ts';
import type { WebhookEventRepository } from '#ports/webhook-event.repository.ts';
import { lazyEventPublisher } from './messaging.ts';
import { pmsClients } from './pms.ts';
import { provider } from './provider.ts';
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

/** Reconciliation (the schedule and an admin's run): the PMS, our bookings and holds, the inventory, findings. */
export const reconciliationDeps = /* @__PURE__ */ provider<ReconcileDeps>(() => ({
  configs: pmsConfigRepository(),
  pms: pmsClients(),
  catalog: hotelCatalog(),
  inventory: inventoryStore(),
  bookings: bookingRepository(),
  holds: holdRepository(),
  findings: findingRepository(),
  events: lazyEventPublisher(),
  clock: clock(),
}));

/** `GET /api/admin/pms/webhook-events`: the stored events alone. */
export const failedWebhookEventsDeps = /* @__PURE__ */ provider<{ webhookEvents: Pick<WebhookEventRepository, 'listFailed'> }>(() => ({
  webhookEvents: webhookEventRepository(),
}));

/** `POST .../webhook-events/{vendor}/{eventId}/retry`: the stored events and the processor's queue. */
export const retryWebhookEventDeps = /* @__PURE__ */ provider<RetryWebhookEventDeps>(() => ({
  webhookEvents: webhookEventRepository(),
  queue: { enqueue: (message) => webhookQueue().enqueue(message) },
  clock: clock(),
}));
