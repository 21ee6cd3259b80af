import { reconciliationDeps } from '#composition/pms-operations.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { pmsOperationsRoutes } from '#http/routes/pms-operations.routes.ts';
import { reconcilePmsConfigNow } from '#use-cases/pms/reconciliation/reconcile-pms-config.use-case.ts';

/**
 * `POST /api/admin/pms/configs/{id}/reconcile`: one reconciliation run now. 200 with its summary
 * whether the PMS answered or not (`status: 'failed'` and `error` say why); 404 for an unknown id.
 */
export const handler = apiHandler(pmsOperationsRoutes.adminReconcilePmsConfig, async ({ params }) => {
  const summary = await reconcilePmsConfigNow(reconciliationDeps(), params.id);
  return ok(summary);
});
