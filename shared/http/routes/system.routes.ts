import * as z from 'zod';
import { defineRoute, type RouteDefinition } from '../route.ts';
import { HealthResponse } from '../schemas/health.schema.ts';

/** The system routes; `route-table.ts` merges every area's table into the one route table. */
export const systemRoutes = {
  health: defineRoute({
    method: 'GET',
    path: '/api/health',
    handler: 'health/get-health',
    auth: 'public',
    summary: 'Liveness check',
    tags: ['system'],
    permissions: [],
    response: HealthResponse,
  }),
  openApi: defineRoute({
    method: 'GET',
    path: '/api/openapi.json',
    handler: 'docs/get-openapi',
    auth: 'public',
    summary: 'This API as an OpenAPI 3.1 document',
    tags: ['system'],
    permissions: [],
    response: z.record(z.string(), z.unknown()),
  }),
} satisfies Record<string, RouteDefinition>;
