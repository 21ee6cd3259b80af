/**
 * Proof Key for Code Exchange (RFC 7636) with the S256 method, on the Web Crypto API: a random
 * verifier kept in the tab, and its SHA-256 challenge sent with the authorization request, so a
 * stolen authorization code is useless without the verifier.
 */
export function base64UrlEncode(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function base64UrlDecode(text: string): Uint8Array {
  const padded = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  const binary = atob(padded);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** RFC 7636 §4.1: 43 to 128 characters of [A-Z a-z 0-9 - . _ ~]. */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** A verifier of `bytes` random bytes (32 -> 43 characters, the RFC's recommendation). */
export function createVerifier(random: Pick<Crypto, 'getRandomValues'> = crypto, bytes = 32): string {
  if (bytes < 32 || bytes > 96) throw new RangeError('a verifier needs 32 to 96 random bytes');
  return base64UrlEncode(random.getRandomValues(new Uint8Array(bytes)));
}

/** `BASE64URL(SHA256(ASCII(verifier)))`. */
export async function challengeFor(verifier: string, subtle: SubtleCrypto = crypto.subtle): Promise<string> {
  if (!VERIFIER.test(verifier)) throw new RangeError('not a valid PKCE verifier');
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64UrlEncode(new Uint8Array(digest));
}

/** An opaque value for `state` (CSRF protection of the redirect). */
export function createState(random: Pick<Crypto, 'getRandomValues'> = crypto): string {
  return base64UrlEncode(random.getRandomValues(new Uint8Array(16)));
}
