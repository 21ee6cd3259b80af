import { attentionDeps } from '#composition/attention.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentAttention } from '#http/presenters/attention.presenter.ts';
import { attentionRoutes } from '#http/routes/attention.routes.ts';
import { getAttention } from '#use-cases/bookings/attention.use-cases.ts';

export const handler = apiHandler(attentionRoutes.adminGetBookingAttention, async ({ params }) =>
  ok(presentAttention(await getAttention(attentionDeps(), params.bookingId))),
);
