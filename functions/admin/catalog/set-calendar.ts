import { calendarDeps } from '#composition/catalog-admin.deps.ts';
import { actorOf } from '#http/actor.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { catalogAdminRoutes } from '#http/routes/catalog-admin.routes.ts';
import { applyCalendar } from '#use-cases/catalog/calendar.use-case.ts';

export const handler = apiHandler(catalogAdminRoutes.adminSetCalendar, async ({ params, body, principal }) =>
  ok(await applyCalendar(calendarDeps(), { ...params, ranges: body.ranges }, actorOf(principal))),
);
