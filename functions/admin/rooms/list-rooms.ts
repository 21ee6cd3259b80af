import { roomsAdminDeps } from '#composition/rooms.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { roomRoutes } from '#http/routes/rooms.routes.ts';
import { listRooms } from '#use-cases/rooms/rooms-admin.use-cases.ts';

export const handler = apiHandler(roomRoutes.adminListRooms, async ({ params, query, access }) =>
  ok(await listRooms(roomsAdminDeps(), access!, params.hotelId, query)),
);
