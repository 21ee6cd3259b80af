import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { decodeJwt } from 'jose';
import * as z from 'zod';
import type { LocalRoute } from '../api-gateway/local-api.ts';
import { sendJson } from '../http/json-response.ts';
import { readJson } from '../http/request-body.ts';
import { issueToken } from './local-issuer.ts';

/**
 * `POST /_local/token {role: "admin"}` or `{role: "hotel_manager", hotelIds: [...], subject?}`:
 * the console's local login, the browser's `npm run token`. It exists only in the local stack
 * (registered by `local/console-service.ts`; the route table, and so AWS, has no such path),
 * where the local issuer stands in for Cognito's managed login.
 */
const Id = z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'may contain only letters, digits and _ . : -');
const TokenBody = z.discriminatedUnion('role', [
  z.strictObject({ role: z.literal('admin') }),
  z.strictObject({ role: z.literal('hotel_manager'), hotelIds: z.array(Id).min(1).max(100), subject: Id.optional() }),
]);

function refuse(res: ServerResponse, status: number, code: string, message: string, details?: unknown): void {
  sendJson(res, status, { success: false, error: { code, message, ...(details ? { details } : {}) }, requestId: randomUUID() });
}

export function tokenRoute(): LocalRoute {
  return {
    method: 'POST',
    path: '/_local/token',
    async handle(req, res) {
      let body: unknown;
      try {
        body = await readJson(req);
      } catch {
        return refuse(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON.');
      }
      const parsed = TokenBody.safeParse(body ?? {});
      if (!parsed.success) {
        const details = parsed.error.issues.map((i) => ({ field: ['body', ...i.path.map(String)].join('.'), message: i.message }));
        return refuse(res, 422, 'VALIDATION_ERROR', `The token request is not valid (${details.map((d) => `${d.field}: ${d.message}`).join('; ')}).`, details);
      }
      const input = parsed.data;
      const token = await issueToken(input.role === 'admin' ? { role: 'admin' } : { role: 'hotel_manager', hotelIds: input.hotelIds, ...(input.subject ? { subject: input.subject } : {}) });
      const claims = decodeJwt(token);
      sendJson(
        res,
        201,
        { success: true, data: { token, role: input.role, subject: claims.sub, expiresAt: new Date(claims.exp! * 1000).toISOString() } },
        { 'cache-control': 'no-store' },
      );
    },
  };
}
