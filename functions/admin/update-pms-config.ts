import { updatePmsConfigDeps } from '#composition/pms-admin.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentPmsConfig } from '#http/presenters/pms-admin.presenter.ts';
import { pmsRoutes } from '#http/routes/pms.routes.ts';
import { updatePmsConfig } from '#use-cases/pms/configs/update-pms-config.use-case.ts';

export const handler = apiHandler(pmsRoutes.adminUpdatePmsConfig, async ({ params, body }) => {
  const { config, hotelName } = await updatePmsConfig(updatePmsConfigDeps(), params.id, body);
  return ok(presentPmsConfig(config, hotelName));
});
