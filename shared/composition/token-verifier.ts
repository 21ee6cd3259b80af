import { createRemoteJWKSet } from 'jose';
import { JwtBearerVerifier } from '#adapters/auth/jwt-bearer-verifier.ts';
import { requireSetting } from '#config/config.ts';
import type { IdentifyCaller } from '#http/api-handler.ts';
import { provider } from './provider.ts';
import { config } from './runtime.ts';

/**
 * The verifier of `optional` routes: the user pool's issuer and app client (`AUTH_ISSUER`,
 * `AUTH_AUDIENCE`, set by CDK from the pool), its keys from `AUTH_JWKS_URL` or, as Cognito
 * publishes them, `<issuer>/.well-known/jwks.json`. Locally the stack points it at the local
 * issuer's keys (`/_local/jwks.json`).
 */
export const tokenVerifier = /* @__PURE__ */ provider<JwtBearerVerifier>(() => {
  const c = config();
  const issuer = requireSetting(c.authIssuer, 'AUTH_ISSUER');
  const jwksUrl = c.authJwksUrl ?? `${issuer.replace(/\/$/, '')}/.well-known/jwks.json`;
  return new JwtBearerVerifier({
    issuer,
    audience: requireSetting(c.authAudience, 'AUTH_AUDIENCE').split(',').map((a) => a.trim()).filter(Boolean),
    keys: createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: 3_000, cooldownDuration: 30_000 }),
  });
});

/** `apiHandler`'s `identify` for `optional` routes: the verified claims of the bearer token, if any. */
export const identifyCaller: IdentifyCaller = async (event) => {
  const header = event.headers?.authorization ?? event.headers?.Authorization;
  if (header === undefined) return undefined;
  return (await tokenVerifier().claimsOf(header)) as Record<string, unknown> | undefined;
};
