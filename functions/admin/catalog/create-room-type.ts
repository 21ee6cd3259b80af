import { catalogAdminDeps } from '#composition/catalog-admin.deps.ts';
import { actorOf } from '#http/actor.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { etagOf, presentAdminRoomType } from '#http/presenters/catalog-admin.presenter.ts';
import { catalogAdminRoutes } from '#http/routes/catalog-admin.routes.ts';
import { createRoomType } from '#use-cases/catalog/room-type-admin.use-cases.ts';

export const handler = apiHandler(catalogAdminRoutes.adminCreateRoomType, async ({ params, body: { roomTypeId, ...fields }, principal }) => {
  const roomType = await createRoomType(catalogAdminDeps(), { hotelId: params.hotelId, ...(roomTypeId ? { roomTypeId } : {}), fields }, actorOf(principal));
  return { ...ok(presentAdminRoomType(roomType, []), {}, 201), headers: etagOf(roomType) };
});
