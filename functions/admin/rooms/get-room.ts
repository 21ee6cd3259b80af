import { roomsAdminDeps } from '#composition/rooms.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { roomRoutes } from '#http/routes/rooms.routes.ts';
import { getRoom } from '#use-cases/rooms/rooms-admin.use-cases.ts';

export const handler = apiHandler(roomRoutes.adminGetRoom, async ({ params, access }) =>
  ok(await getRoom(roomsAdminDeps(), access!, params.hotelId, params.roomId)),
);
