import { container } from '#composition/container.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentNight } from '#http/presenters/inventory.presenter.ts';
import { routes } from '#http/route-table.ts';
import { getInventory } from '#use-cases/get-inventory.use-case.ts';

export const handler = apiHandler(routes.getInventory, async ({ params, query }) =>
  ok((await getInventory(container(), { ...params, ...query })).map(presentNight)),
);
