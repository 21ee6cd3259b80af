import { errorFromBody } from '../api/client.ts';

/**
 * The local stack's stand-in for Cognito's login: `POST /_local/token` (registered only by
 * `npm start`, never on AWS) mints a token from the local issuer for the role picked on the login
 * page. A hotel manager's token names the hotels picked.
 */
export type LocalLoginRole = 'admin' | 'hotel_manager';

export async function localLogin(role: LocalLoginRole, hotelIds: string[] = [], doFetch: typeof fetch = fetch): Promise<string> {
  const response = await doFetch('/_local/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(role === 'hotel_manager' ? { role, hotelIds } : { role }),
  });
  const body = (await response.json().catch(() => undefined)) as { data?: { token?: unknown } } | undefined;
  if (!response.ok) throw errorFromBody(response.status, body);
  if (typeof body?.data?.token !== 'string') throw errorFromBody(500, { message: 'The local issuer answered without a token.' });
  return body.data.token;
}
