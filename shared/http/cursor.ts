import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { BadCursorError } from '#domain/errors.ts';
import type { PagePosition } from '#ports/pagination.ts';

/**
 * Which list, with which filters, a cursor belongs to. It is bound into the cursor's
 * authentication, so a cursor used on another list or with other filters is refused instead of
 * silently skipping or repeating items. The page size is not part of it: it may change between pages.
 */
export interface CursorScope {
  list: string;
  filters: Readonly<Record<string, string | number | boolean | undefined>>;
}

/** `c1.` + base64url(iv | ciphertext | tag). The prefix names the format, so a new one can coexist. */
const PREFIX = 'c1.';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Separates the cursor key from any other key derived from the same secret. */
const KEY_INFO = 'hotel-booking/pagination-cursor/v1';
export const MIN_CURSOR_SECRET_LENGTH = 32;

function scopeBytes(scope: CursorScope): Buffer {
  const filters = Object.entries(scope.filters)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Buffer.from(JSON.stringify([scope.list, filters]), 'utf8');
}

function isPosition(value: unknown): value is PagePosition {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string' || typeof v === 'number')
  );
}

/**
 * The one codec of every keyset-paginated list's `cursor` / `nextCursor`. A cursor is the list's
 * position encrypted and authenticated with AES-256-GCM under a key derived from `CURSOR_SECRET`
 * (HKDF-SHA256), with the list and its filters as associated data: opaque (the table's key design
 * stays private), tamper-evident (a changed byte fails authentication) and bound to its query. Any
 * cursor that does not open is a `400 BAD_CURSOR`, never a storage error.
 *
 * Cursors do not expire; rotating the secret invalidates the ones in flight (clients start over).
 */
export class CursorCodec {
  private readonly key: Buffer;

  constructor(secret: string) {
    if (secret.length < MIN_CURSOR_SECRET_LENGTH) {
      throw new RangeError(`The cursor secret must be at least ${MIN_CURSOR_SECRET_LENGTH} characters`);
    }
    this.key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), KEY_INFO, 32));
  }

  seal(scope: CursorScope, position: PagePosition): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(scopeBytes(scope));
    const body = Buffer.concat([cipher.update(JSON.stringify(position), 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
  }

  /** The position a cursor stands for; undefined for no cursor (the first page). */
  open(scope: CursorScope, cursor: string | undefined): PagePosition | undefined {
    if (cursor === undefined) return undefined;
    if (!cursor.startsWith(PREFIX)) throw new BadCursorError();
    const raw = Buffer.from(cursor.slice(PREFIX.length), 'base64url');
    if (raw.length <= IV_BYTES + TAG_BYTES) throw new BadCursorError();
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
      decipher.setAAD(scopeBytes(scope));
      decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
      const text = Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString('utf8');
      const position: unknown = JSON.parse(text);
      if (isPosition(position)) return position;
    } catch (error) {
      throw new BadCursorError({ cause: error });
    }
    throw new BadCursorError();
  }
}
