import { findingsDeps } from '#composition/inventory-admin.deps.ts';
import { NotFoundError } from '#domain/errors.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { inventoryAdminRoutes } from '#http/routes/inventory-admin.routes.ts';

export const handler = apiHandler(inventoryAdminRoutes.adminResolveFinding, async ({ params, body, principal }) => {
  const { findings, clock } = findingsDeps();
  const resolved = await findings.resolve(params.findingId, `${body.note} (by ${principal?.subject ?? 'admin'})`, clock());
  if (!resolved) throw new NotFoundError('Open finding', params.findingId);
  return ok(resolved);
});
