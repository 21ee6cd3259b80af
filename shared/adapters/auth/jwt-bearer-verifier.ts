import { decodeProtectedHeader, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { UnauthorizedError } from '#domain/errors.ts';

export interface JwtBearerVerifierOptions {
  /** The pool's issuer, exactly: `https://cognito-idp.<region>.amazonaws.com/<poolId>` on AWS. */
  issuer: string;
  /** App client ids whose tokens are accepted: an ID token's `aud`, an access token's `client_id`. */
  audience: readonly string[];
  /** The issuer's public keys (Cognito's `/.well-known/jwks.json`, fetched and cached by jose). */
  keys: JWTVerifyGetKey;
}

/** `Bearer abc` or a bare `abc`, as API Gateway accepts from the identity source. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  return /^\s*(?:bearer\s+)?(\S+)\s*$/i.exec(header)?.[1];
}

/**
 * What API Gateway's JWT authorizer checks, for the routes that have none in front of them
 * (`optional` routes: anyone may call, a signed-in caller is recognised): RS256 by a key of the
 * issuer's set, `iss` exactly, `aud` (or `client_id`) one of the clients, `exp` in the future and
 * `iat` not. A header without a token means an anonymous caller; a token that fails any check is
 * refused with 401 rather than treated as anonymous, so a guest whose session expired is told so
 * instead of booking without their account.
 */
export class JwtBearerVerifier {
  constructor(
    private readonly options: JwtBearerVerifierOptions,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async claimsOf(authorizationHeader: string | undefined): Promise<JWTPayload | undefined> {
    if (authorizationHeader === undefined || authorizationHeader.trim() === '') return undefined;
    const token = bearerToken(authorizationHeader);
    const refused = new UnauthorizedError('The bearer token is not valid: sign in again, or send the request without one.');
    if (!token) throw refused;
    try {
      if (!decodeProtectedHeader(token).kid) throw refused;
      const { payload } = await jwtVerify(token, this.options.keys, {
        issuer: this.options.issuer,
        algorithms: ['RS256'],
        requiredClaims: ['exp', 'sub'],
        currentDate: this.now(),
      });
      const aud = payload.aud === undefined ? [] : Array.isArray(payload.aud) ? payload.aud : [payload.aud];
      const clientId = typeof payload.client_id === 'string' ? payload.client_id : undefined;
      const audienceOk = aud.some((a) => this.options.audience.includes(a)) || (clientId !== undefined && this.options.audience.includes(clientId));
      if (!audienceOk) throw refused;
      if (typeof payload.iat === 'number' && payload.iat > Math.ceil(this.now().getTime() / 1000)) throw refused;
      return payload;
    } catch (error) {
      throw error instanceof UnauthorizedError ? error : refused;
    }
  }
}
