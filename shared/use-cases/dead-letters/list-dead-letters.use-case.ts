import type { DeadLetterStatus, RecordedDeadLetter } from '#domain/dead-letter.ts';
import type { DeadLetterStore } from '#ports/dead-letter.port.ts';
import type { KeysetPage, PagePosition } from '#ports/pagination.ts';

export interface ListDeadLettersDeps {
  deadLetters: Pick<DeadLetterStore, 'list'>;
}

/** One page of the recorded dead letters of one status, newest first (admins only: the route says so). */
export async function listDeadLetters(deps: ListDeadLettersDeps, query: { status: DeadLetterStatus; limit: number; after?: PagePosition }): Promise<KeysetPage<RecordedDeadLetter>> {
  return deps.deadLetters.list(query);
}
