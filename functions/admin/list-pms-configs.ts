import { listPmsConfigsDeps } from '#composition/pms-admin.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentPmsConfig } from '#http/presenters/pms-admin.presenter.ts';
import { pmsRoutes } from '#http/routes/pms.routes.ts';
import { listPmsConfigs } from '#use-cases/pms/configs/list-pms-configs.use-case.ts';

export const handler = apiHandler(pmsRoutes.adminListPmsConfigs, async () => {
  const summaries = await listPmsConfigs(listPmsConfigsDeps());
  return ok(summaries.map((s) => presentPmsConfig(s.config, s.hotelName)));
});
