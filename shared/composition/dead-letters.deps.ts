import type { ListDeadLettersDeps } from '#use-cases/dead-letters/list-dead-letters.use-case.ts';
import type { ResolveDeadLetterDeps } from '#use-cases/dead-letters/resolve-dead-letter.use-case.ts';
import { provider } from './provider.ts';
import { clock } from './runtime.ts';
import { bookingRepository, deadLetterStore } from './storage.ts';

/** The dead-letter list reads the table alone (never the SQS queue). */
export const listDeadLettersDeps = /* @__PURE__ */ provider<ListDeadLettersDeps>(() => ({ deadLetters: deadLetterStore() }));

/** Closing one letter reads its booking (a NEEDS_ATTENTION booking closes its letters itself). */
export const resolveDeadLetterDeps = /* @__PURE__ */ provider<ResolveDeadLetterDeps>(() => ({ deadLetters: deadLetterStore(), bookings: bookingRepository(), clock: clock() }));
