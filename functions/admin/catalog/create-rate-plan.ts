import { catalogAdminDeps } from '#composition/catalog-admin.deps.ts';
import { actorOf } from '#http/actor.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { etagOf, presentAdminRatePlan } from '#http/presenters/catalog-admin.presenter.ts';
import { catalogAdminRoutes } from '#http/routes/catalog-admin.routes.ts';
import { createRatePlan } from '#use-cases/catalog/rate-plan-admin.use-cases.ts';

export const handler = apiHandler(catalogAdminRoutes.adminCreateRatePlan, async ({ params, body: { ratePlanId, ...fields }, principal }) => {
  const { ratePlan } = await createRatePlan(catalogAdminDeps(), { ...params, ...(ratePlanId ? { ratePlanId } : {}), fields }, actorOf(principal));
  return { ...ok(presentAdminRatePlan(ratePlan), {}, 201), headers: etagOf(ratePlan) };
});
