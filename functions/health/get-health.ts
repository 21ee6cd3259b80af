import { apiHandler, ok } from '#http/api-handler.ts';
import { systemRoutes } from '#http/routes/system.routes.ts';

/** Liveness only: it touches no dependency, so a DynamoDB outage does not take the probe with it. */
export const handler = apiHandler(systemRoutes.health, async () => ok({ status: 'ok' }));
