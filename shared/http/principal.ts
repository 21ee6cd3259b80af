import { ForbiddenError, UnauthorizedError } from '#domain/errors.ts';
import type { AuthLevel } from './route.ts';

export interface Principal {
  /** The token's `sub`: a guest's id, or an admin's. */
  subject: string;
  /** The token's verified e-mail, when it carries one. */
  email?: string;
  groups: string[];
  isAdmin: boolean;
}

/**
 * Reads `cognito:groups` as API Gateway hands it over. HTTP API JWT authorizers flatten array
 * claims into a string like `[admin guest]`; a real JSON array is accepted too.
 */
export function parseGroups(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.map(String);
  if (typeof claim !== 'string' || claim.trim() === '') return [];
  const text = claim.trim();
  if (text.startsWith('[') && text.endsWith(']')) {
    const inner = text.slice(1, -1).trim();
    if (inner.startsWith('"')) {
      try {
        return (JSON.parse(text) as unknown[]).map(String);
      } catch {
        /* fall through to the space-separated form */
      }
    }
    return inner.split(/[\s,]+/).filter(Boolean);
  }
  return text.split(/[\s,]+/).filter(Boolean);
}

/**
 * Decides whether the claims the JWT authorizer verified may call a route of `level`. The token's
 * signature, issuer, audience and expiry were already checked by the authorizer (API Gateway on
 * AWS, `local/jwt-authorizer.ts` locally); this checks who the caller is.
 */
export function authorize(level: AuthLevel, claims: Record<string, unknown> | undefined): Principal | undefined {
  if (level === 'public') return claims?.sub ? toPrincipal(claims) : undefined;
  if (!claims || typeof claims.sub !== 'string') {
    throw new UnauthorizedError('Sign in first: this route needs a bearer token.');
  }
  const principal = toPrincipal(claims);
  if (level === 'admin' && !principal.isAdmin) {
    throw new ForbiddenError('This route is for administrators.');
  }
  if (level === 'guest' && !principal.isAdmin && !principal.groups.includes('guest')) {
    throw new ForbiddenError('This route is for signed-in guests.');
  }
  return principal;
}

function toPrincipal(claims: Record<string, unknown>): Principal {
  const groups = parseGroups(claims['cognito:groups']);
  const email = typeof claims.email === 'string' && claims.email ? claims.email : undefined;
  return { subject: String(claims.sub), ...(email ? { email } : {}), groups, isAdmin: groups.includes('admin') };
}
