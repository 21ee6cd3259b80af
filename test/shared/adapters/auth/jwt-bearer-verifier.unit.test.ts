import { createLocalJWKSet } from 'jose';
import { describe, expect, it } from 'vitest';
import { generateSigningKey, issueToken, LOCAL_CLIENT_ID, LOCAL_ISSUER } from '../../../../local/cognito/local-issuer.ts';
import { JwtBearerVerifier } from '../../../../shared/adapters/auth/jwt-bearer-verifier.ts';
import { UnauthorizedError } from '../../../../shared/domain/errors.ts';

const NOW = new Date('2026-05-01T10:00:00.000Z');

async function setup() {
  const key = await generateSigningKey();
  const verifier = new JwtBearerVerifier(
    { issuer: LOCAL_ISSUER, audience: [LOCAL_CLIENT_ID], keys: createLocalJWKSet({ keys: [key.publicJwk] }) },
    () => NOW,
  );
  return { key, verifier };
}

describe('JwtBearerVerifier (optional routes: checkout)', () => {
  it('treats a request without a token as anonymous', async () => {
    const { verifier } = await setup();

    expect(await verifier.claimsOf(undefined)).toBeUndefined();
    expect(await verifier.claimsOf('  ')).toBeUndefined();
  });

  it('returns the claims of a valid token, bare or with Bearer', async () => {
    const { key, verifier } = await setup();
    const token = await issueToken({ role: 'guest', subject: 'g_1', email: 'a@b.co', now: NOW }, key);

    expect(await verifier.claimsOf(`Bearer ${token}`)).toMatchObject({ sub: 'g_1', email: 'a@b.co', email_verified: true });
    expect((await verifier.claimsOf(token))?.sub).toBe('g_1');
  });

  it('refuses (401, never anonymous) an expired token, another key, another audience or issuer, and garbage', async () => {
    const { key, verifier } = await setup();
    const other = await generateSigningKey();
    const bad = [
      await issueToken({ role: 'guest', now: new Date(NOW.getTime() - 13 * 3600_000) }, key),
      await issueToken({ role: 'guest', now: NOW }, other),
      'not.a.token',
      'Basic dXNlcjpwYXNz',
    ];
    for (const token of bad) {
      await expect(verifier.claimsOf(`Bearer ${token}`)).rejects.toBeInstanceOf(UnauthorizedError);
    }
    const wrongAudience = new JwtBearerVerifier({ issuer: LOCAL_ISSUER, audience: ['another-client'], keys: createLocalJWKSet({ keys: [key.publicJwk] }) }, () => NOW);
    const wrongIssuer = new JwtBearerVerifier({ issuer: 'https://elsewhere.invalid', audience: [LOCAL_CLIENT_ID], keys: createLocalJWKSet({ keys: [key.publicJwk] }) }, () => NOW);
    const token = await issueToken({ role: 'guest', now: NOW }, key);
    await expect(wrongAudience.claimsOf(token)).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(wrongIssuer.claimsOf(token)).rejects.toBeInstanceOf(UnauthorizedError);
  });
});
