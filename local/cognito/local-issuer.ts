import { randomBytes, randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JWK } from 'jose';

/**
 * The local stand-in for the Cognito user pool: it signs tokens whose claims look like a Cognito
 * ID token (`sub`, `cognito:groups`, `token_use: 'id'`, ...), so the handlers' group checks
 * (`shared/http/principal.ts`) see exactly what they see on AWS.
 *
 * The key is RS256 rather than an EC key because API Gateway's JWT authorizer accepts only
 * RSA-signed tokens, and Cognito signs with RS256: a local token should not be something AWS would
 * refuse. The key pair is made on first use and kept in `.local/jwt-signing-key.json` (mode 0600,
 * git-ignored) so `npm run token` and a running `npm start` agree without talking to each other.
 */
export const LOCAL_ISSUER = 'https://local-issuer.hotel-booking.invalid';
/** The local app client id: the ID token's `aud`, as a Cognito app client id would be. */
export const LOCAL_CLIENT_ID = 'hotel-booking-local-client';
export const LOCAL_SIGNING_ALG = 'RS256';
export const DEFAULT_KEY_FILE = fileURLToPath(new URL('../../.local/jwt-signing-key.json', import.meta.url));
/** A Cognito ID token lives one hour by default; a day of local work should not need a new one. */
export const DEFAULT_TOKEN_TTL_SECONDS = 12 * 60 * 60;

export type LocalRole = 'admin' | 'guest' | 'hotel_manager';

/**
 * The claim naming a hotel manager's hotels: a Cognito custom attribute, so a string (comma
 * separated), as Cognito puts custom attributes into ID tokens. The console reads it to know whose
 * hotels to show; the API enforces it (`shared/http/principal.ts`, staff routes).
 */
export const HOTEL_IDS_CLAIM = 'custom:hotel_ids';
/** A guest's room-assignment priority (`shared/http/principal.ts` reads it). */
export const VIP_LEVEL_CLAIM = 'custom:vip_level';
const HOTEL_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

export interface LocalSigningKey {
  kid: string;
  privateKey: CryptoKey;
  /** The public half as a JWK with `kid`, `alg` and `use`, as a JWKS endpoint would publish it. */
  publicJwk: JWK;
}

interface StoredKeyFile {
  kid: string;
  alg: string;
  privateJwk: JWK;
}

const PRIVATE_RSA_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'key_ops', 'ext'] as const;

function publicPart(privateJwk: JWK, kid: string): JWK {
  const copy: Record<string, unknown> = { ...privateJwk };
  for (const member of PRIVATE_RSA_MEMBERS) delete copy[member];
  return { ...(copy as JWK), kid, alg: LOCAL_SIGNING_ALG, use: 'sig' };
}

async function fromStored(stored: StoredKeyFile): Promise<LocalSigningKey> {
  const privateKey = (await importJWK(stored.privateJwk, LOCAL_SIGNING_ALG)) as CryptoKey;
  return { kid: stored.kid, privateKey, publicJwk: publicPart(stored.privateJwk, stored.kid) };
}

async function newStoredKey(): Promise<StoredKeyFile> {
  const { privateKey } = await generateKeyPair(LOCAL_SIGNING_ALG, { extractable: true });
  const privateJwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(privateJwk);
  return { kid, alg: LOCAL_SIGNING_ALG, privateJwk };
}

/** A fresh key pair that is never stored: tests use it to sign tokens the stack must refuse. */
export async function generateSigningKey(): Promise<LocalSigningKey> {
  return fromStored(await newStoredKey());
}

async function readKeyFile(keyFile: string): Promise<StoredKeyFile> {
  const text = await readFile(keyFile, 'utf8');
  try {
    const stored = JSON.parse(text) as StoredKeyFile;
    if (stored.alg !== LOCAL_SIGNING_ALG || typeof stored.kid !== 'string' || stored.privateJwk?.kty !== 'RSA') {
      throw new Error('unexpected content');
    }
    return stored;
  } catch {
    throw new Error(`${keyFile} is not a local signing key: delete it and a new one will be made.`);
  }
}

/**
 * Writes the key so that two processes starting at once (`npm start` and `npm run token`) end up
 * with the same key: the file appears atomically (hard link of a complete temporary file), and the
 * loser of the race reads the winner's key.
 */
async function createKeyFile(keyFile: string): Promise<StoredKeyFile> {
  await mkdir(dirname(keyFile), { recursive: true, mode: 0o700 });
  const stored = await newStoredKey();
  const temporary = `${keyFile}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(temporary, keyFile);
    return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readKeyFile(keyFile);
    throw error;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

const loaded = new Map<string, Promise<LocalSigningKey>>();

/** The local signing key, made on first use and then read from `keyFile`; cached per process. */
export function loadSigningKey(keyFile: string = DEFAULT_KEY_FILE): Promise<LocalSigningKey> {
  let key = loaded.get(keyFile);
  if (!key) {
    key = (async () => {
      try {
        return await fromStored(await readKeyFile(keyFile));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        return fromStored(await createKeyFile(keyFile));
      }
    })();
    key.catch(() => loaded.delete(keyFile));
    loaded.set(keyFile, key);
  }
  return key;
}

export interface IssueTokenOptions {
  role: LocalRole;
  /** The token's `sub`: `admin-local` for an admin, a generated guest id otherwise. */
  subject?: string;
  ttlSeconds?: number;
  email?: string;
  /** Issue time; tests set it in the past to make expired tokens. */
  now?: Date;
  /** `hotel_manager` only, and required for it: the hotels the manager runs (our hotel ids). */
  hotelIds?: string[];
  /**
   * `email_verified`, true by default: Cognito confirms a self-signed-up guest's e-mail before they
   * can sign in. False mints the token of an address nobody proved, which the API must never trust.
   */
  emailVerified?: boolean;
  /** `custom:vip_level`, 1 (VIP) to 5 (regular): a guest's room-assignment priority, set by staff in Cognito. */
  vipLevel?: number;
}

/** `hm_` and 12 hex digits: a hotel manager id that passes the API's id pattern. */
export function newHotelManagerId(): string {
  return `hm_${randomBytes(6).toString('hex')}`;
}

function defaultSubject(role: LocalRole): string {
  if (role === 'admin') return 'admin-local';
  return role === 'hotel_manager' ? newHotelManagerId() : newGuestId();
}

/** The extra claims of a role: a hotel manager's hotels. Throws on a hotel manager without valid hotels. */
function roleClaims(options: IssueTokenOptions): Record<string, string> {
  if (options.vipLevel !== undefined && !(Number.isInteger(options.vipLevel) && options.vipLevel >= 1 && options.vipLevel <= 5)) {
    throw new Error('A VIP level is a whole number from 1 (VIP) to 5 (regular).');
  }
  if (options.role !== 'hotel_manager') {
    if (options.hotelIds !== undefined) throw new Error('Only a hotel_manager token names hotels.');
    // Cognito puts custom attributes into ID tokens as strings, numbers included.
    return options.vipLevel !== undefined ? { [VIP_LEVEL_CLAIM]: String(options.vipLevel) } : {};
  }
  const hotelIds = options.hotelIds ?? [];
  if (hotelIds.length === 0) throw new Error('A hotel_manager token needs at least one hotel id.');
  const bad = hotelIds.find((id) => !HOTEL_ID.test(id));
  if (bad !== undefined) throw new Error(`Hotel id ${JSON.stringify(bad)} may contain only letters, digits and _ . : -`);
  return { [HOTEL_IDS_CLAIM]: [...new Set(hotelIds)].join(',') };
}

/** `g_` and 12 hex digits: a guest id that passes the API's id pattern. */
export function newGuestId(): string {
  return `g_${randomBytes(6).toString('hex')}`;
}

/**
 * Signs a token with Cognito ID-token claims for `role`. The result is what `npm run token` prints
 * and what the local HTTP API's authorizer accepts.
 */
export async function issueToken(options: IssueTokenOptions, key?: LocalSigningKey): Promise<string> {
  const signingKey = key ?? (await loadSigningKey());
  const extraClaims = roleClaims(options);
  const subject = options.subject ?? defaultSubject(options.role);
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const ttl = options.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  return new SignJWT({
    'cognito:groups': [options.role],
    'cognito:username': subject,
    email: options.email ?? `${subject}@local.hotel-booking.invalid`,
    email_verified: options.emailVerified ?? true,
    token_use: 'id',
    auth_time: issuedAt,
    ...extraClaims,
  })
    .setProtectedHeader({ alg: LOCAL_SIGNING_ALG, kid: signingKey.kid })
    .setSubject(subject)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_CLIENT_ID)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttl)
    .setJti(randomUUID())
    .sign(signingKey.privateKey);
}
