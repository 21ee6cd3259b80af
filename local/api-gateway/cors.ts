import { API_CORS_RULES } from '../../shared/http/cors.ts';

/**
 * The HTTP API's CORS configuration. API Gateway answers preflights itself and puts these headers
 * on every response to a request with an `Origin`, ignoring any the integration returned.
 */
export interface CorsConfig {
  allowOrigins: string[];
  allowHeaders: string[];
  allowMethods: string[];
  exposeHeaders: string[];
  maxAgeSeconds: number;
}

/** The API's rules (`shared/http/cors.ts`, which CDK uses too); locally any origin. */
export const API_CORS: CorsConfig = {
  allowOrigins: ['*'],
  allowHeaders: [...API_CORS_RULES.allowHeaders],
  allowMethods: [...API_CORS_RULES.allowMethods],
  exposeHeaders: [...API_CORS_RULES.exposeHeaders],
  maxAgeSeconds: API_CORS_RULES.maxAgeSeconds,
};

/** The headers added to an answer for a request from `origin` (none without an allowed origin). */
export function corsHeaders(cors: CorsConfig, origin: string | undefined): Record<string, string> {
  if (!origin) return {};
  const allowed = cors.allowOrigins.includes('*') ? '*' : cors.allowOrigins.includes(origin) ? origin : undefined;
  if (!allowed) return {};
  return {
    'access-control-allow-origin': allowed,
    ...(cors.exposeHeaders.length > 0 ? { 'access-control-expose-headers': cors.exposeHeaders.join(',') } : {}),
  };
}

/** The extra headers of API Gateway's own answer to a preflight (`OPTIONS` with `Access-Control-Request-Method`). */
export function preflightHeaders(cors: CorsConfig): Record<string, string> {
  return {
    'access-control-allow-methods': cors.allowMethods.join(','),
    'access-control-allow-headers': cors.allowHeaders.join(','),
    'access-control-max-age': String(cors.maxAgeSeconds),
  };
}
