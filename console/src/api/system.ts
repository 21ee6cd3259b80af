import type { ApiClient, DataEnvelope } from './client.ts';

/** `GET /api/health` (`shared/http/routes/system.routes.ts`). */
export function systemApi(client: ApiClient) {
  return {
    async health(signal?: AbortSignal): Promise<{ status: string }> {
      return (await client.get<DataEnvelope<{ status: string }>>('/health', undefined, signal)).data;
    },
  };
}
