import { editNightDeps } from '#composition/inventory-admin.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentNight } from '#http/presenters/inventory.presenter.ts';
import { inventoryAdminRoutes } from '#http/routes/inventory-admin.routes.ts';
import { editNight } from '#use-cases/inventory/edit-night.use-case.ts';

/** `PATCH /api/admin/inventory/{hotelId}/{roomTypeId}/{date}`: 200 with the night as it is now. */
export const handler = apiHandler(inventoryAdminRoutes.adminEditNight, async ({ params, body, principal }) => {
  const night = await editNight(editNightDeps(), { ...params, ...body, actor: principal?.subject ?? 'admin' });
  return ok(presentNight(night));
});
