import { sendJson } from '../http/json-response.ts';
import type { LocalService } from '../stack/services.ts';
import { LOCAL_CLIENT_ID, LOCAL_ISSUER, loadSigningKey } from './local-issuer.ts';

/** Where the local issuer publishes its public keys, as Cognito does at `<issuer>/.well-known/jwks.json`. */
export const LOCAL_JWKS_PATH = '/_local/jwks.json';

/**
 * The user pool's public face in the local stack: the key set of the local issuer at
 * `GET /_local/jwks.json`, and the variables with which `optional` routes (checkout) verify a
 * token themselves (`AUTH_ISSUER`, `AUTH_AUDIENCE`, `AUTH_JWKS_URL`). On AWS, CDK sets the first two
 * from the pool, and the keys are Cognito's.
 */
export const cognitoService: LocalService = {
  name: 'Cognito',
  async start(ctx) {
    const key = await loadSigningKey();
    ctx.addLocalRoute({
      method: 'GET',
      path: LOCAL_JWKS_PATH,
      handle: (_req, res) => sendJson(res, 200, { keys: [key.publicJwk] }, { 'cache-control': 'max-age=300' }),
    });
    const apiBaseUrl = process.env.API_BASE_URL ?? 'http://localhost:3000';
    return {
      url: `${apiBaseUrl}${LOCAL_JWKS_PATH} (local issuer's keys; tokens: npm run token)`,
      env: { AUTH_ISSUER: LOCAL_ISSUER, AUTH_AUDIENCE: LOCAL_CLIENT_ID, AUTH_JWKS_URL: `${apiBaseUrl}${LOCAL_JWKS_PATH}` },
    };
  },
  async stop() {},
};
