import { catalogAdminDeps } from '#composition/catalog-admin.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { etagOf, presentAdminHotel } from '#http/presenters/catalog-admin.presenter.ts';
import { catalogAdminRoutes } from '#http/routes/catalog-admin.routes.ts';
import { getAdminHotel } from '#use-cases/catalog/hotel-admin.use-cases.ts';

export const handler = apiHandler(catalogAdminRoutes.adminGetHotel, async ({ params }) => {
  const view = await getAdminHotel(catalogAdminDeps(), params.hotelId);
  return { ...ok(presentAdminHotel(view)), headers: etagOf(view.hotel) };
});
