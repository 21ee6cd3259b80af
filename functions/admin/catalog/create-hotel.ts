import { catalogAdminDeps } from '#composition/catalog-admin.deps.ts';
import { actorOf } from '#http/actor.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { etagOf, presentAdminHotel } from '#http/presenters/catalog-admin.presenter.ts';
import { catalogAdminRoutes } from '#http/routes/catalog-admin.routes.ts';
import { createHotel } from '#use-cases/catalog/hotel-admin.use-cases.ts';

export const handler = apiHandler(catalogAdminRoutes.adminCreateHotel, async ({ body: { hotelId, ...fields }, principal }) => {
  const hotel = await createHotel(catalogAdminDeps(), { ...(hotelId ? { hotelId } : {}), fields }, actorOf(principal));
  return { ...ok(presentAdminHotel({ hotel, roomTypes: [], ratePlans: [] }), {}, 201), headers: etagOf(hotel) };
});
