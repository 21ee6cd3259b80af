import { catalogAdminDeps } from '#composition/catalog-admin.deps.ts';
import { actorOf } from '#http/actor.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { etagOf, presentAdminRatePlan } from '#http/presenters/catalog-admin.presenter.ts';
import { catalogAdminRoutes } from '#http/routes/catalog-admin.routes.ts';
import { deactivateRatePlan } from '#use-cases/catalog/rate-plan-admin.use-cases.ts';

export const handler = apiHandler(catalogAdminRoutes.adminDeactivateRatePlan, async ({ params, headers, principal }) => {
  const { ratePlan } = await deactivateRatePlan(
    catalogAdminDeps(),
    { ...params, ...(headers['if-match'] ? { expected: headers['if-match'] } : {}) },
    actorOf(principal),
  );
  return { ...ok(presentAdminRatePlan(ratePlan)), headers: etagOf(ratePlan) };
});
