import { apiHandler, ok } from '#http/api-handler.ts';
import { routes } from '#http/route-table.ts';

/** Liveness only: it touches no dependency, so a DynamoDB outage does not take the probe with it. */
export const handler = apiHandler(routes.health, async () => ok({ status: 'ok' }));
