import { fetchHotelDataDeps } from '#composition/pms-admin.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentImportForm } from '#http/presenters/pms-admin.presenter.ts';
import { pmsRoutes } from '#http/routes/pms.routes.ts';
import { fetchHotelData } from '#use-cases/pms/import/fetch-hotel-data.use-case.ts';

export const handler = apiHandler(pmsRoutes.adminPmsFetchHotelData, async ({ body }) => {
  return ok(presentImportForm(await fetchHotelData(fetchHotelDataDeps(), body)));
});
