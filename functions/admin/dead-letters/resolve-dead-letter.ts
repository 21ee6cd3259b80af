import { resolveDeadLetterDeps } from '#composition/dead-letters.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentDeadLetter } from '#http/presenters/dead-letter.presenter.ts';
import { deadLetterRoutes } from '#http/routes/dead-letters.routes.ts';
import { resolveDeadLetter } from '#use-cases/dead-letters/resolve-dead-letter.use-case.ts';

/** `POST /api/admin/dead-letters/{bookingId}/{letterId}/resolve`: close one letter on its own, with a note. */
export const handler = apiHandler(deadLetterRoutes.adminResolveDeadLetter, async ({ params, body, principal }) => {
  const { outcome, letter } = await resolveDeadLetter(resolveDeadLetterDeps(), { ...params, by: principal?.subject ?? 'admin', note: body.note });
  return ok({ outcome, letter: presentDeadLetter(letter) });
});
