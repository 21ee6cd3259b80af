import { catalogAdminDeps } from '#composition/catalog-admin.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { etagOf, presentAdminRoomType } from '#http/presenters/catalog-admin.presenter.ts';
import { catalogAdminRoutes } from '#http/routes/catalog-admin.routes.ts';
import { getAdminHotel } from '#use-cases/catalog/hotel-admin.use-cases.ts';
import { getAdminRoomType } from '#use-cases/catalog/room-type-admin.use-cases.ts';

export const handler = apiHandler(catalogAdminRoutes.adminGetRoomType, async ({ params }) => {
  const deps = catalogAdminDeps();
  const { roomType } = await getAdminRoomType(deps, params.hotelId, params.roomTypeId);
  const { ratePlans } = await getAdminHotel(deps, params.hotelId);
  return { ...ok(presentAdminRoomType(roomType, ratePlans)), headers: etagOf(roomType) };
});
