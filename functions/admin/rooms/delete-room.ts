import { roomsAdminDeps } from '#composition/rooms.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { roomRoutes } from '#http/routes/rooms.routes.ts';
import { deleteRoom } from '#use-cases/rooms/rooms-admin.use-cases.ts';

export const handler = apiHandler(roomRoutes.adminDeleteRoom, async ({ params, access }) => {
  await deleteRoom(roomsAdminDeps(), access!, params.hotelId, params.roomId);
  return ok({ roomId: params.roomId, deleted: true });
});
