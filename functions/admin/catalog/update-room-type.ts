import { catalogAdminDeps } from '#composition/catalog-admin.deps.ts';
import { actorOf } from '#http/actor.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { etagOf, presentAdminRoomType } from '#http/presenters/catalog-admin.presenter.ts';
import { catalogAdminRoutes } from '#http/routes/catalog-admin.routes.ts';
import { getAdminHotel } from '#use-cases/catalog/hotel-admin.use-cases.ts';
import { updateRoomType } from '#use-cases/catalog/room-type-admin.use-cases.ts';

export const handler = apiHandler(catalogAdminRoutes.adminUpdateRoomType, async ({ params, body, headers, principal }) => {
  const deps = catalogAdminDeps();
  const roomType = await updateRoomType(
    deps,
    { ...params, patch: body, ...(headers['if-match'] ? { expected: headers['if-match'] } : {}) },
    actorOf(principal),
  );
  const { ratePlans } = await getAdminHotel(deps, params.hotelId);
  return { ...ok(presentAdminRoomType(roomType, ratePlans)), headers: etagOf(roomType) };
});
