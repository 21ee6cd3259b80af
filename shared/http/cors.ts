/**
 * The browser rules of the API, one definition for the CDK HTTP API's CORS preflight
 * (`infra/constructs/http-api.ts`) and the local server (`local/http-server.ts`). Allowed origins are
 * a deployment setting (`allowedOrigins`); locally any origin is allowed.
 */
export const API_CORS_RULES = {
  allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
  allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
  exposeHeaders: ['x-request-id'],
  maxAgeSeconds: 600,
} as const;
