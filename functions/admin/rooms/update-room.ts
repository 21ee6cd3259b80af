import { roomsAdminDeps } from '#composition/rooms.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { roomRoutes } from '#http/routes/rooms.routes.ts';
import { updateRoom } from '#use-cases/rooms/rooms-admin.use-cases.ts';

export const handler = apiHandler(roomRoutes.adminUpdateRoom, async ({ params, body, access }) =>
  ok(await updateRoom(roomsAdminDeps(), access!, params.hotelId, params.roomId, body)),
);
