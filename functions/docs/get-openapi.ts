import { apiHandler } from '#http/api-handler.ts';
import { buildOpenApiDocument } from '#http/openapi.ts';
import { systemRoutes } from '#http/routes/system.routes.ts';
import { getConfig } from '#config/config.ts';

let document: unknown;

export const handler = apiHandler(systemRoutes.openApi, async () => {
  document ??= buildOpenApiDocument({ serverUrl: getConfig().apiBaseUrl });
  return { statusCode: 200, body: document };
});
