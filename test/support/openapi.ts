import { buildOpenApiDocument } from '../../shared/http/openapi.ts';
import type { RouteDefinition } from '../../shared/http/route.ts';

const document = buildOpenApiDocument() as { paths: Record<string, Record<string, { responses: Record<string, any> }>> };

function codesIn(schema: any): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const own: string[] = schema.properties?.error?.properties?.code?.enum ?? [];
  return [...own, ...[...(schema.allOf ?? []), ...(schema.oneOf ?? [])].flatMap(codesIn)];
}

/**
 * Where an answer a handler gave is missing from the OpenAPI document, or undefined when it is
 * documented: its status on the route's operation and, for an error, its code under that status.
 */
export function undocumentedAnswer(route: RouteDefinition, statusCode: number, body: any): string | undefined {
  const responses = document.paths[route.path]?.[route.method.toLowerCase()]?.responses ?? {};
  const response = responses[String(statusCode)];
  if (!response) return `${route.method} ${route.path} does not document status ${statusCode}`;
  const code = body?.error?.code;
  if (code === undefined) return undefined;
  const codes = codesIn(response.content?.['application/json']?.schema);
  return codes.includes(code) ? undefined : `${route.method} ${route.path} ${statusCode} does not list ${code} (only ${codes.join(', ')})`;
}
