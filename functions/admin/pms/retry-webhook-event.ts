import { retryWebhookEventDeps } from '#composition/pms-operations.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentWebhookEvent } from '#http/presenters/webhook-event.presenter.ts';
import { pmsOperationsRoutes } from '#http/routes/pms-operations.routes.ts';
import { retryWebhookEvent } from '#use-cases/pms/webhooks/failed-webhook-events.use-case.ts';

/** `POST /api/admin/pms/webhook-events/{vendor}/{eventId}/retry`: a FAILED event goes back to the processor. */
export const handler = apiHandler(pmsOperationsRoutes.adminRetryWebhookEvent, async ({ params }) => {
  const { event, requeued } = await retryWebhookEvent(retryWebhookEventDeps(), params);
  return ok({ event: presentWebhookEvent(event), requeued });
});
