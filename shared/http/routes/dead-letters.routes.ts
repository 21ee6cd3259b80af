import { defineRoute, type RouteDefinition } from '../route.ts';
import { DeadLetterParams, DeadLettersQuery, DeadLettersResponse, ResolveDeadLetterBody, ResolveDeadLetterResponse } from '../schemas/dead-letters.schema.ts';

/**
 * The saga dead letters (issue 10, "Needs attention"), as recorded in the table when each was sent.
 * The API never receives from the SQS queue: that would hide its messages from the alarm's operator.
 * Admin only, like the attention routes it leads to: settling a letter means the payment gateway
 * and the PMS, which the platform's operators own; a hotel manager gets 403.
 */
export const deadLetterRoutes = {
  adminListDeadLetters: defineRoute({
    method: 'GET',
    path: '/api/admin/dead-letters',
    handler: 'admin/dead-letters/list-dead-letters',
    auth: 'admin',
    summary:
      "The saga dead-letter queue's letters as recorded when sent: the booking, its hotel, the steps that failed and why, open (booking not resolved) or resolved; newest first, cursor-paginated",
    tags: ['admin', 'attention'],
    permissions: ['table:read', 'cursor:secret'],
    query: DeadLettersQuery,
    responses: { 200: { description: 'One page; nextCursor continues it and is absent on the last page.', body: DeadLettersResponse } },
    errors: ['BAD_CURSOR'],
  }),
  adminResolveDeadLetter: defineRoute({
    method: 'POST',
    path: '/api/admin/dead-letters/{bookingId}/{letterId}/resolve',
    handler: 'admin/dead-letters/resolve-dead-letter',
    auth: 'admin',
    summary:
      "Close one dead letter on its own, with a required note, after settling by hand what it reports; for letters whose booking cannot be closed through the attention routes (a change saga's on a checked-in, checked-out or refunded booking). Nothing is undone. Idempotent: the first resolution stands",
    tags: ['admin', 'attention'],
    permissions: ['table:read', 'table:write'],
    params: DeadLetterParams,
    body: ResolveDeadLetterBody,
    responses: { 200: { description: 'RESOLVED, or ALREADY_RESOLVED with the resolution that stands.', body: ResolveDeadLetterResponse } },
    errors: ['NOT_FOUND', 'LETTER_CLOSES_WITH_BOOKING'],
  }),
} satisfies Record<string, RouteDefinition>;
