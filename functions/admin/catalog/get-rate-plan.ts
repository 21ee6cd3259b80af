import { catalogAdminDeps } from '#composition/catalog-admin.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { etagOf, presentAdminRatePlan } from '#http/presenters/catalog-admin.presenter.ts';
import { catalogAdminRoutes } from '#http/routes/catalog-admin.routes.ts';
import { getAdminRatePlan } from '#use-cases/catalog/rate-plan-admin.use-cases.ts';

export const handler = apiHandler(catalogAdminRoutes.adminGetRatePlan, async ({ params }) => {
  const { ratePlan } = await getAdminRatePlan(catalogAdminDeps(), params);
  return { ...ok(presentAdminRatePlan(ratePlan)), headers: etagOf(ratePlan) };
});
