import { base64UrlDecode } from './pkce.ts';

/**
 * Who is signed in, read from the ID token the console holds. The claims are decoded, not
 * verified: the console only uses them to label the page and pick what to show; the API verifies
 * the token on every call and decides what each caller may do.
 *
 * The token lives in `sessionStorage` (this tab, until it closes) and never in `localStorage`.
 */
export type ConsoleRole = 'admin' | 'hotel_manager' | 'other';

export interface Session {
  token: string;
  role: ConsoleRole;
  subject: string;
  email?: string;
  /** A hotel manager's hotels (`custom:hotel_ids`); empty for an admin. */
  hotelIds: string[];
  /** Epoch milliseconds. */
  expiresAt: number;
}

export const HOTEL_IDS_CLAIM = 'custom:hotel_ids';
const STORAGE_KEY = 'console.session.token';

export function decodeClaims(token: string): Record<string, unknown> {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) throw new Error('not a JWT');
  const json = new TextDecoder().decode(base64UrlDecode(parts[1]));
  const claims = JSON.parse(json) as unknown;
  if (typeof claims !== 'object' || claims === null) throw new Error('JWT payload is not an object');
  return claims as Record<string, unknown>;
}

function groupsOf(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.map(String);
  if (typeof claim === 'string') return claim.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean);
  return [];
}

/** The session a token describes; throws when the token cannot be read or has no expiry. */
export function sessionFromToken(token: string): Session {
  const claims = decodeClaims(token);
  if (typeof claims.exp !== 'number') throw new Error('the token has no expiry');
  const groups = groupsOf(claims['cognito:groups']);
  const role: ConsoleRole = groups.includes('admin') ? 'admin' : groups.includes('hotel_manager') ? 'hotel_manager' : 'other';
  const hotelClaim = claims[HOTEL_IDS_CLAIM];
  const hotelIds = typeof hotelClaim === 'string' ? hotelClaim.split(',').map((h) => h.trim()).filter(Boolean) : [];
  return {
    token,
    role,
    subject: typeof claims.sub === 'string' ? claims.sub : '',
    ...(typeof claims.email === 'string' ? { email: claims.email } : {}),
    hotelIds,
    expiresAt: claims.exp * 1000,
  };
}

/** Keeps the token in a `Storage` (the tab's `sessionStorage`), dropping it once expired. */
export class SessionStore {
  readonly #storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  readonly #now: () => number;

  constructor(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>, now: () => number = Date.now) {
    this.#storage = storage;
    this.#now = now;
  }

  /** The stored session, if any and still valid for another minute. */
  load(): Session | undefined {
    const token = this.#storage.getItem(STORAGE_KEY);
    if (!token) return undefined;
    try {
      const session = sessionFromToken(token);
      if (session.expiresAt - 60_000 > this.#now()) return session;
    } catch {
      /* unreadable: forget it */
    }
    this.clear();
    return undefined;
  }

  save(token: string): Session {
    const session = sessionFromToken(token);
    this.#storage.setItem(STORAGE_KEY, token);
    return session;
  }

  clear(): void {
    this.#storage.removeItem(STORAGE_KEY);
  }
}
