import { healthDeps } from '#composition/system.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { systemRoutes } from '#http/routes/system.routes.ts';
import { checkHealth } from '#use-cases/system/check-health.use-case.ts';

/**
 * Health with its dependencies: DynamoDB is read (never written) within two seconds. All answering:
 * 200 with each one's latency; any not answering: 503 STORAGE_UNAVAILABLE naming it.
 */
export const handler = apiHandler(systemRoutes.health, async () => ok(await checkHealth(healthDeps())));
