import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { decodeJwt, decodeProtectedHeader, SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJwtAuthorizer, createLocalJwtAuthorizer, tokenFromHeader, type JwtAuthorizer } from '../../../local/api-gateway/jwt-authorizer.ts';
import { authorize } from '../../../shared/http/principal.ts';
import { toApiGatewayClaims } from '../../../local/api-gateway/payload-v2-event.ts';
import {
  generateSigningKey,
  HOTEL_IDS_CLAIM,
  issueToken,
  LOCAL_CLIENT_ID,
  LOCAL_ISSUER,
  loadSigningKey,
  type LocalSigningKey,
} from '../../../local/cognito/local-issuer.ts';

describe('local issuer and JWT authorizer', () => {
  let dir: string;
  let keyFile: string;
  let key: LocalSigningKey;
  let authorizer: JwtAuthorizer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'local-jwt-'));
    keyFile = join(dir, '.local', 'jwt-signing-key.json');
    key = await loadSigningKey(keyFile);
    authorizer = await createLocalJwtAuthorizer(keyFile);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the generated key in a file only its owner can read, and reuses it', async () => {
    const stored = JSON.parse(readFileSync(keyFile, 'utf8'));

    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(stored.kid).toBe(key.kid);
    expect(key.publicJwk).not.toHaveProperty('d');
    expect(await loadSigningKey(keyFile)).toBe(key);
  });

  it('issues admin tokens with Cognito ID-token claims', async () => {
    const token = await issueToken({ role: 'admin' }, key);

    const claims = decodeJwt(token);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'RS256', kid: key.kid });
    expect(claims).toMatchObject({
      sub: 'admin-local',
      'cognito:groups': ['admin'],
      iss: LOCAL_ISSUER,
      aud: LOCAL_CLIENT_ID,
      token_use: 'id',
      email: expect.stringContaining('@'),
    });
    expect(claims.exp! - claims.iat!).toBe(12 * 3600);
  });

  it('round-trips: a token it issued verifies, with or without the Bearer prefix', async () => {
    const token = await issueToken({ role: 'guest', subject: 'g_42' }, key);

    const withPrefix = await authorizer.verifyBearer(`Bearer ${token}`);
    const bare = await authorizer.verifyBearer(token);

    expect(withPrefix).toMatchObject({ sub: 'g_42', 'cognito:groups': ['guest'] });
    expect(bare?.sub).toBe('g_42');
  });

  it('gives a guest a generated id when none is asked for', async () => {
    const claims = decodeJwt(await issueToken({ role: 'guest' }, key));

    expect(claims.sub).toMatch(/^g_[0-9a-f]{12}$/);
  });

  it.each([
    ['an empty header', ''],
    ['a missing header', undefined],
    ['garbage', 'Bearer abc.def.ghi'],
  ])('refuses %s', async (_label, header) => {
    expect(await authorizer.verifyBearer(header)).toBeUndefined();
  });

  it('refuses a token signed by another key, with its own or with our key id', async () => {
    const other = await generateSigningKey();

    expect(await authorizer.verifyBearer(await issueToken({ role: 'admin' }, other))).toBeUndefined();
    expect(await authorizer.verifyBearer(await issueToken({ role: 'admin' }, { ...other, kid: key.kid }))).toBeUndefined();
  });

  it('refuses an expired token', async () => {
    const expired = await issueToken({ role: 'admin', now: new Date(Date.now() - 3_600_000), ttlSeconds: 60 }, key);

    expect(await authorizer.verifyBearer(expired)).toBeUndefined();
  });

  it('refuses an unsigned token (alg none)', async () => {
    const unsigned = new UnsecuredJWT({ sub: 'admin-local', 'cognito:groups': ['admin'] })
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_CLIENT_ID)
      .setExpirationTime('1h')
      .encode();

    expect(await authorizer.verifyBearer(unsigned)).toBeUndefined();
  });

  it.each([
    ['a foreign issuer', { iss: 'https://evil.example', aud: LOCAL_CLIENT_ID, exp: true }],
    ['a foreign audience', { iss: LOCAL_ISSUER, aud: 'other-client', exp: true }],
    ['no expiry', { iss: LOCAL_ISSUER, aud: LOCAL_CLIENT_ID, exp: false }],
  ])('refuses a token with %s', async (_label, shape) => {
    let jwt = new SignJWT({ 'cognito:groups': ['admin'] })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid })
      .setSubject('admin-local')
      .setIssuer(shape.iss)
      .setAudience(shape.aud)
      .setIssuedAt();
    if (shape.exp) jwt = jwt.setExpirationTime('1h');

    expect(await authorizer.verifyBearer(await jwt.sign(key.privateKey))).toBeUndefined();
  });

  it('accepts an access token whose client_id is the audience, as API Gateway does', async () => {
    const access = await new SignJWT({ client_id: LOCAL_CLIENT_ID, token_use: 'access', scope: 'aws.cognito.signin.user.admin' })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid })
      .setSubject('admin-local')
      .setIssuer(LOCAL_ISSUER)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(key.privateKey);

    expect((await authorizer.verifyBearer(access))?.client_id).toBe(LOCAL_CLIENT_ID);
  });

  it('refuses a token without a key id even when the signature is good', async () => {
    const other = createJwtAuthorizer({ issuer: LOCAL_ISSUER, audience: [LOCAL_CLIENT_ID], keys: [key.publicJwk] });
    const noKid = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256' })
      .setSubject('x')
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_CLIENT_ID)
      .setExpirationTime('1h')
      .sign(key.privateKey);

    expect(await other.verifyBearer(noKid)).toBeUndefined();
  });

  it('issues hotel manager tokens naming their hotels, which verify but are not admins', async () => {
    const token = await issueToken({ role: 'hotel_manager', subject: 'hm_1', hotelIds: ['htl_a', 'htl_b', 'htl_a'] }, key);

    const claims = await authorizer.verifyBearer(`Bearer ${token}`);
    expect(claims).toMatchObject({ sub: 'hm_1', 'cognito:groups': ['hotel_manager'], [HOTEL_IDS_CLAIM]: 'htl_a,htl_b' });
    // The API decides what a hotel manager may call; today every admin route refuses them.
    expect(() => authorize('admin', toApiGatewayClaims(claims!))).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('refuses a hotel manager token without hotels, and hotels on any other role', async () => {
    await expect(issueToken({ role: 'hotel_manager' }, key)).rejects.toThrow(/at least one hotel/);
    await expect(issueToken({ role: 'hotel_manager', hotelIds: ['bad id'] }, key)).rejects.toThrow(/may contain only/);
    await expect(issueToken({ role: 'admin', hotelIds: ['htl_a'] }, key)).rejects.toThrow(/Only a hotel_manager/);
    expect(decodeJwt(await issueToken({ role: 'admin' }, key))).not.toHaveProperty(HOTEL_IDS_CLAIM);
  });

  it('reads the token from the header like API Gateway', () => {
    expect(tokenFromHeader('Bearer abc')).toBe('abc');
    expect(tokenFromHeader('bearer   abc ')).toBe('abc');
    expect(tokenFromHeader('abc')).toBe('abc');
    expect(tokenFromHeader('Basic a b')).toBeUndefined();
  });
});

describe('npm run token', () => {
  const tsx = 'node_modules/.bin/tsx';
  // The project's Node (node_modules/.bin/node) first on PATH: tsx's shebang runs `env node`.
  const env = { ...process.env, PATH: `${resolve('node_modules/.bin')}${delimiter}${process.env.PATH ?? ''}` };

  it('prints only a token on stdout, which the local stack accepts', async () => {
    const result = spawnSync(tsx, ['local/token.ts', 'guest', 'g_cli'], { encoding: 'utf8', env });

    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    const claims = await (await createLocalJwtAuthorizer()).verifyBearer(`Bearer ${lines[0]}`);
    expect(claims).toMatchObject({ sub: 'g_cli', 'cognito:groups': ['guest'] });
  });

  it('mints a hotel manager token for the hotels given', async () => {
    const result = spawnSync(tsx, ['local/token.ts', 'hotel_manager', 'hm_cli', 'htl_seoul_hanriver,htl_jeju_oceanview'], { encoding: 'utf8', env });

    expect(result.status).toBe(0);
    const claims = await (await createLocalJwtAuthorizer()).verifyBearer(`Bearer ${result.stdout.trim()}`);
    expect(claims).toMatchObject({ sub: 'hm_cli', 'cognito:groups': ['hotel_manager'], [HOTEL_IDS_CLAIM]: 'htl_seoul_hanriver,htl_jeju_oceanview' });
  });

  it.each([[[]], [['root']], [['guest', 'bad id']], [['hotel_manager', 'hm_1']], [['hotel_manager', '-', 'bad id']]])('exits 2 with one line of usage for %j', (args) => {
    const result = spawnSync(tsx, ['local/token.ts', ...args], { encoding: 'utf8', env });

    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('Usage: npm run -s token -- admin | guest');
  });
});
