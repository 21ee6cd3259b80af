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
    responses: { 200: { description: 'The API is up.', body: HealthResponse } },
  }),
  openApi: defineRoute({
    method: 'GET',
    path: '/api/openapi.json',
    handler: 'docs/get-openapi',
    auth: 'public',
    summary: 'This API as an OpenAPI 3.1 document',
    tags: ['system'],
    permissions: [],
    // The one answer outside the envelope: the document itself, as OpenAPI tools expect it.
    responses: { 200: { description: 'The OpenAPI 3.1 document (not enveloped: tools read it as it is).', body: z.record(z.string(), z.unknown()) } },
  }),
} satisfies Record<string, RouteDefinition>;
