import type { RouteDefinition } from './route.ts';
import { bookingLifecycleRoutes } from './routes/booking-lifecycle.routes.ts';
import { attentionRoutes } from './routes/attention.routes.ts';
import { bookingRoutes } from './routes/booking.routes.ts';
import { catalogAdminRoutes } from './routes/catalog-admin.routes.ts';
import { catalogRoutes } from './routes/catalog.routes.ts';
import { deadLetterRoutes } from './routes/dead-letters.routes.ts';
import { guestRoutes } from './routes/guest.routes.ts';
import { metricsRoutes } from './routes/metrics.routes.ts';
import { inventoryAdminRoutes } from './routes/inventory-admin.routes.ts';
import { pmsHostsRoutes } from './routes/pms-hosts.routes.ts';
import { pmsOperationsRoutes } from './routes/pms-operations.routes.ts';
import { pmsRoutes } from './routes/pms.routes.ts';
import { searchRoutes } from './routes/search.routes.ts';
import { roomRoutes } from './routes/rooms.routes.ts';
import { systemRoutes } from './routes/system.routes.ts';

/**
 * Every route of the HTTP API. CDK builds the API Gateway routes and one Lambda per entry from this
 * table (`infra/stacks/api-stack.ts`); the local server mounts the same entries
 * (`local/api-gateway/local-api.ts`); handlers take their validation schemas from here; and the OpenAPI
 * document is generated from it. Adding a route here is the only way to add one.
 *
 * Each area keeps its routes in `routes/<area>.routes.ts`; this file only merges them.
 */
export const routes = {
  ...systemRoutes,
  ...searchRoutes,
  ...catalogRoutes,
  ...bookingRoutes,
  ...bookingLifecycleRoutes,
  ...guestRoutes,
  ...pmsRoutes,
  ...inventoryAdminRoutes,
  ...pmsHostsRoutes,
  ...catalogAdminRoutes,
  ...roomRoutes,
  ...pmsOperationsRoutes,
  ...attentionRoutes,
  ...deadLetterRoutes,
  ...metricsRoutes,
} satisfies Record<string, RouteDefinition>;

export type RouteId = keyof typeof routes;

export const routeList: RouteDefinition[] = Object.values(routes);
