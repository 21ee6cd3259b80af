import { roomTypeDeleteDeps } from '#composition/catalog-admin.deps.ts';
import { actorOf } from '#http/actor.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentAdminRoomType } from '#http/presenters/catalog-admin.presenter.ts';
import { catalogAdminRoutes } from '#http/routes/catalog-admin.routes.ts';
import { deleteRoomType } from '#use-cases/catalog/room-type-admin.use-cases.ts';

export const handler = apiHandler(catalogAdminRoutes.adminDeleteRoomType, async ({ params, query, headers, principal }) => {
  const { roomType } = await deleteRoomType(
    roomTypeDeleteDeps(),
    { ...params, hard: query.hard, ...(headers['if-match'] ? { expected: headers['if-match'] } : {}) },
    actorOf(principal),
  );
  return ok(presentAdminRoomType(roomType, []));
});
