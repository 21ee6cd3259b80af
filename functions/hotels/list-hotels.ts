import { catalogReadDeps } from '#composition/catalog.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { publicCacheHeaders } from '#http/cache-control.ts';
import { presentHotel } from '#http/presenters/catalog.presenter.ts';
import { catalogRoutes } from '#http/routes/catalog.routes.ts';
import { listHotels } from '#use-cases/catalog.use-cases.ts';

export const handler = apiHandler(catalogRoutes.listHotels, async ({ query }) => {
  const page = await listHotels(catalogReadDeps().catalog, query);
  const { items, ...pagination } = page;
  return { ...ok(items.map(presentHotel), { pagination }), headers: publicCacheHeaders('catalog') };
});
