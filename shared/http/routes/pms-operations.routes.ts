import { defineRoute, type RouteDefinition } from '../route.ts';
import { PmsConfigIdParams } from '../schemas/pms-sync.schema.ts';
import { ReconcileResponse, RetryWebhookEventResponse, WebhookEventParams, WebhookEventsQuery, WebhookEventsResponse } from '../schemas/pms-operations.schema.ts';

/** Keeping PMSs and our records in agreement (issue 7): reconciliation runs and dropped webhooks. */
export const pmsOperationsRoutes = {
  adminReconcilePmsConfig: defineRoute({
    method: 'POST',
    path: '/api/admin/pms/configs/{id}/reconcile',
    handler: 'admin/pms/reconcile-pms-config',
    auth: 'admin',
    summary:
      "Compare our bookings with the PMS's reservations over the polling horizon now: missing, unknown and duplicate reservations, hotel-side cancellations, oversold nights. Strays with our id are cancelled in the PMS; each new finding is stored and published. 200 with the run's summary, failed or not",
    tags: ['admin', 'reconciliation'],
    permissions: ['table:read', 'table:write', 'pms:credentials', 'events:publish'],
    params: PmsConfigIdParams,
    responses: { 200: { description: "The run's summary, failed or not.", body: ReconcileResponse } },
    errors: ['NOT_FOUND'],
  }),
  adminListWebhookEvents: defineRoute({
    method: 'GET',
    path: '/api/admin/pms/webhook-events',
    handler: 'admin/pms/list-webhook-events',
    auth: 'admin',
    summary: 'PMS webhook events that failed (unknown hotel, unmapped room type, foreign currency, PMS down), newest failure first, with the reason; cursor-paginated',
    tags: ['admin', 'webhooks'],
    permissions: ['table:read', 'cursor:secret'],
    query: WebhookEventsQuery,
    responses: { 200: { description: 'One page; nextCursor continues it and is absent on the last page.', body: WebhookEventsResponse } },
    errors: ['BAD_CURSOR'],
  }),
  adminRetryWebhookEvent: defineRoute({
    method: 'POST',
    path: '/api/admin/pms/webhook-events/{vendor}/{eventId}/retry',
    handler: 'admin/pms/retry-webhook-event',
    auth: 'admin',
    summary:
      'Send a FAILED webhook event back to the processor (once its mapping is fixed); it is applied from its stored body. Idempotent: an event already processed is left alone',
    tags: ['admin', 'webhooks'],
    permissions: ['table:read', 'table:write', 'webhooks:enqueue'],
    params: WebhookEventParams,
    responses: { 200: { description: 'The event as it now is, and whether it was queued again.', body: RetryWebhookEventResponse } },
    errors: ['NOT_FOUND', 'WEBHOOK_QUEUE_UNAVAILABLE'],
  }),
} satisfies Record<string, RouteDefinition>;
