import { auditDeps } from '#composition/catalog-admin.deps.ts';
import { cursorCodec } from '#composition/cursors.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentAuditEntry } from '#http/presenters/catalog-admin.presenter.ts';
import { catalogAdminRoutes } from '#http/routes/catalog-admin.routes.ts';
import { listAudit } from '#use-cases/catalog/audit.use-case.ts';

export const handler = apiHandler(catalogAdminRoutes.adminListAudit, async ({ query: { cursor, limit, entity } }) => {
  const scope = { list: 'catalog-audit', filters: { entity } };
  const after = cursor === undefined ? undefined : (await cursorCodec()).open(scope, cursor);
  const page = await listAudit(auditDeps(), { entity, limit, ...(after ? { after } : {}) });
  const nextCursor = page.next && (await cursorCodec()).seal(scope, page.next);
  return ok(page.items.map(presentAuditEntry), nextCursor ? { nextCursor } : {});
});
