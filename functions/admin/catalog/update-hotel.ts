import { catalogAdminDeps } from '#composition/catalog-admin.deps.ts';
import { actorOf } from '#http/actor.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { etagOf, presentAdminHotel } from '#http/presenters/catalog-admin.presenter.ts';
import { catalogAdminRoutes } from '#http/routes/catalog-admin.routes.ts';
import { getAdminHotel, updateHotel } from '#use-cases/catalog/hotel-admin.use-cases.ts';

export const handler = apiHandler(catalogAdminRoutes.adminUpdateHotel, async ({ params, body, headers, principal, access }) => {
  const deps = catalogAdminDeps();
  const hotel = await updateHotel(deps, { hotelId: params.hotelId, patch: body, ...(headers['if-match'] ? { expected: headers['if-match'] } : {}), ...(access ? { access } : {}) }, actorOf(principal));
  const view = await getAdminHotel(deps, hotel.hotelId);
  return { ...ok(presentAdminHotel({ ...view, hotel })), headers: etagOf(hotel) };
});
