import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JWK, type JWTPayload } from 'jose';
import { LOCAL_CLIENT_ID, LOCAL_ISSUER, LOCAL_SIGNING_ALG, loadSigningKey } from '../cognito/local-issuer.ts';

/**
 * The local counterpart of API Gateway's HTTP API JWT authorizer. It applies the checks AWS
 * documents for that authorizer, in the same order of concern: the token comes from the
 * `Authorization` header, bare or prefixed with `Bearer`; the header must name a `kid` of the key
 * set; the signature must be RSA (RS256) by that key; `iss` must equal the issuer exactly; `aud`
 * (or `client_id`, for access tokens) must be one of the audiences; `exp` must be in the future,
 * and `nbf`/`iat` not in the future. Anything else is refused: the caller answers 401.
 *
 * It only decides whether the token is genuine. Who may call which route (admin or guest) is
 * decided by the handlers (`shared/http/principal.ts`), on AWS and locally alike.
 */
export interface JwtAuthorizer {
  /** The token's claims as issued (not yet flattened the API Gateway way), or undefined to refuse. */
  verifyBearer(authorizationHeader: string | undefined): Promise<JWTPayload | undefined>;
}

export interface JwtAuthorizerOptions {
  issuer: string;
  audience: string[];
  /** Public keys (JWKS `keys`), each with its `kid`. */
  keys: JWK[];
}

/** `Bearer abc` or a bare `abc`, as API Gateway accepts from the identity source. */
export function tokenFromHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^\s*(?:bearer\s+)?(\S+)\s*$/i.exec(header);
  return match?.[1];
}

function audienceMatches(payload: JWTPayload, audience: string[]): boolean {
  const aud = payload.aud === undefined ? [] : Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (aud.some((a) => audience.includes(a))) return true;
  return typeof payload.client_id === 'string' && audience.includes(payload.client_id);
}

export function createJwtAuthorizer(options: JwtAuthorizerOptions): JwtAuthorizer {
  const keySet = createLocalJWKSet({ keys: options.keys });
  const kids = new Set(options.keys.map((k) => k.kid));
  return {
    async verifyBearer(header) {
      const token = tokenFromHeader(header);
      if (!token) return undefined;
      try {
        const { kid } = decodeProtectedHeader(token);
        if (!kid || !kids.has(kid)) return undefined;
        const { payload } = await jwtVerify(token, keySet, {
          issuer: options.issuer,
          algorithms: [LOCAL_SIGNING_ALG],
          requiredClaims: ['exp'],
        });
        if (!audienceMatches(payload, options.audience)) return undefined;
        if (typeof payload.iat === 'number' && payload.iat > Math.ceil(Date.now() / 1000)) return undefined;
        return payload;
      } catch {
        return undefined;
      }
    },
  };
}

/** The authorizer of the local stack: the local issuer, the local client id, the local key. */
export async function createLocalJwtAuthorizer(keyFile?: string): Promise<JwtAuthorizer> {
  const key = await loadSigningKey(keyFile);
  return createJwtAuthorizer({ issuer: LOCAL_ISSUER, audience: [LOCAL_CLIENT_ID], keys: [key.publicJwk] });
}

let defaultAuthorizer: Promise<JwtAuthorizer> | undefined;

/** Verifies a header against the local stack's key; the claims, or undefined when refused. */
export async function verifyBearer(authorizationHeader: string | undefined): Promise<JWTPayload | undefined> {
  defaultAuthorizer ??= createLocalJwtAuthorizer();
  return (await defaultAuthorizer).verifyBearer(authorizationHeader);
}
