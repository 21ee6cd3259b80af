import { container } from '#composition/container.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentPmsConfig } from '#http/presenters/pms-admin.presenter.ts';
import { pmsRoutes } from '#http/routes/pms.routes.ts';
import { listPmsConfigs } from '#use-cases/pms/configs/list-pms-configs.use-case.ts';

export const handler = apiHandler(pmsRoutes.adminListPmsConfigs, async () => {
  const c = container();
  const summaries = await listPmsConfigs({ pmsConfigs: c.pmsConfigs, catalog: c.catalog });
  return ok(summaries.map((s) => presentPmsConfig(s.config, s.hotelName)));
});
