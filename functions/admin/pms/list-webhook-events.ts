import { cursorCodec } from '#composition/cursors.ts';
import { failedWebhookEventsDeps } from '#composition/pms-operations.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentWebhookEvent } from '#http/presenters/webhook-event.presenter.ts';
import { pmsOperationsRoutes } from '#http/routes/pms-operations.routes.ts';

/** `GET /api/admin/pms/webhook-events?status=FAILED`: dropped webhooks, newest failure first. */
export const handler = apiHandler(pmsOperationsRoutes.adminListWebhookEvents, async ({ query: { cursor, limit, status } }) => {
  const scope = { list: 'webhook-events', filters: { status } };
  const after = cursor === undefined ? undefined : (await cursorCodec()).open(scope, cursor);
  const page = await failedWebhookEventsDeps().webhookEvents.listFailed({ limit, ...(after ? { after } : {}) });
  const nextCursor = page.next && (await cursorCodec()).seal(scope, page.next);
  return ok(page.items.map(presentWebhookEvent), nextCursor ? { nextCursor } : {});
});
