import { inventoryReadDeps } from '#composition/catalog.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentNight } from '#http/presenters/inventory.presenter.ts';
import { catalogRoutes } from '#http/routes/catalog.routes.ts';
import { getInventory } from '#use-cases/get-inventory.use-case.ts';

export const handler = apiHandler(catalogRoutes.getInventory, async ({ params, query }) => {
  const nights = await getInventory(inventoryReadDeps(), { ...params, ...query });
  return ok(nights.map(presentNight));
});
