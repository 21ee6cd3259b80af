import { ledgerDeps } from '#composition/inventory-admin.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { inventoryAdminRoutes } from '#http/routes/inventory-admin.routes.ts';

export const handler = apiHandler(inventoryAdminRoutes.adminNightMovements, async ({ params, query }) =>
  ok(await ledgerDeps().ledger.listMovements(params.hotelId, params.roomTypeId, params.date, { limit: query.limit })),
);
