import { describe, expect, it } from 'vitest';
import { authorizeUrl, beginLogin, completeLogin, LoginError, logoutUrl } from '../../../console/src/auth/cognito.ts';
import { challengeFor } from '../../../console/src/auth/pkce.ts';
import { memoryStorage } from './support.ts';

const settings = { domain: 'https://hotel.auth.ap-northeast-2.amazoncognito.com', clientId: 'abc123client' };
const redirectUri = 'https://console.example.com/console/callback';

function tokenEndpoint(answer: { status: number; body: unknown }) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetchFake = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof fetch;
  return { calls, fetch: fetchFake };
}

describe('Cognito managed login, authorization code with PKCE', () => {
  it('sends the browser to /oauth2/authorize with the S256 challenge of the stored verifier', async () => {
    const storage = memoryStorage();
    const url = new URL(await beginLogin(settings, { redirectUri, returnTo: '/bookings', storage }));
    const pending = JSON.parse(storage.getItem('console.auth.pending')!);

    expect(`${url.origin}${url.pathname}`).toBe(`${settings.domain}/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'abc123client',
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      state: pending.state,
      code_challenge: await challengeFor(pending.verifier),
      code_challenge_method: 'S256',
    });
    expect(pending.returnTo).toBe('/bookings');
  });

  it('exchanges the code with the verifier and returns the ID token, once', async () => {
    const storage = memoryStorage();
    await beginLogin(settings, { redirectUri, returnTo: '/pms', storage });
    const { state, verifier } = JSON.parse(storage.getItem('console.auth.pending')!);
    const endpoint = tokenEndpoint({ status: 200, body: { id_token: 'id.jwt', access_token: 'access.jwt', expires_in: 3600, token_type: 'Bearer' } });

    const tokens = await completeLogin(settings, `${redirectUri}?code=the-code&state=${state}`, { storage, fetch: endpoint.fetch });

    expect(tokens).toEqual({ idToken: 'id.jwt', accessToken: 'access.jwt', expiresIn: 3600, returnTo: '/pms' });
    expect(endpoint.calls[0]!.url).toBe(`${settings.domain}/oauth2/token`);
    expect(Object.fromEntries(new URLSearchParams(String(endpoint.calls[0]!.init.body)))).toEqual({
      grant_type: 'authorization_code',
      client_id: 'abc123client',
      code: 'the-code',
      redirect_uri: redirectUri,
      code_verifier: verifier,
    });
    // Replaying the callback finds no pending login.
    await expect(completeLogin(settings, `${redirectUri}?code=the-code&state=${state}`, { storage, fetch: endpoint.fetch })).rejects.toMatchObject({ code: 'no_pending_login' });
  });

  it('refuses a callback whose state is not this tab’s, without calling the token endpoint', async () => {
    const storage = memoryStorage();
    await beginLogin(settings, { redirectUri, returnTo: '/', storage });
    const endpoint = tokenEndpoint({ status: 200, body: {} });

    await expect(completeLogin(settings, `${redirectUri}?code=c&state=forged`, { storage, fetch: endpoint.fetch })).rejects.toMatchObject({ name: 'LoginError', code: 'state_mismatch' });
    expect(endpoint.calls).toHaveLength(0);
    expect(storage.items.size).toBe(0);
  });

  it('reports the managed login’s own error and a refused exchange', async () => {
    const storage = memoryStorage();
    await expect(completeLogin(settings, `${redirectUri}?error=access_denied&error_description=User+cancelled`, { storage })).rejects.toThrow('User cancelled');

    await beginLogin(settings, { redirectUri, returnTo: '/', storage });
    const { state } = JSON.parse(storage.getItem('console.auth.pending')!);
    const endpoint = tokenEndpoint({ status: 400, body: { error: 'invalid_grant' } });
    const refused = completeLogin(settings, `${redirectUri}?code=old&state=${state}`, { storage, fetch: endpoint.fetch });
    await expect(refused).rejects.toBeInstanceOf(LoginError);
    await expect(refused).rejects.toMatchObject({ code: 'invalid_grant' });
  });

  it('builds the authorize and logout URLs with custom scopes', () => {
    const url = new URL(authorizeUrl({ ...settings, scopes: ['openid', 'email'] }, { state: 's', redirectUri }, 'c'));
    expect(url.searchParams.get('scope')).toBe('openid email');
    expect(logoutUrl(settings, 'https://console.example.com/console/')).toBe(
      `${settings.domain}/logout?client_id=abc123client&logout_uri=https%3A%2F%2Fconsole.example.com%2Fconsole%2F`,
    );
  });
});
