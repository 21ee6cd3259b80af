import { catalogReadDeps } from '#composition/catalog.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { publicCacheHeaders } from '#http/cache-control.ts';
import { presentRoomType } from '#http/presenters/catalog.presenter.ts';
import { catalogRoutes } from '#http/routes/catalog.routes.ts';
import { listRoomTypes } from '#use-cases/catalog.use-cases.ts';

export const handler = apiHandler(catalogRoutes.listRoomTypes, async ({ params }) => ({
  ...ok((await listRoomTypes(catalogReadDeps().catalog, params.hotelId)).map(presentRoomType)),
  headers: publicCacheHeaders('catalog'),
}));
