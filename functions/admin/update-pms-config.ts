import { updatePmsConfigDeps } from '#composition/pms-admin.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentPmsConfig } from '#http/presenters/pms-admin.presenter.ts';
import { pmsRoutes } from '#http/routes/pms.routes.ts';
import { updatePmsConfig } from '#use-cases/pms/configs/update-pms-config.use-case.ts';

export const handler = apiHandler(pmsRoutes.adminUpdatePmsConfig, async ({ params, body, principal }) => {
  const { config, hotelName, nightsChanged } = await updatePmsConfig(updatePmsConfigDeps(), params.id, body, principal?.subject ?? 'admin');
  return ok({ ...presentPmsConfig(config, hotelName), ...(nightsChanged !== undefined ? { nightsChanged } : {}) });
});
