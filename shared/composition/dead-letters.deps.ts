import type { ListDeadLettersDeps } from '#use-cases/dead-letters/list-dead-letters.use-case.ts';
import { provider } from './provider.ts';
import { deadLetterStore } from './storage.ts';

/** The dead-letter list reads the table alone (never the SQS queue). */
export const listDeadLettersDeps = /* @__PURE__ */ provider<ListDeadLettersDeps>(() => ({ deadLetters: deadLetterStore() }));
