import { container } from '#composition/container.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentPmsConfig } from '#http/presenters/pms-admin.presenter.ts';
import { pmsRoutes } from '#http/routes/pms.routes.ts';
import { updatePmsConfig } from '#use-cases/pms/configs/update-pms-config.use-case.ts';

export const handler = apiHandler(pmsRoutes.adminUpdatePmsConfig, async ({ params, body }) => {
  const c = container();
  const { config, hotelName } = await updatePmsConfig(
    { pmsConfigs: c.pmsConfigs, catalog: c.catalog, cipher: c.cipher(), connect: c.pmsConnect, clock: c.clock },
    params.id,
    body,
  );
  return ok(presentPmsConfig(config, hotelName));
});
