/**
 * The console's runtime settings, read from `config.json` beside `index.html` when the page loads.
 * It is written at deploy time (locally: answered by `local/console-static.ts`), so one build runs
 * against any stack: nothing here is baked into the bundle.
 */
export type AuthConfig =
  | { mode: 'local' }
  | {
      mode: 'cognito';
      /** The managed login's domain: `https://<prefix>.auth.<region>.amazoncognito.com` or a custom one. */
      domain: string;
      clientId: string;
      /** Default `openid email profile`. */
      scopes?: string[];
    };

export interface RuntimeConfig {
  /** Where the HTTP API is, relative to the console's origin: `/api` (CloudFront routes it). */
  apiBase: string;
  auth: AuthConfig;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks a parsed `config.json`; throws `ConfigError` naming the first bad field. */
export function parseRuntimeConfig(raw: unknown): RuntimeConfig {
  if (!isRecord(raw)) throw new ConfigError('config.json must be a JSON object');
  const apiBase = raw.apiBase ?? '/api';
  if (typeof apiBase !== 'string' || !/^(\/[A-Za-z0-9._~-]+)+\/?$|^https:\/\/[^\s]+$/.test(apiBase)) {
    throw new ConfigError('config.json: apiBase must be a path such as /api (or an https URL)');
  }
  const auth = raw.auth;
  if (!isRecord(auth)) throw new ConfigError('config.json: auth is required ({"mode": "local"} or {"mode": "cognito", ...})');
  if (auth.mode === 'local') return { apiBase: apiBase.replace(/\/+$/, ''), auth: { mode: 'local' } };
  if (auth.mode !== 'cognito') throw new ConfigError('config.json: auth.mode must be "local" or "cognito"');
  if (typeof auth.domain !== 'string' || !/^https:\/\/[A-Za-z0-9.-]+(:\d+)?\/?$/.test(auth.domain)) {
    throw new ConfigError('config.json: auth.domain must be the https URL of the Cognito managed login');
  }
  if (typeof auth.clientId !== 'string' || !/^[A-Za-z0-9]{1,128}$/.test(auth.clientId)) {
    throw new ConfigError('config.json: auth.clientId must be the app client id');
  }
  const scopes = auth.scopes;
  if (scopes !== undefined && (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string' && /^[\x21-\x7E]+$/.test(s)))) {
    throw new ConfigError('config.json: auth.scopes must be a list of scope names');
  }
  return {
    apiBase: apiBase.replace(/\/+$/, ''),
    auth: { mode: 'cognito', domain: auth.domain.replace(/\/+$/, ''), clientId: auth.clientId, ...(scopes ? { scopes: scopes as string[] } : {}) },
  };
}

/** Fetches and checks `config.json` from beside the page (`/console/config.json`). */
export async function loadRuntimeConfig(baseUrl: string, doFetch: typeof fetch = fetch): Promise<RuntimeConfig> {
  const response = await doFetch(`${baseUrl.replace(/\/+$/, '')}/config.json`, { cache: 'no-store' });
  if (!response.ok) throw new ConfigError(`config.json could not be read (HTTP ${response.status})`);
  let raw: unknown;
  try {
    raw = await response.json();
  } catch {
    throw new ConfigError('config.json is not valid JSON');
  }
  return parseRuntimeConfig(raw);
}
