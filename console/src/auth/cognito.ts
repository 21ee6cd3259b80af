import { challengeFor, createState, createVerifier } from './pkce.ts';

/**
 * Sign-in through Cognito's managed login with the authorization-code flow and PKCE (public
 * client, no secret). `beginLogin` remembers the verifier and state in the tab's `sessionStorage`
 * and returns the authorize URL; the managed login redirects back to `/console/callback?code=...`
 * and `completeLogin` checks the state and exchanges the code at `/oauth2/token`. The console
 * sends the ID token to the API: it carries `cognito:groups` and the e-mail, as the local issuer's
 * tokens do, and its `aud` is the app client id the HTTP API's JWT authorizer expects.
 */
export interface CognitoSettings {
  domain: string;
  clientId: string;
  scopes?: string[];
}

export interface PendingLogin {
  state: string;
  verifier: string;
  redirectUri: string;
  /** The console path to return to after signing in. */
  returnTo: string;
}

export interface CognitoTokens {
  idToken: string;
  accessToken: string;
  expiresIn: number;
}

export class LoginError extends Error {
  override readonly name = 'LoginError';
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const PENDING_KEY = 'console.auth.pending';
export const DEFAULT_SCOPES = ['openid', 'email', 'profile'];

export function authorizeUrl(settings: CognitoSettings, pending: Pick<PendingLogin, 'state' | 'redirectUri'>, challenge: string): string {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: pending.redirectUri,
    scope: (settings.scopes ?? DEFAULT_SCOPES).join(' '),
    state: pending.state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  return `${settings.domain}/oauth2/authorize?${params.toString()}`;
}

/** Starts a login: stores the PKCE verifier and state, returns where to send the browser. */
export async function beginLogin(
  settings: CognitoSettings,
  options: { redirectUri: string; returnTo: string; storage: KeyValueStorage; random?: Pick<Crypto, 'getRandomValues'>; subtle?: SubtleCrypto },
): Promise<string> {
  const verifier = createVerifier(options.random);
  const pending: PendingLogin = { state: createState(options.random), verifier, redirectUri: options.redirectUri, returnTo: options.returnTo };
  options.storage.setItem(PENDING_KEY, JSON.stringify(pending));
  return authorizeUrl(settings, pending, await challengeFor(verifier, options.subtle));
}

function readPending(storage: KeyValueStorage): PendingLogin | undefined {
  const text = storage.getItem(PENDING_KEY);
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as PendingLogin;
    return typeof value.state === 'string' && typeof value.verifier === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Finishes a login from the callback URL: refuses an error answer, a missing code, or a state that
 * is not the one this tab sent; exchanges the code with the verifier. The pending login is removed
 * whatever happens, so a callback URL cannot be replayed.
 */
export async function completeLogin(
  settings: CognitoSettings,
  callbackUrl: string,
  options: { storage: KeyValueStorage; fetch?: typeof fetch },
): Promise<CognitoTokens & { returnTo: string }> {
  const pending = readPending(options.storage);
  options.storage.removeItem(PENDING_KEY);
  const params = new URL(callbackUrl).searchParams;
  const error = params.get('error');
  if (error) throw new LoginError(error, params.get('error_description') ?? `The sign-in was refused (${error}).`);
  const code = params.get('code');
  if (!code) throw new LoginError('missing_code', 'The sign-in answer has no authorization code.');
  if (!pending) throw new LoginError('no_pending_login', 'This tab did not start a sign-in (or it was already completed): sign in again.');
  if (params.get('state') !== pending.state) throw new LoginError('state_mismatch', 'The sign-in answer does not belong to this tab: sign in again.');

  const doFetch = options.fetch ?? fetch;
  const response = await doFetch(`${settings.domain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: settings.clientId,
      code,
      redirect_uri: pending.redirectUri,
      code_verifier: pending.verifier,
    }).toString(),
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const code_ = typeof body.error === 'string' ? body.error : `http_${response.status}`;
    throw new LoginError(code_, `The code could not be exchanged for a token (${code_}).`);
  }
  if (typeof body.id_token !== 'string' || typeof body.access_token !== 'string') {
    throw new LoginError('invalid_token_response', 'The token endpoint answered without an ID token.');
  }
  return {
    idToken: body.id_token,
    accessToken: body.access_token,
    expiresIn: typeof body.expires_in === 'number' ? body.expires_in : 3600,
    returnTo: pending.returnTo,
  };
}

/** Where to send the browser to end the managed-login session too. */
export function logoutUrl(settings: CognitoSettings, logoutUri: string): string {
  return `${settings.domain}/logout?${new URLSearchParams({ client_id: settings.clientId, logout_uri: logoutUri }).toString()}`;
}
