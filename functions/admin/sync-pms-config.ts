import { pmsPollDeps } from '#composition/pms-sync.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { pmsRoutes } from '#http/routes/pms.routes.ts';
import { syncPmsConfigNow } from '#use-cases/pms/polling/sync-pms-config-now.use-case.ts';

/**
 * `POST /api/admin/pms/configs/{id}/sync`: polls the config now. 200 with the poll's summary
 * whether the PMS answered or not (`status: 'failed'` and `error` say why); 404 for an unknown id.
 */
export const handler = apiHandler(pmsRoutes.adminSyncPmsConfig, async ({ params }) => {
  const outcome = await syncPmsConfigNow(pmsPollDeps(), params.id);
  return ok({
    configId: outcome.configId,
    status: outcome.status,
    nights: { applied: outcome.nights.applied, created: outcome.nights.created, stale: outcome.nights.stale },
    overbooked: outcome.overbooked,
    hotelCancelled: outcome.hotelCancelled,
    durationMs: outcome.durationMs,
    ...(outcome.error ? { error: outcome.error } : {}),
    consecutiveFailures: outcome.consecutiveFailures,
    paused: outcome.paused,
    circuit: outcome.circuit,
    ...(outcome.range ? { range: outcome.range } : {}),
  });
});
