import type { ApiClient } from './client.ts';
import type { DeadLetter, DeadLetterStatus } from './types.ts';

/**
 * The saga dead letters (`shared/http/routes/dead-letters.routes.ts`) as recorded when sent. The
 * API reads its table, never the SQS queue (the alarm's operator keeps every message visible).
 */
export function deadLettersApi(client: ApiClient) {
  return {
    async list(query: { status: DeadLetterStatus; limit?: number; cursor?: string }, signal?: AbortSignal): Promise<{ letters: DeadLetter[]; nextCursor?: string }> {
      const body = await client.get<{ data: DeadLetter[]; nextCursor?: string }>('/admin/dead-letters', query, signal);
      return { letters: body.data, ...(body.nextCursor ? { nextCursor: body.nextCursor } : {}) };
    },
  };
}

export type DeadLettersApi = ReturnType<typeof deadLettersApi>;
