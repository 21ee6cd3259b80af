import * as z from 'zod';
import { ErrorEnvelope } from './schemas/common.schema.ts';
import { routeList } from './route-table.ts';
import type { RouteDefinition } from './route.ts';

/** Errors any route may answer, on top of the ones a route lists itself. */
const COMMON_ERRORS: Record<number, string> = { 500: 'INTERNAL_ERROR' };
const INPUT_ERRORS: Record<number, string> = { 400: 'BAD_REQUEST', 422: 'VALIDATION_ERROR' };
const AUTH_ERRORS: Record<number, string> = { 401: 'UNAUTHORIZED', 403: 'FORBIDDEN' };

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', reused: 'inline' }) as Record<string, unknown>;
  return rest;
}

function parametersOf(route: RouteDefinition): unknown[] {
  const out: unknown[] = [];
  for (const [location, schema] of [['path', route.params], ['query', route.query], ['header', route.headers]] as const) {
    if (!schema) continue;
    const js = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, propertySchema] of Object.entries(js.properties ?? {})) {
      out.push({ name, in: location, required: location === 'path' || (js.required ?? []).includes(name), schema: propertySchema });
    }
  }
  return out;
}

/**
 * The OpenAPI 3.1 document of the whole API, generated from the route table's zod schemas with
 * zod's own JSON Schema output (OpenAPI 3.1 uses JSON Schema 2020-12), so the document cannot drift
 * from what the handlers validate.
 */
export function buildOpenApiDocument(options: { serverUrl?: string } = {}): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routeList) {
    const errors = {
      ...COMMON_ERRORS,
      ...(route.params || route.query || route.body || route.headers ? INPUT_ERRORS : {}),
      ...(route.auth === 'public' ? {} : AUTH_ERRORS),
      ...route.errors,
    };
    const responses: Record<string, unknown> = {
      [String(route.successStatus ?? 200)]: {
        description: 'Success',
        content: { 'application/json': { schema: jsonSchema(route.response, 'output') } },
      },
    };
    for (const [status, code] of Object.entries(errors)) {
      responses[status] = {
        description: code,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } },
      };
    }
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = {
      operationId: route.handler.replace(/[/-](\w)/g, (_m, c: string) => c.toUpperCase()),
      summary: route.summary,
      tags: route.tags,
      ...(route.auth === 'public' ? { security: [] } : { security: [{ bearerAuth: [] }], 'x-auth-level': route.auth }),
      parameters: parametersOf(route),
      ...(route.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } } }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Hotel booking API',
      version: '0.1.0',
      description: 'Hotel inventory, checkout and PMS integration. Every response uses the `{success, data | error}` envelope.',
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { ErrorEnvelope: jsonSchema(ErrorEnvelope, 'output') },
    },
  };
}
