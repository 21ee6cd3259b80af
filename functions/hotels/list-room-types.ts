import { container } from '#composition/container.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentRoomType } from '#http/presenters/catalog.presenter.ts';
import { catalogRoutes } from '#http/routes/catalog.routes.ts';
import { listRoomTypes } from '#use-cases/catalog.use-cases.ts';

export const handler = apiHandler(catalogRoutes.listRoomTypes, async ({ params }) =>
  ok((await listRoomTypes(container().catalog, params.hotelId)).map(presentRoomType)),
);
