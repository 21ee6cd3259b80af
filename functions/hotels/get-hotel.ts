import { catalogReadDeps } from '#composition/catalog.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { publicCacheHeaders } from '#http/cache-control.ts';
import { presentHotel } from '#http/presenters/catalog.presenter.ts';
import { catalogRoutes } from '#http/routes/catalog.routes.ts';
import { getHotel } from '#use-cases/catalog.use-cases.ts';

export const handler = apiHandler(catalogRoutes.getHotel, async ({ params }) => ({
  ...ok(presentHotel(await getHotel(catalogReadDeps().catalog, params.hotelId))),
  headers: publicCacheHeaders('catalog'),
}));
