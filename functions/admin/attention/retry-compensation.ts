import { attentionDeps } from '#composition/attention.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentRetry } from '#http/presenters/attention.presenter.ts';
import { attentionRoutes } from '#http/routes/attention.routes.ts';
import { retryCompensation } from '#use-cases/bookings/attention.use-cases.ts';

export const handler = apiHandler(attentionRoutes.adminRetryCompensation, async ({ params, principal }) =>
  ok(presentRetry(await retryCompensation(attentionDeps(), { bookingId: params.bookingId, by: principal?.subject ?? 'admin' }))),
);
