import { apiHandler } from '#http/api-handler.ts';
import { buildOpenApiDocument } from '#http/openapi.ts';
import { systemRoutes } from '#http/routes/system.routes.ts';
import { config } from '#composition/runtime.ts';

let document: unknown;

export const handler = apiHandler(systemRoutes.openApi, async () => {
  document ??= buildOpenApiDocument({ serverUrl: config().apiBaseUrl });
  return { statusCode: 200, body: document };
});
