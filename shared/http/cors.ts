/**
 * The browser rules of the API, one definition for the CDK HTTP API's CORS preflight
 * (`infra/constructs/http-api.ts`) and the local API Gateway emulator (`local/api-gateway/cors.ts`). Allowed origins are
 * a deployment setting (`allowedOrigins`); locally any origin is allowed.
 */
export const API_CORS_RULES = {
  allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
  allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
  // Retry-After: a browser must be able to read when to try again after a 429.
  exposeHeaders: ['x-request-id', 'retry-after'],
  maxAgeSeconds: 600,
} as const;
