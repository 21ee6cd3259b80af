import { roomsAdminDeps } from '#composition/rooms.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { roomRoutes } from '#http/routes/rooms.routes.ts';
import { createRoom } from '#use-cases/rooms/rooms-admin.use-cases.ts';

export const handler = apiHandler(roomRoutes.adminCreateRoom, async ({ params, body, access }) =>
  ok(await createRoom(roomsAdminDeps(), access!, params.hotelId, body), {}, 201),
);
