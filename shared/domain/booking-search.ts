import type { GuestInfo } from './booking.ts';

/**
 * How staff find a booking by text (issue 10): a booking id (exact), a guest e-mail (exact, any
 * case) or a guest name (a prefix, ignoring case, accents and spaces). Search keys are derived
 * here once, for the write that files them and the read that looks them up, so both always agree.
 */

/** Booking ids as checkout makes them (`bk_` and 20 hex digits): such a text is an id search only. */
const BOOKING_ID = /^bk_[0-9a-f]{20}$/;

/**
 * Search text as a key: compatibility-decomposed (NFKD, so "ｋｉｍ" is "kim" and "é" is "e" plus a
 * mark), marks stripped, lower case, and every space and punctuation gone ("O'Brien", "o brien" and
 * "obrien" are one key). Hangul decomposes into jamo under NFKD and has no marks to strip, so the
 * key recomposes (NFC) at the end: "홍길동" stays three syllables and a syllable prefix matches.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '')
    .normalize('NFC');
}

/** The e-mail key: trimmed, lower case (exact match otherwise, as `sameEmail` compares). */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * A guest's name keys: given-then-family ("minjikim") and family-then-given ("kimminji"), so a
 * prefix of the full name in either order, and a prefix of the family name alone, all match. One
 * key when both orders spell the same.
 */
export function nameKeys(guest: Pick<GuestInfo, 'firstName' | 'lastName'>): string[] {
  const given = searchKey(guest.firstName);
  const family = searchKey(guest.lastName);
  const keys = [`${given}${family}`, `${family}${given}`].filter((k) => k !== '');
  return [...new Set(keys)];
}

/** What a search text asks for. */
export type BookingSearchTerm =
  | { kind: 'id'; bookingId: string }
  | { kind: 'email'; email: string }
  | { kind: 'name'; prefix: string };

/**
 * Reads a (validated) search text: a booking id, else an e-mail when it has an `@`, else a name
 * prefix. `undefined` when nothing searchable is left once normalized (only punctuation or marks).
 */
export function parseSearchTerm(text: string): BookingSearchTerm | undefined {
  const trimmed = text.trim();
  if (BOOKING_ID.test(trimmed)) return { kind: 'id', bookingId: trimmed };
  if (trimmed.includes('@')) return { kind: 'email', email: emailKey(trimmed) };
  const prefix = searchKey(trimmed);
  return prefix === '' ? undefined : { kind: 'name', prefix };
}
