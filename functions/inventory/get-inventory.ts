import { container, pmsSyncDeps } from '#composition/container.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentNight } from '#http/presenters/inventory.presenter.ts';
import { catalogRoutes } from '#http/routes/catalog.routes.ts';
import { getInventory } from '#use-cases/get-inventory.use-case.ts';

export const handler = apiHandler(catalogRoutes.getInventory, async ({ params, query }) => {
  const c = container();
  const nights = await getInventory({ catalog: c.catalog, inventory: c.inventory, live: pmsSyncDeps(c) }, { ...params, ...query });
  return ok(nights.map(presentNight));
});
