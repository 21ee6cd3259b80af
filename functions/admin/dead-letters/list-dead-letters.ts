import { cursorCodec } from '#composition/cursors.ts';
import { listDeadLettersDeps } from '#composition/dead-letters.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentDeadLetter } from '#http/presenters/dead-letter.presenter.ts';
import { deadLetterRoutes } from '#http/routes/dead-letters.routes.ts';
import { listDeadLetters } from '#use-cases/dead-letters/list-dead-letters.use-case.ts';

/** `GET /api/admin/dead-letters?status=open|resolved`: recorded saga dead letters, newest first. */
export const handler = apiHandler(deadLetterRoutes.adminListDeadLetters, async ({ query: { cursor, limit, status } }) => {
  const scope = { list: 'dead-letters', filters: { status } };
  const after = cursor === undefined ? undefined : (await cursorCodec()).open(scope, cursor);
  const page = await listDeadLetters(listDeadLettersDeps(), { status, limit, ...(after ? { after } : {}) });
  const nextCursor = page.next && (await cursorCodec()).seal(scope, page.next);
  return ok(page.items.map(presentDeadLetter), nextCursor ? { nextCursor } : {});
});
