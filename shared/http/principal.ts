import { ALL_HOTELS, hotelAccessOf, type HotelAccess } from '#domain/access.ts';
import { ForbiddenError, UnauthorizedError } from '#domain/errors.ts';
import { isStaffAuth, type AuthLevel } from './route.ts';

/** The claim naming a hotel manager's hotels: a Cognito custom attribute, comma separated. */
export const HOTEL_IDS_CLAIM = 'custom:hotel_ids';
/** A guest's priority for room assignment, 1 (VIP) to 5 (regular): an admin-only custom attribute. */
export const VIP_LEVEL_CLAIM = 'custom:vip_level';

export interface Principal {
  /** The token's `sub`: a guest's id, or a staff member's. */
  subject: string;
  /**
   * The token's e-mail, only when the token says it is verified (`email_verified`). An unverified
   * address proves nothing (anyone can type someone else's), so it is not even carried here: no
   * code can match bookings against it by mistake.
   */
  verifiedEmail?: string;
  groups: string[];
  isAdmin: boolean;
  /** A member of `hotel_manager`: the hotels the token names (`custom:hotel_ids`); empty for everyone else. */
  managedHotelIds: string[];
  /** `custom:vip_level` when the token carries a valid one (1 = VIP ... 5 = regular). */
  vipLevel?: number;
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
 * `email_verified` as Cognito puts it in an ID token (a boolean) or as API Gateway's authorizer
 * hands claims over (every claim flattened to a string, so `"true"`). Anything else is unverified.
 */
export function isVerifiedClaim(claim: unknown): boolean {
  return claim === true || claim === 'true';
}

/**
 * Decides whether the claims the JWT authorizer verified may call a route of `level`. The token's
 * signature, issuer, audience and expiry were already checked by the authorizer (API Gateway on
 * AWS, `local/api-gateway/jwt-authorizer.ts` locally) or, for `optional` routes, by the handler's
 * `identify`; this checks who the caller is. A staff route's hotel is checked by `hotelAccessFor`
 * and the use cases.
 */
export function authorize(level: AuthLevel, claims: Record<string, unknown> | undefined): Principal | undefined {
  if (level === 'public' || level === 'optional') return claims?.sub ? toPrincipal(claims) : undefined;
  if (!claims || typeof claims.sub !== 'string') {
    throw new UnauthorizedError('Sign in first: this route needs a bearer token.');
  }
  const principal = toPrincipal(claims);
  if (level === 'admin' && !principal.isAdmin) {
    throw new ForbiddenError('This route is for administrators.');
  }
  if (isStaffAuth(level) && !principal.isAdmin && principal.managedHotelIds.length === 0) {
    throw new ForbiddenError('This route is for administrators and the managers of the hotel.');
  }
  return principal;
}

/**
 * The hotels a caller of an `admin` or staff route may reach: every hotel for an admin, the token's
 * hotels for a hotel manager. `undefined` on other routes. Call after `authorize`.
 */
export function hotelAccessFor(level: AuthLevel, principal: Principal | undefined): HotelAccess | undefined {
  if (!principal || !(level === 'admin' || isStaffAuth(level))) return undefined;
  return principal.isAdmin ? ALL_HOTELS : hotelAccessOf(principal.managedHotelIds);
}

function hotelIdsOf(claim: unknown): string[] {
  if (typeof claim !== 'string') return [];
  return [...new Set(claim.split(',').map((id) => id.trim()).filter(Boolean))];
}

function vipLevelOf(claim: unknown): number | undefined {
  const level = typeof claim === 'number' ? claim : typeof claim === 'string' && /^[1-5]$/.test(claim.trim()) ? Number(claim) : NaN;
  return Number.isInteger(level) && level >= 1 && level <= 5 ? level : undefined;
}

function toPrincipal(claims: Record<string, unknown>): Principal {
  const groups = parseGroups(claims['cognito:groups']);
  const email = typeof claims.email === 'string' && claims.email ? claims.email : undefined;
  const verifiedEmail = email && isVerifiedClaim(claims.email_verified) ? email : undefined;
  // The claim counts only with the group: an attribute alone makes nobody a manager.
  const managedHotelIds = groups.includes('hotel_manager') ? hotelIdsOf(claims[HOTEL_IDS_CLAIM]) : [];
  const vipLevel = vipLevelOf(claims[VIP_LEVEL_CLAIM]);
  return {
    subject: String(claims.sub),
    ...(verifiedEmail ? { verifiedEmail } : {}),
    groups,
    isAdmin: groups.includes('admin'),
    managedHotelIds,
    ...(vipLevel !== undefined ? { vipLevel } : {}),
  };
}
