import { cursorCodec } from '#composition/cursors.ts';
import { findingsDeps } from '#composition/inventory-admin.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { inventoryAdminRoutes } from '#http/routes/inventory-admin.routes.ts';

export const handler = apiHandler(inventoryAdminRoutes.adminListFindings, async ({ query: { cursor, limit, ...filters } }) => {
  const scope = { list: 'reconciliation-findings', filters };
  const after = cursor === undefined ? undefined : (await cursorCodec()).open(scope, cursor);
  const page = await findingsDeps().findings.list({ ...filters, limit, ...(after ? { after } : {}) });
  const nextCursor = page.next && (await cursorCodec()).seal(scope, page.next);
  return ok(page.items, nextCursor ? { nextCursor } : {});
});
