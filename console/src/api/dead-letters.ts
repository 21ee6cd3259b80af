import { segment, type ApiClient, type DataEnvelope } from './client.ts';
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

    /**
     * Closes one letter on its own with a note (a letter whose booking cannot be closed through the
     * attention routes). Idempotent: `ALREADY_RESOLVED` returns the resolution that stands.
     */
    async resolve(letter: Pick<DeadLetter, 'bookingId' | 'letterId'>, note: string): Promise<{ outcome: 'RESOLVED' | 'ALREADY_RESOLVED'; letter: DeadLetter }> {
      const path = `/admin/dead-letters/${segment(letter.bookingId)}/${segment(letter.letterId)}/resolve`;
      return (await client.request<DataEnvelope<{ outcome: 'RESOLVED' | 'ALREADY_RESOLVED'; letter: DeadLetter }>>(path, { method: 'POST', body: { note } })).data;
    },
  };
}

export type DeadLettersApi = ReturnType<typeof deadLettersApi>;
