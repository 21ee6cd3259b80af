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
    summary: 'Health: the API and its dependencies (DynamoDB read within 2 s, no write)',
    tags: ['system'],
    permissions: ['table:read'],
    responses: { 200: { description: 'The API and every dependency answer; each with its latency.', body: HealthResponse } },
    errors: ['STORAGE_UNAVAILABLE'],
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
